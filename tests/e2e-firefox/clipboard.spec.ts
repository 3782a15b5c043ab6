import type { Page } from 'puppeteer-core';
import { test, expect } from './fixture.ts';
import type { Firefox } from './firefox.ts';
import { addKey, button, byRole, choose, createVault, openSection } from './pages.ts';
import { readClipboard, writeClipboard } from './extension-pages.ts';

const KEY = { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-CLIPBOARDaaaaaaaaaaaaaaaaaaaaaaa1111' };

/** The popup (opened as a tab) copies the key, with the shortest clearing delay set. */
async function copyWithShortestDelay(firefox: Firefox): Promise<Page> {
  const options = await firefox.open('options.html');
  await createVault(options);
  await addKey(options, KEY);
  await openSection(options, 'Settings');
  await choose(options, 'Clear clipboard after', '10 seconds');
  const popup = await firefox.open('popup.html');
  await (await button(await byRole(popup, 'listitem', 'OpenAI'), 'Copy')).click();
  await byRole(popup, 'status', 'Copied — clears in 10 s');
  expect(await readClipboard(popup)).toBe(KEY.secret);
  return popup;
}

test('Firefox: the popup copies the key, and the background page clears it after the set delay', async ({ firefox }) => {
  const popup = await copyWithShortestDelay(firefox);
  await new Promise((resolve) => setTimeout(resolve, 8_000));
  expect(await readClipboard(popup)).toBe(KEY.secret);
  // Slack for a loaded machine: the test fails only if the key is never cleared.
  await expect.poll(() => readClipboard(popup), { timeout: 20_000 }).toBe('');
});

test('Firefox: the clipboard is left alone when something else was copied meanwhile', async ({ firefox }) => {
  const popup = await copyWithShortestDelay(firefox);
  await writeClipboard(popup, 'my own notes');
  await new Promise((resolve) => setTimeout(resolve, 12_000));
  expect(await readClipboard(popup)).toBe('my own notes');
});
