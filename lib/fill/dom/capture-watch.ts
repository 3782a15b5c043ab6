/**
 * Capture on a provider's console: when a key in one of that provider's formats appears
 * on the page after it loaded (the "here is your new key, copy it now" dialog), offer to
 * save it. Keys already on screen at load are not new; each key is offered once.
 * @module
 */
import { mountShadowHost, trustedButton } from './shadow-host.ts';
import type { Result } from '../../messages.ts';

export type SaveCapture = (secret: string) => Promise<Result<{ savedAs?: string }>>;

const TOKEN = /[A-Za-z0-9_\-.]{20,}/g;

function keysIn(node: Node, formats: readonly RegExp[]): string[] {
  const texts: string[] = [];
  if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent ?? '');
  else if (node instanceof HTMLElement) {
    texts.push(node.innerText); // what is shown: not the text of scripts or hidden parts
    if (node.tagName === 'INPUT' || node.tagName === 'TEXTAREA') texts.push((node as HTMLInputElement).value);
    for (const field of node.querySelectorAll('input, textarea')) texts.push((field as HTMLInputElement).value);
  }
  const found: string[] = [];
  for (const text of texts) {
    for (const [token] of text.matchAll(TOKEN)) if (formats.some((format) => format.test(token))) found.push(token);
  }
  return found;
}

function showOffer(document: Document, secret: string, providerName: string, save: SaveCapture): void {
  const ui = mountShadowHost(document, '');
  const box = document.createElement('div');
  box.className = 'box';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', 'AI Key Vault');
  const text = document.createElement('p');
  text.textContent = `A new ${providerName} key is on this page.`;
  const status = document.createElement('p');
  status.className = 'muted';
  status.setAttribute('role', 'status');
  const row = document.createElement('div');
  row.className = 'row';
  const saveButton = trustedButton(
    document,
    'Save to AI Key Vault',
    async () => {
      const answer = await save(secret);
      if (!answer.ok) status.textContent = answer.message;
      else if (answer.data.savedAs) status.textContent = `Already in AI Key Vault as “${answer.data.savedAs}”.`;
      else return ui.remove();
      row.remove();
    },
    'primary',
  );
  row.append(saveButton, trustedButton(document, 'Not now', () => ui.remove()));
  box.append(text, row, status);
  ui.root.append(box);
  ui.place((document.defaultView?.innerWidth ?? 400) - 340, 16);
}

/** Watches the page for new keys of `formats`; returns a function that stops watching. */
export function watchForNewKeys(document: Document, formats: readonly RegExp[], providerName: string, save: SaveCapture): () => void {
  const seen = new Set(keysIn(document.documentElement, formats));
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      const nodes = mutation.type === 'characterData' ? [mutation.target] : [...mutation.addedNodes];
      for (const node of nodes) {
        for (const key of keysIn(node, formats)) {
          if (seen.has(key)) continue;
          seen.add(key);
          showOffer(document, key, providerName, save);
        }
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
