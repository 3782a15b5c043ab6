/**
 * The browser for fill scenarios: the extension, the local test site (the provider's
 * console under its real host name), and the real toolbar popup.
 */
import { test as base, expect, launchWithExtension } from './extension.ts';
import { TestSite } from '../fixtures/test-site.ts';
import { POPUP_FLAGS, ToolbarPopup } from './toolbar-popup.ts';
import type { BrowserContext, Page } from '@playwright/test';

export const OPENAI = { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaa1111' };
export const ANTHROPIC = { provider: 'Anthropic', name: 'Claude work', secret: `sk-ant-api03-${'A'.repeat(93)}AA` };
export const GROQ = { provider: 'Groq', name: 'Groq main', secret: `gsk_${'G'.repeat(52)}` };

export const test = base.extend<{ site: TestSite }>({
  // eslint-disable-next-line no-empty-pattern
  site: async ({}, use) => {
    const site = await TestSite.start();
    await use(site);
    await site.stop();
  },
  context: async ({ site }, use) => {
    const context = await launchWithExtension(undefined, { resolve: site.resolverRules, args: ['--ignore-certificate-errors', ...POPUP_FLAGS] });
    await use(context);
    await context.close();
  },
});

export { expect };

/**
 * Presses Fill on a provider's row of the real popup opened over `page`. Returns
 * 'filled' when the popup closed after filling, else the message it shows.
 */
export async function fillFromPopup(context: BrowserContext, page: Page, extensionId: string, provider: string): Promise<string> {
  const popup = await ToolbarPopup.openOver(context, page, extensionId);
  const row = `[...document.querySelectorAll('li.row')].find((row) => row.querySelector('strong')?.textContent === ${JSON.stringify(provider)})`;
  await popup.waitFor(row);
  await popup.evaluate(`[...${row}.querySelectorAll('button')].find((button) => button.textContent === 'Fill').click()`);
  for (let tries = 0; tries < 100; tries++) {
    let message: string;
    try {
      message = await popup.evaluate<string>(`${row}.querySelector('[role=status]').textContent.trim()`);
    } catch {
      return 'filled'; // the popup closed: it does so once the key is in
    }
    if (message) return message;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the popup neither filled nor said why');
}

/** The vault's entries as the options page sees them. */
export async function listed(options: Page): Promise<{ name: string; useCount: number }[]> {
  return options.evaluate(async () => {
    const answer = await chrome.runtime.sendMessage({ type: 'listEntries', data: {} });
    return answer.data.entries.map(({ name, useCount }: { name: string; useCount: number }) => ({ name, useCount }));
  });
}
