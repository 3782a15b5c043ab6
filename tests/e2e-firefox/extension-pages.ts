/**
 * What a test does inside the add-on's own pages in Firefox: read its storage through
 * the background page (an MV2 background is a page, reached with
 * `runtime.getBackgroundPage()`), and use the clipboard with the add-on's clipboard
 * permissions.
 */
import type { Page } from 'puppeteer-core';
import type { WxtBrowser } from 'wxt/browser';

/** An extension page's global object, where `browser` is the WebExtension API. */
type ExtensionWindow = typeof globalThis & { browser: WxtBrowser };

export interface StoredAreas {
  local: Record<string, unknown>;
  session: Record<string, unknown>;
  sync: Record<string, unknown>;
}

/** Everything in storage.local, storage.session and storage.sync, as the background page sees it. */
export async function storedAreas(page: Page): Promise<StoredAreas> {
  const json = await page.evaluate(async () => {
    const background = (await (globalThis as ExtensionWindow).browser.runtime.getBackgroundPage()) as ExtensionWindow | null;
    if (!background) throw new Error('The background page is not running');
    const { storage } = background.browser;
    return JSON.stringify({ local: await storage.local.get(null), session: await storage.session.get(null), sync: await storage.sync.get(null) });
  });
  return JSON.parse(json) as StoredAreas;
}

/** What the browser's sync engine does: another profile's items arrive in this one's area. */
export async function deliverSyncItems(page: Page, items: Record<string, unknown>): Promise<void> {
  await page.evaluate((arrived) => (globalThis as ExtensionWindow).browser.storage.sync.set(arrived), items);
}

/** Empties storage.local and storage.session, as a fresh install would have them. */
export async function wipeStorage(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { storage } = (globalThis as ExtensionWindow).browser;
    await storage.local.clear();
    await storage.session.clear();
  });
}

/** The clipboard's text, read with the add-on's clipboardRead permission. */
export async function readClipboard(page: Page): Promise<string> {
  // Firefox refuses a read that overlaps a write to the clipboard (NotAllowedError), as
  // when the background page clears it at that moment: read again.
  for (let attempt = 1; ; attempt++) {
    const read = await page.evaluate(() => navigator.clipboard.readText().then((text) => ({ text }), (error: Error) => ({ error: error.name })));
    if ('text' in read) return read.text;
    if (read.error !== 'NotAllowedError' || attempt === 5) throw new Error(`Reading the clipboard failed: ${read.error}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Puts text on the clipboard, as another program would. */
export async function writeClipboard(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
}
