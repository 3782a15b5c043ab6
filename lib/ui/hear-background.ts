/**
 * How pages hear what the background tells them (a vault change, a check's progress, the
 * stand-ins changed): only messages sent from outside any tab. A content script always
 * has a tab, and a site's renderer may send whatever our content script there could: a
 * forged event would draw a false progress bar, and a flood of them would keep every
 * open page asking again.
 * @module
 */
import { browser } from 'wxt/browser';

/** Was a message sent from outside any tab (the background, or the popup), never by a content script? */
export function fromOutsideTabs(sender: { tab?: unknown }): boolean {
  return sender.tab === undefined;
}

/** Calls `listener` with each message sent from outside any tab; returns a function that stops listening. */
export function hearBackground(listener: (message: unknown) => void): () => void {
  const heard = (message: unknown, sender: { tab?: unknown }) => {
    if (fromOutsideTabs(sender)) listener(message);
  };
  browser.runtime.onMessage.addListener(heard);
  return () => browser.runtime.onMessage.removeListener(heard);
}
