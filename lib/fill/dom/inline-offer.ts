/**
 * The inline offer: focusing a field that looks like an API-key field shows "Fill from
 * AI Key Vault" under it; pressing it lists the keys for the field (names and masks
 * only); choosing one asks the background for that one secret and fills it.
 * @module
 */
import { judgeField } from '../field-signals.ts';
import { describeField, isTextField, unfillable, type TextField } from './describe-field.ts';
import { setFieldValue } from './set-value.ts';
import { HOST_TAG, mountShadowHost, trustedButton, type ShadowHost } from './shadow-host.ts';
import type { OfferedKey, Result } from '../../messages.ts';
import { providerName } from '../../providers/catalog.ts';

/** How the offer reaches the background (the content script passes `ask`). */
export interface OfferChannel {
  listKeys(providers: string[]): Promise<Result<{ state: 'locked' | 'unlocked'; keys: OfferedKey[] }>>;
  pickKey(id: string): Promise<Result<{ secret: string }>>;
}

const STYLE = `.keys { display: grid; gap: 2px; max-height: 240px; overflow-y: auto; } .keys button { display: grid; } p { margin: 0 2px; font-size: 12px; }`;

export function startInlineOffer(document: Document, channel: OfferChannel): () => void {
  let shown: { field: TextField; ui: ShadowHost; providers: string[] } | undefined;

  function hide() {
    shown?.ui.remove();
    shown = undefined;
  }

  function place(ui: ShadowHost, field: TextField) {
    const box = field.getBoundingClientRect();
    ui.place(box.left, box.bottom + 4);
  }

  function say(ui: ShadowHost, text: string) {
    const box = ui.root.querySelector('.box')!;
    const line = document.createElement('p');
    line.className = 'muted';
    line.setAttribute('role', 'status');
    line.textContent = text;
    box.replaceChildren(line);
  }

  async function choose(field: TextField, ui: ShadowHost, key: OfferedKey) {
    const answer = await channel.pickKey(key.id);
    if (!answer.ok) return say(ui, answer.message);
    setFieldValue(field, answer.data.secret);
    hide();
  }

  async function list(field: TextField, ui: ShadowHost, providers: string[]) {
    const answer = await channel.listKeys(providers);
    if (!answer.ok) return say(ui, answer.message);
    if (answer.data.state === 'locked') return say(ui, 'AI Key Vault is locked. Unlock it from the toolbar, then try again.');
    if (answer.data.keys.length === 0) return say(ui, 'No keys in AI Key Vault for this field yet.');
    const keys = document.createElement('div');
    keys.className = 'keys';
    keys.setAttribute('role', 'list');
    for (const key of answer.data.keys) {
      const button = trustedButton(document, '', () => void choose(field, ui, key));
      const name = document.createElement('strong');
      name.textContent = key.name;
      const detail = document.createElement('span');
      detail.className = 'muted';
      detail.textContent = `${providerName(key.provider)} · ${key.masked}`;
      button.append(name, detail);
      keys.append(button);
    }
    keys.addEventListener('keydown', (event) => {
      const buttons = [...keys.querySelectorAll('button')];
      const at = buttons.indexOf(ui.root.activeElement as HTMLButtonElement);
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
      } else if (event.key === 'Escape') {
        hide();
        field.focus();
      }
    });
    const title = document.createElement('p');
    title.className = 'muted';
    title.textContent = 'AI Key Vault';
    ui.root.querySelector('.box')!.replaceChildren(title, keys);
    keys.querySelector('button')?.focus();
  }

  function show(field: TextField, providers: string[]) {
    if (shown?.field === field) return;
    hide();
    const ui = mountShadowHost(document, STYLE);
    const box = document.createElement('div');
    box.className = 'box';
    const offer = trustedButton(document, 'Fill from AI Key Vault', () => void list(field, ui, providers), 'primary');
    box.append(offer);
    ui.root.append(box);
    place(ui, field);
    shown = { field, ui, providers };
  }

  const onFocusIn = (event: FocusEvent) => {
    const target = event.composedPath()[0] as Element | undefined;
    if (target instanceof Element && target.tagName.toLowerCase() === HOST_TAG) return;
    if (!isTextField(target) || unfillable(target)) return hide();
    const verdict = judgeField(describeField(target));
    if (verdict.keyField) show(target, verdict.providers);
    else hide();
  };
  const onPointerDown = (event: PointerEvent) => {
    const path = event.composedPath();
    if (shown && !path.includes(shown.field) && !path.includes(shown.ui.host)) hide();
  };
  const onMove = () => shown && place(shown.ui, shown.field);

  document.addEventListener('focusin', onFocusIn, true);
  document.addEventListener('pointerdown', onPointerDown, true);
  document.defaultView?.addEventListener('scroll', onMove, true);
  document.defaultView?.addEventListener('resize', onMove);
  return () => {
    hide();
    document.removeEventListener('focusin', onFocusIn, true);
    document.removeEventListener('pointerdown', onPointerDown, true);
    document.defaultView?.removeEventListener('scroll', onMove, true);
    document.defaultView?.removeEventListener('resize', onMove);
  };
}
