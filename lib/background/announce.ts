/**
 * Tells open extension pages how "Check all" is going.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { CHECK_PROGRESS, type CheckProgress } from '../vault-events.ts';

/** Progress of "Check all". */
export function announceProgress(browser: WxtBrowser, done: number, total: number, running: boolean): void {
  const progress: CheckProgress = { event: CHECK_PROGRESS, done, total, running };
  // Rejected when no page is open to hear it: nothing to do then.
  browser.runtime.sendMessage(progress).catch(() => undefined);
}
