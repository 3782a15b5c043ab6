/**
 * Capture on a provider's console: when a key in one of that provider's formats appears
 * on the page after it loaded (the "here is your new key, copy it now" dialog), offer to
 * save it. The offer is our menu frame: its "Save to AI Key Vault" counts only as a real
 * click there, and whether the key is saved already is said there, never to this page.
 * Keys already on screen at load are not new; each key is offered once.
 * @module
 */
import { mountShadowHost } from './shadow-host.ts';
import { MENU_WIDTH, mountMenuFrame, type MenuPage } from './menu-frame.ts';
import type { Result } from '../../messages.ts';

/** Opens a menu in the background that offers to save `secret`. */
export type OpenCapture = (secret: string) => Promise<Result<{ menuId: string }>>;

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

async function showOffer(document: Document, secret: string, page: MenuPage, openCapture: OpenCapture): Promise<void> {
  const answer = await openCapture(secret);
  if (!answer.ok) return;
  const ui = mountShadowHost(document, '');
  mountMenuFrame(ui.root, page, answer.data.menuId, () => undefined, () => ui.remove());
  ui.place((document.defaultView?.innerWidth ?? 400) - MENU_WIDTH - 16, 16);
}

/** Watches the page for new keys of `formats`; returns a function that stops watching. */
export function watchForNewKeys(document: Document, formats: readonly RegExp[], page: MenuPage, openCapture: OpenCapture): () => void {
  const seen = new Set(keysIn(document.documentElement, formats));
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      const nodes = mutation.type === 'characterData' ? [mutation.target] : [...mutation.addedNodes];
      for (const node of nodes) {
        for (const key of keysIn(node, formats)) {
          if (seen.has(key)) continue;
          seen.add(key);
          void showOffer(document, key, page, openCapture);
        }
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
