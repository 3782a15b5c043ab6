/**
 * Chrome's offscreen clipboard page: it waits out each copied key's deadline (a service
 * worker may be stopped meanwhile; this page is not), clears the clipboard if it still
 * holds that key, clears them all at once when the vault locks, and closes itself when
 * nothing is left to wait for. It heeds the background only.
 * @module
 */
import { browser } from 'wxt/browser';
import { clearIfUnchanged, isClearNowRequest, isClearRequest } from './clear-if-unchanged.ts';
import { ClearSchedule } from './clear-schedule.ts';
import { fromOutsideTabs } from '../ui/hear-background.ts';

const schedule = new ClearSchedule({
  timers: { set: (run, delayMs) => setTimeout(run, delayMs), cancel: (timer) => clearTimeout(timer as number), now: () => Date.now() },
  clear: clearIfUnchanged,
  // After this turn, so that an answer still goes out and a request just arrived still counts.
  idle: () => setTimeout(() => schedule.size === 0 && window.close()),
});

// Only the background asks; a site's renderer could send what our content script there could, and clear a key just copied.
browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (!fromOutsideTabs(sender)) return;
  if (isClearRequest(message)) {
    sendResponse(true); // received: the background stops resending
    schedule.add(message);
    return;
  }
  if (!isClearNowRequest(message)) return;
  void schedule.clearNow().then(() => sendResponse(true));
  return true;
});
