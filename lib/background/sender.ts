/**
 * Who sent a message, from what the browser reports (never from what a message says).
 * Only our own extension is heard. An extension page is a frame whose origin is our
 * extension's: the browser sets that origin (and the URL's scheme and host), a web page
 * cannot. One of our pages is framed inside web pages, the inline menu: a frame of ours
 * at the menu page's path, in a tab, below the top frame, is the menu and never a page
 * that manages the vault. Anything else from our extension that comes from a tab is a
 * content script.
 * @module
 */
import type { Browser } from 'wxt/browser';
import type { SenderClass } from '../messages.ts';
import { MENU_PAGE_PATH } from '../fill/inline-pick.ts';

type Sender = Pick<Browser.runtime.MessageSender, 'id' | 'tab' | 'url' | 'origin' | 'frameId'>;

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '').pathname;
  } catch {
    return undefined;
  }
}

/**
 * Classifies a sender, or returns undefined for one that must not be heard at all.
 * `extensionBase` is `runtime.getURL('')`, e.g. `chrome-extension://<id>/`.
 */
export function classifySender(sender: Sender, extensionId: string, extensionBase: string): SenderClass | undefined {
  if (sender.id !== extensionId) return undefined;
  // Chrome reports the frame's origin; Firefox only its URL.
  const fromExtension = sender.origin !== undefined ? `${sender.origin}/` === extensionBase : sender.url?.startsWith(extensionBase);
  if (fromExtension && pathOf(sender.url) === MENU_PAGE_PATH) return sender.tab && (sender.frameId ?? 0) > 0 ? 'menu' : undefined;
  if (fromExtension) return 'page';
  if (sender.tab) return 'content';
  return undefined;
}
