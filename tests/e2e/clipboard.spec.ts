import type { Page } from '@playwright/test';
import { test, expect } from './extension.ts';
import { addKey, createVault, openSection } from './vault-pages.ts';

const KEY = { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-CLIPBOARDaaaaaaaaaaaaaaaaaaaaaaa1111' };

const clipboardOf = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** Copies the key in the popup; returns when it was clicked (the clear's deadline counts from a moment after). */
async function copyFromPopup(popup: Page, seconds: number): Promise<number> {
  const clickedAt = Date.now();
  await popup.getByRole('listitem').filter({ hasText: 'OpenAI' }).getByRole('button', { name: 'Copy' }).click();
  await expect(popup.getByRole('status').filter({ hasText: `Copied — clears in ${seconds} s` })).toBeVisible();
  expect(await clipboardOf(popup)).toBe(KEY.secret);
  return clickedAt;
}

async function copyWithDelay(openPage: (name: 'options' | 'popup') => Promise<Page>, seconds = 10) {
  const options = await openPage('options');
  await createVault(options);
  await addKey(options, KEY);
  await openSection(options, 'Settings');
  await options.getByLabel('Clear clipboard after').selectOption({ label: `${seconds} seconds` });
  await expect(options.getByLabel('Clear clipboard after')).toHaveValue(String(seconds));
  const popup = await openPage('popup');
  return { popup, copiedAt: await copyFromPopup(popup, seconds) };
}

test('a copied key is cleared from the clipboard after the set delay', async ({ openPage, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { popup, copiedAt } = await copyWithDelay(openPage);
  // Two seconds before the deadline, counted from the click (a busy machine may take a while to show "Copied").
  await popup.waitForTimeout(Math.max(0, copiedAt + 8_000 - Date.now()));
  expect(await clipboardOf(popup)).toBe(KEY.secret);
  // Slack for a loaded machine: the test fails only if the key is never cleared.
  await expect.poll(() => clipboardOf(popup), { timeout: 20_000 }).toBe('');
});

test('the clipboard is left alone when something else was copied meanwhile', async ({ openPage, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { popup } = await copyWithDelay(openPage);
  await popup.evaluate(() => navigator.clipboard.writeText('my own notes'));
  await popup.waitForTimeout(12_000);
  expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe('my own notes');
});

test('lock clears a copied key at once', async ({ openPage, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // The longest delay: only the lock can clear it within the poll below.
  const { popup } = await copyWithDelay(openPage, 120);
  await popup.getByRole('button', { name: 'Lock' }).click();
  await expect(popup.getByLabel('Master passphrase')).toBeVisible();
  await expect.poll(() => clipboardOf(popup), { timeout: 15_000 }).toBe('');
});

test('copying the same key again keeps the later deadline', async ({ openPage, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { popup } = await copyWithDelay(openPage);
  const firstCopied = Date.now(); // the first deadline is at most 10 s after this
  await popup.waitForTimeout(6_000);
  const secondCopy = await copyFromPopup(popup, 10); // the second at least 10 s after this
  // Past the first copy's deadline, well before the second's: still there.
  await popup.waitForTimeout(Math.max(0, firstCopied + 12_000 - Date.now()));
  expect(Date.now()).toBeLessThan(secondCopy + 9_000);
  expect(await clipboardOf(popup)).toBe(KEY.secret);
  await expect.poll(() => clipboardOf(popup), { timeout: 20_000 }).toBe('');
});
