/**
 * Senders of the inline menu's requests, as the browser reports them: a content script
 * in a frame of a tab, and our menu page framed in a tab.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

const ID = fakeBrowser.runtime.id;

/** Where a sender is: its tab, frame, document and the tab's address. */
export interface At {
  tabId?: number;
  frameId?: number;
  documentId?: string;
  tabUrl?: string;
}

/** A content script's sender: its frame (url) in a tab, as the browser reports them. */
export function contentAt(url: string, { tabId = 5, frameId = 0, documentId = `doc-${tabId}-${frameId}`, tabUrl = url }: At = {}) {
  return { id: ID, url, origin: new URL(url).origin, frameId, documentId, tab: { id: tabId, index: 0, url: tabUrl } };
}

/** Our menu page, framed in a tab. */
export function menuFrame({ tabId = 5, frameId = 9, documentId = `menu-${tabId}-${frameId}`, tabUrl = 'https://platform.openai.com/api-keys' }: At = {}) {
  return { id: ID, url: `chrome-extension://${ID}/inline-menu.html`, origin: `chrome-extension://${ID}`, frameId, documentId, tab: { id: tabId, index: 0, url: tabUrl } };
}

/** The top frame of tab 5, on OpenAI's console. */
export const CONSOLE = contentAt('https://platform.openai.com/api-keys');
