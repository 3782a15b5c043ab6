/**
 * The inline offer. When the person presses on (or tabs into) a field that looks like an
 * API-key field, "Fill from AI Key Vault" appears under it; a page's script focusing the
 * field does not show it. Pressing it opens our menu, a frame of the extension's origin
 * that the page can neither read nor drive, for this frame. A key the person picks there
 * arrives from the background as a one-time token, which is redeemed for the key only if
 * at that moment the menu has been plainly visible for a while and the field is still
 * here, visible and editable.
 * @module
 */
import { judgeField } from '../field-signals.ts';
import { describeField, isTextField, unfillable, type TextField } from './describe-field.ts';
import { setFieldValue } from './set-value.ts';
import { HOST_TAG, mountShadowHost, trustedButton, type ShadowHost } from './shadow-host.ts';
import { MENU_WIDTH, mountMenuFrame, type MenuFrame, type MenuPage } from './menu-frame.ts';
import { VisibilityWatch, obstruction } from './host-visibility.ts';
import { fieldAtPick } from './field-at-pick.ts';
import { watchUserFocus } from './user-focus.ts';
import { PICK_DELAY_MS, type PickDelivery, type PickOutcome } from '../inline-pick.ts';
import type { Result } from '../../messages.ts';

/** How the offer reaches the background (the content script passes `ask`). */
export interface OfferChannel {
  open(providers: string[]): Promise<Result<{ menuId: string }>>;
  redeem(token: string): Promise<Result<{ secret: string }>>;
}

/** The running offer. */
export interface InlineOffer {
  /** Takes a pick the background delivered; answers how it went. */
  picked(delivery: PickDelivery): Promise<PickOutcome>;
  stop(): void;
}

interface OpenMenu {
  id: string;
  frame: MenuFrame;
  watch: VisibilityWatch;
  /** This document's origin when the menu opened. */
  origin: string;
}

/** Starts the offer in `document`: a button reading `label` (in the reader's language); the menu is `page`, framed. */
export function startInlineOffer(document: Document, channel: OfferChannel, page: MenuPage, label: string): InlineOffer {
  const view = document.defaultView!;
  const userFocus = watchUserFocus(document);
  let shown: { field: TextField; ui: ShadowHost; providers: string[]; menu?: OpenMenu } | undefined;

  function hide() {
    shown?.menu?.watch.stop();
    shown?.menu?.frame.remove();
    shown?.ui.remove();
    shown = undefined;
  }

  // Under the field, or above it when there is no room below; always inside the viewport.
  function place(ui: ShadowHost, field: TextField) {
    const box = field.getBoundingClientRect();
    const height = ui.host.getBoundingClientRect().height;
    const top = box.bottom + 4 + height > view.innerHeight ? box.top - height - 4 : box.bottom + 4;
    ui.place(Math.min(box.left, view.innerWidth - MENU_WIDTH - 4), Math.min(top, view.innerHeight - height));
  }

  function say(ui: ShadowHost, text: string) {
    const line = document.createElement('p');
    line.className = 'muted';
    line.setAttribute('role', 'status');
    line.textContent = text;
    ui.root.querySelector('.box')?.replaceChildren(line);
  }

  async function openMenu(field: TextField, ui: ShadowHost, providers: string[]) {
    const answer = await channel.open(providers);
    if (shown?.ui !== ui || shown.menu) return;
    if (!answer.ok) return say(ui, answer.message);
    ui.root.querySelector('.box')?.remove();
    const frame = mountMenuFrame(ui.root, page, answer.data.menuId, () => place(ui, field), () => (hide(), field.focus()));
    const watch = new VisibilityWatch(() => obstruction(ui.host, frame.frame, frame.size()));
    shown.menu = { id: answer.data.menuId, frame, watch, origin: document.location.origin };
    place(ui, field);
    frame.frame.focus(); // the keyboard moves into the menu
  }

  function show(field: TextField, providers: string[]) {
    if (shown?.field === field) return;
    hide();
    const ui = mountShadowHost(document, '');
    const box = document.createElement('div');
    box.className = 'box';
    box.append(trustedButton(document, label, () => void openMenu(field, ui, providers), 'primary'));
    ui.root.append(box);
    shown = { field, ui, providers };
    place(ui, field);
  }

  function offerFor(target: EventTarget | undefined, at: number) {
    if (!isTextField(target as Element) || unfillable(target as TextField)) return hide();
    const field = target as TextField;
    const verdict = judgeField(describeField(field));
    if (verdict.keyField && userFocus.byPerson(field, at)) show(field, verdict.providers);
    else if (shown?.field !== field) hide();
  }

  async function picked({ menuId, token }: PickDelivery): Promise<PickOutcome> {
    const menu = shown?.menu;
    if (!shown || !menu || menu.id !== menuId) return 'closed';
    const { field } = shown;
    const fieldProblem = fieldAtPick(field, document, menu.origin);
    if (fieldProblem) return fieldProblem;
    if (menu.watch.visibleFor() < PICK_DELAY_MS) return obstruction(shown.ui.host, menu.frame.frame, menu.frame.size()) ? 'menu-hidden' : 'too-soon';
    const answer = await channel.redeem(token);
    if (!answer.ok) return 'refused';
    setFieldValue(field, answer.data.secret);
    hide();
    return 'filled';
  }

  const onFocusIn = (event: FocusEvent) => {
    const target = event.composedPath()[0];
    if (target instanceof Element && target.tagName.toLowerCase() === HOST_TAG) return;
    offerFor(target, event.timeStamp);
  };
  const onPointerDown = (event: PointerEvent) => {
    const path = event.composedPath();
    if (shown && !path.includes(shown.field) && !path.includes(shown.ui.host)) hide();
    // A press on the field that already has the focus: no focus event follows.
    const target = path[0] as Element | undefined;
    if (event.isTrusted && !shown && isTextField(target) && (target.getRootNode() as Document | ShadowRoot).activeElement === target) offerFor(target, event.timeStamp);
  };
  const onMove = () => shown && place(shown.ui, shown.field);

  document.addEventListener('focusin', onFocusIn, true);
  document.addEventListener('pointerdown', onPointerDown, true);
  view.addEventListener('scroll', onMove, true);
  view.addEventListener('resize', onMove);
  return {
    picked,
    stop() {
      hide();
      userFocus.stop();
      document.removeEventListener('focusin', onFocusIn, true);
      document.removeEventListener('pointerdown', onPointerDown, true);
      view.removeEventListener('scroll', onMove, true);
      view.removeEventListener('resize', onMove);
    },
  };
}
