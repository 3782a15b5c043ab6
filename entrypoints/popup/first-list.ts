/**
 * The popup's first request, sent by a classic script at the top of its page
 * (entrypoints/popup-first.ts) before the page's modules load: the answer travels while
 * they load and evaluate instead of after them. The page takes it over once, with the
 * announcements heard since it was sent, so a change made before the page listens itself
 * is not lost. The head script runs without webextension-polyfill (wxt.config.ts).
 * @module
 */
import { browser } from 'wxt/browser';
import { siteOf } from '../../lib/web/address.ts';
import { isChangeAnnouncement, type VaultChange } from '../../lib/vault-events.ts';
import { hearBackground } from '../../lib/ui/hear-background.ts';
import type { RequestOf, ResponseOf, Result } from '../../lib/messages.ts';

export interface PageTab {
  id?: number;
  url?: string;
}

/** What the head script asked for, for the page to take over. */
export interface FirstList {
  /** The page the popup was opened over. */
  readonly tab: Promise<PageTab | undefined>;
  /** The background's answer; undefined when none came (the page then asks itself). */
  readonly answer: Promise<Result<ResponseOf<'popupList'>> | undefined>;
  /** Stops listening, and gives the announcements heard since the request was sent, oldest first. */
  stopHearing(): VaultChange[];
}

const HANDOVER = Symbol.for('ai-key-vault:first-list');
type WithHandover = typeof globalThis & { [HANDOVER]?: FirstList };

/** The page's active tab as the popup sees it; undefined when it cannot be read. */
export function activeTab(): Promise<PageTab | undefined> {
  return browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab, () => undefined);
}

/** The popup's list request for the page at `tab` (its site's last used keys come first). */
export function listRequest(tab: PageTab | undefined, refresh = false): RequestOf<'popupList'> {
  const site = siteOf(tab?.url);
  return { ...(refresh ? { refresh } : {}), ...(site ? { site } : {}) };
}

/** Asks for the popup's list at once, listening for announcements until the page takes it over. */
export function sendFirstList(): void {
  const heard: VaultChange[] = [];
  const stop = hearBackground((message) => void (isChangeAnnouncement(message) && heard.push(message)));
  const tab = activeTab();
  const answer = tab
    .then((page) => browser.runtime.sendMessage({ type: 'popupList', data: listRequest(page) }))
    .then((reply) => (reply ?? undefined) as Result<ResponseOf<'popupList'>> | undefined, () => undefined);
  const stopHearing = () => (stop(), heard);
  (globalThis as WithHandover)[HANDOVER] = { tab, answer, stopHearing };
}

/** The first list the head script asked for; undefined when none was asked for, or it was taken already. */
export function takeFirstList(): FirstList | undefined {
  const first = (globalThis as WithHandover)[HANDOVER];
  delete (globalThis as WithHandover)[HANDOVER];
  return first;
}
