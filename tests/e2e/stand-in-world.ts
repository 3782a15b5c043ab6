/**
 * The browser for stand-in scenarios: the extension, the chat app (a page that calls
 * its provider from the browser) on two sites of this computer (127.0.0.1 and
 * localhost), the provider's API under its real host name, and the real toolbar popup.
 */
import { test as base, expect, launchWithExtension } from './extension.ts';
import { TestSite } from '../fixtures/test-site.ts';
import { ProviderHost } from '../fixtures/provider-host.ts';
import { POPUP_FLAGS, ToolbarPopup } from './toolbar-popup.ts';
import type { BrowserContext, Page } from '@playwright/test';

/** The key the provider issued: the only one it accepts. */
export const CHAT_KEY = { provider: 'OpenAI', name: 'Chat key', secret: `sk-proj-${'R'.repeat(40)}T3BlbkFJ${'k'.repeat(40)}` };

export const test = base.extend<{ site: TestSite; api: ProviderHost }>({
  // eslint-disable-next-line no-empty-pattern
  site: async ({}, use) => {
    const site = await TestSite.start();
    await use(site);
    await site.stop();
  },
  // eslint-disable-next-line no-empty-pattern
  api: async ({}, use) => {
    const api = await ProviderHost.start([CHAT_KEY.secret]);
    await use(api);
    await api.stop();
  },
  context: async ({ site, api }, use) => {
    const context = await launchWithExtension(undefined, { resolve: [...site.resolverRules, api.resolverRule], args: ['--ignore-certificate-errors', ...POPUP_FLAGS] });
    await use(context);
    await context.close();
  },
});

export { expect };

/**
 * Presses "Fill stand-in" on a provider's row of the real popup opened over `page`.
 * Returns 'filled' when the popup closed after filling, else the message it shows.
 */
export async function fillStandInFromPopup(context: BrowserContext, page: Page, extensionId: string, provider: string): Promise<string> {
  const popup = await ToolbarPopup.openOver(context, page, extensionId);
  const row = `[...document.querySelectorAll('li.row')].find((row) => row.querySelector('strong')?.textContent === ${JSON.stringify(provider)})`;
  await popup.waitFor(row);
  await popup.evaluate(`[...${row}.querySelectorAll('button')].find((button) => button.textContent === 'Fill stand-in').click()`);
  for (let tries = 0; tries < 100; tries++) {
    let message: string;
    try {
      message = await popup.evaluate<string>(`${row}.querySelector('[role=status]').textContent.trim()`);
    } catch {
      return 'filled'; // the popup closed: it does so once the stand-in is in
    }
    if (message) return message;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the popup neither filled nor said why');
}

/** Presses one of the chat app's buttons and waits for its answer: the HTTP status the page got. */
export async function press(app: Page, button: 'Send' | 'Stream' | 'Follow a redirect'): Promise<number> {
  const sent = await app.evaluate(() => (window as unknown as { app: { sent: number } }).app.sent);
  await app.getByRole('button', { name: button }).click();
  await app.waitForFunction((n) => document.getElementById('status')!.textContent!.startsWith(`${n}:`), sent + 1);
  return Number((await app.locator('#status').textContent())!.split(': ')[1]);
}

/** Everything the page holds that its scripts could read: its DOM, its storage, its own state. */
export async function whatThePageHolds(app: Page): Promise<string> {
  return app.evaluate(() => {
    const fields = [...document.querySelectorAll('input')].map((input) => input.value);
    return JSON.stringify([document.documentElement.outerHTML, fields, { ...localStorage }, { ...sessionStorage }, (window as unknown as { app: unknown }).app]);
  });
}
