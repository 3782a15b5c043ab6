/**
 * Our menu page, framed inside our closed shadow root in the page. The frame is another
 * origin (the extension's), so the page can neither read nor script what it draws. It is
 * told which menu to draw by a message addressed to the extension's origin only, and it
 * tells back only its height and when it closed (checked to come from that very frame).
 * @module
 */
import { MENU_FRAME_NOTE, MENU_ID_NOTE, type MenuFrameNote } from '../inline-pick.ts';

/** Where the menu page is: its URL (which may be a per-session one) and the extension's origin; and the frame's title, in the reader's language. */
export interface MenuPage {
  url: string;
  origin: string;
  title: string;
}

/** The menu's width in the page, in CSS pixels. */
export const MENU_WIDTH = 320;
const MIN_HEIGHT = 48;
const MAX_HEIGHT = 360;

/** A menu framed in the page. */
export interface MenuFrame {
  frame: HTMLIFrameElement;
  /** The frame's size as we set it (what the visibility check expects to see). */
  size(): { width: number; height: number };
  remove(): void;
}

/** Frames menu `menuId` into `root`; `onResize` after each height change, `onClose` when the menu asks to close. */
export function mountMenuFrame(root: ShadowRoot, page: MenuPage, menuId: string, onResize: () => void, onClose: () => void): MenuFrame {
  const document = root.ownerDocument;
  const view = document.defaultView!;
  const frame = document.createElement('iframe');
  let height = MIN_HEIGHT * 2;
  frame.title = page.title;
  frame.src = page.url;
  frame.style.cssText = `display: block; border: 0; border-radius: 8px; box-shadow: 0 4px 16px rgb(0 0 0 / 18%); width: ${MENU_WIDTH}px; height: ${height}px; color-scheme: normal;`;
  const onMessage = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== page.origin) return;
    const note = event.data as Partial<MenuFrameNote> | null;
    if (note?.event !== MENU_FRAME_NOTE) return;
    if (note.close) return onClose();
    if (typeof note.height === 'number' && Number.isFinite(note.height)) {
      height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, note.height)));
      frame.style.height = `${height}px`;
      onResize();
    }
  };
  view.addEventListener('message', onMessage);
  frame.addEventListener('load', () => frame.contentWindow?.postMessage({ event: MENU_ID_NOTE, menuId }, page.origin));
  root.append(frame);
  return {
    frame,
    size: () => ({ width: MENU_WIDTH, height }),
    remove() {
      view.removeEventListener('message', onMessage);
      frame.remove();
    },
  };
}
