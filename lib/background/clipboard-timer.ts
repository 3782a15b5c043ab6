/**
 * After a copy, clears the clipboard once the configured delay has passed, if it still
 * holds that key; when the vault locks, at once. Chrome's service worker has no
 * clipboard: an offscreen document keeps the deadlines and clears. Firefox's background
 * page is a document and does it itself.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { CLIPBOARD_TARGET, clearIfUnchanged, digestOf, type ClearNowRequest, type ClearRequest } from '../clipboard/clear-if-unchanged.ts';
import { ClearSchedule } from '../clipboard/clear-schedule.ts';
import { i18n } from '#i18n';

/** Chrome's offscreen documents (absent in Firefox, whose background page is a document). */
export type Offscreen = {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  hasDocument?(): Promise<boolean>;
};

async function ensureOffscreenPage(offscreen: Offscreen): Promise<void> {
  if (await offscreen.hasDocument?.()) return;
  await offscreen
    .createDocument({ url: 'clipboard.html', reasons: ['CLIPBOARD'], justification: i18n.t('background.clipboardJustification') })
    .catch((error: unknown) => {
      // Two copies in quick succession race to create it: one existing is fine.
      if (!String(error).includes('single offscreen')) throw error;
    });
}

/** The browser's offscreen documents, where it has them. */
export const offscreenApi = () => (globalThis as { chrome?: { offscreen?: Offscreen } }).chrome?.offscreen;

/** Clears copied keys from the clipboard later, or at once when the vault locks. */
export class ClipboardTimer {
  // Where the background is itself a document (Firefox), it keeps the deadlines.
  #here =
    typeof document === 'undefined'
      ? undefined
      : new ClearSchedule({ timers: { set: (run, delayMs) => setTimeout(run, delayMs), cancel: (timer) => clearTimeout(timer as number), now: () => Date.now() }, clear: clearIfUnchanged });

  /** Copies whose clear request is still on its way to the clipboard page. */
  #sending = new Set<Promise<void>>();

  constructor(
    private readonly browser: WxtBrowser,
    /** Chrome's offscreen documents; null where there are none (Firefox, tests). */
    private readonly offscreen: Offscreen | null,
  ) {}

  /** Clears `secret` from the clipboard after `seconds`, unless something else was copied. */
  async copied(secret: string, seconds: number): Promise<void> {
    const sending = this.#send(secret, seconds);
    this.#sending.add(sending);
    try {
      await sending;
    } finally {
      this.#sending.delete(sending);
    }
  }

  async #send(secret: string, seconds: number): Promise<void> {
    const copiedAt = Date.now();
    const delayMs = seconds * 1000;
    const request: ClearRequest = { target: CLIPBOARD_TARGET, digest: await digestOf(secret), copiedAt, clearAt: copiedAt + delayMs };
    const { offscreen } = this;
    if (!offscreen) return this.#here?.add(request);
    await ensureOffscreenPage(offscreen);
    // A page just created may not be listening yet (a loaded machine can take seconds),
    // and one with nothing left to wait for may have closed meanwhile: resend, reopening
    // it if need be, until it says it has it, for as long as the delay itself.
    for (let attempt = 0; attempt * 100 < Math.max(delayMs, 5_000); attempt++) {
      if ((await this.browser.runtime.sendMessage(request).catch(() => false)) === true) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
      await ensureOffscreenPage(offscreen);
    }
  }

  /** Clears at once every copied key still waiting, if the clipboard still holds it (the vault locked). */
  async clearNow(): Promise<void> {
    // A copy just made may still be on its way to a page that is starting: let it arrive
    // first, or the page would learn of that key after the lock and wait out its delay.
    await Promise.allSettled(this.#sending);
    const { offscreen } = this;
    if (!offscreen) return this.#here?.clearNow();
    // No page: nothing waits to be cleared.
    if (offscreen.hasDocument && !(await offscreen.hasDocument())) return;
    const request: ClearNowRequest = { target: CLIPBOARD_TARGET, now: true };
    await this.browser.runtime.sendMessage(request).catch(() => undefined);
  }
}
