import { test, expect } from './fixture.ts';
import { PASSPHRASE } from '../e2e/vault-pages.ts';
import { addKey, button, byRole, createVault, hasButton, row, unlock, waitForText } from './pages.ts';
import { storedAreas } from './extension-pages.ts';

const KEY = { provider: 'Anthropic', name: 'Side project', secret: 'sk-ant-api03-Jd8sLq2PzX0vN4bK7mT1wR9eY6uA3cF5hG0iO2pQ-AA' };

test('Firefox: create, add a key, lock, wrong passphrase, unlock, lock', async ({ firefox }) => {
  const page = await firefox.open('options.html');
  await createVault(page);

  await addKey(page, KEY);
  const item = await row(page, KEY.name);
  await waitForText(item, 'sk-a…Q-AA');
  // Checked on save; this Firefox reaches nothing but loopback, so the provider is unreachable.
  await waitForText(item, 'Unreachable');
  expect(await page.evaluate(() => document.body.innerText)).not.toContain(KEY.secret);

  await (await button(page, 'Lock')).click();
  await unlock(page, 'copper meadow 31 whistlf');
  await byRole(page, 'alert', 'incorrect');
  await unlock(page);
  await row(page, KEY.name);

  // A second page finds the vault open; locking there locks both.
  const popup = await firefox.open('popup.html');
  await (await button(popup, 'Lock')).click();
  await button(page, 'Unlock');
  expect(await hasButton(page, 'Lock')).toBe(false);
  const stored = await storedAreas(page);
  expect(stored.session).toEqual({});
  for (const plain of [KEY.secret, KEY.name, PASSPHRASE]) expect(JSON.stringify(stored.local)).not.toContain(plain);
});
