/**
 * Tells open extension pages what happened in the background, so they ask again or
 * show progress.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { CHECK_PROGRESS, VAULT_CHANGED, type CheckProgress } from '../vault-events.ts';

/** Sends an event to open pages; rejected when none is open to hear it: nothing to do then. */
function broadcast(browser: WxtBrowser, event: object): void {
  browser.runtime.sendMessage(event).catch(() => undefined);
}

/** "The vault changed": pages ask for what they may see. */
export function announceChange(browser: WxtBrowser): void {
  broadcast(browser, { event: VAULT_CHANGED });
}

/** Progress of "Check all". */
export function announceProgress(browser: WxtBrowser, done: number, total: number, running: boolean): void {
  const progress: CheckProgress = { event: CHECK_PROGRESS, done, total, running };
  broadcast(browser, progress);
}
