/**
 * After a copy, clears the clipboard once the configured delay has passed, if it still
 * holds that key. Chrome's service worker has no clipboard: an offscreen document does
 * it. Firefox's background page is a document and does it itself.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { CLIPBOARD_TARGET, clearIfUnchanged, digestOf, type ClearRequest } from '../clipboard/clear-if-unchanged.ts';

type Offscreen = {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  hasDocument?(): Promise<boolean>;
};

async function ensureOffscreenPage(offscreen: Offscreen): Promise<void> {
  if (await offscreen.hasDocument?.()) return;
  await offscreen
    .createDocument({ url: 'clipboard.html', reasons: ['CLIPBOARD'], justification: 'Clear a copied API key from the clipboard.' })
    .catch((error: unknown) => {
      // Two copies in quick succession race to create it: one existing is fine.
      if (!String(error).includes('single offscreen')) throw error;
    });
}

/** Clears `secret` from the clipboard after `seconds`, unless something else was copied. */
export async function clearClipboardLater(browser: WxtBrowser, secret: string, seconds: number): Promise<void> {
  const digest = await digestOf(secret);
  const delayMs = seconds * 1000;
  const clearAt = Date.now() + delayMs;
  const offscreen = (globalThis as { chrome?: { offscreen?: Offscreen } }).chrome?.offscreen;
  if (offscreen) {
    await ensureOffscreenPage(offscreen);
    const request: ClearRequest = { target: CLIPBOARD_TARGET, digest, clearAt };
    // A page just created may not be listening yet (a loaded machine can take seconds):
    // resend until it says it has it, for as long as the delay itself.
    for (let attempt = 0; attempt * 100 < Math.max(delayMs, 5_000); attempt++) {
      if ((await browser.runtime.sendMessage(request).catch(() => false)) === true) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } else if (typeof document !== 'undefined') {
    setTimeout(() => void clearIfUnchanged(digest).catch(() => false), delayMs);
  }
}
