/**
 * Tells open extension pages how "Check all" is going: the start and the end always,
 * and in between at most a few times a second (a check of 1,000 keys gives 1,000
 * results; the pages need the count, not every step of it).
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { CHECK_PROGRESS, type CheckProgress } from '../vault-events.ts';

const EVERY_MS = 200;

export class ProgressAnnouncer {
  #lastSent = -Infinity;

  constructor(private readonly browser: WxtBrowser) {}

  /** A check finished (`done` of `total`), or the run started or ended (`running`). */
  progress(done: number, total: number, running: boolean): void {
    const now = performance.now();
    if (running && done > 0 && done < total && now - this.#lastSent < EVERY_MS) return;
    this.#lastSent = now;
    const progress: CheckProgress = { event: CHECK_PROGRESS, done, total, running };
    // Rejected when no page is open to hear it: nothing to do then.
    this.browser.runtime.sendMessage(progress).catch(() => undefined);
  }
}
