/**
 * Chrome's offscreen clipboard page: it waits out each requested delay (a service worker
 * may be stopped meanwhile; this page is not), clears the clipboard if it still holds
 * the copied key, and closes itself when nothing is left to wait for.
 * @module
 */
import { browser } from 'wxt/browser';
import { clearIfUnchanged, isClearRequest } from './clear-if-unchanged.ts';

let waiting = 0;

browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
  if (!isClearRequest(message)) return;
  sendResponse(true); // received: the background stops resending
  waiting += 1;
  setTimeout(async () => {
    await clearIfUnchanged(message.digest).catch(() => false);
    waiting -= 1;
    if (waiting === 0) window.close();
  }, Math.max(0, message.clearAt - Date.now()));
});
