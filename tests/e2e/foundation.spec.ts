import { test, expect, stopServiceWorker } from './extension.ts';
import { PASSPHRASE, addKey, createVault, unlock } from './vault-pages.ts';

const KEY = { provider: 'Anthropic', name: 'Side project', secret: 'sk-ant-api03-Jd8sLq2PzX0vN4bK7mT1wR9eY6uA3cF5hG0iO2pQ-AA' };

test('create, add a key, lock, wrong passphrase, unlock, survive a worker restart, lock', async ({ openPage, context, worker }) => {
  const page = await openPage('options');
  await expect(page.getByRole('button', { name: 'Create vault' })).toBeDisabled();
  await page.getByLabel('Master passphrase').fill('password1');
  await expect(page.getByText(/weak/i)).toBeVisible();
  await page.getByLabel('Confirm passphrase').fill('password2');
  await expect(page.getByText(/do not match/i)).toBeVisible();
  await createVault(page);

  await addKey(page, KEY);
  const item = page.getByRole('listitem').filter({ hasText: KEY.name });
  await expect(item).toContainText('Anthropic');
  await expect(item).toContainText('sk-a…Q-AA');
  // Checked on save; this browser resolves no outside host, so the provider is unreachable.
  await expect(item).toContainText('Unreachable');
  await expect(page.getByText(KEY.secret)).toHaveCount(0);

  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page, 'copper meadow 31 whistlf');
  await expect(page.getByRole('alert').filter({ hasText: /incorrect|wrong/i })).toBeVisible();
  await expect(page.getByLabel('Master passphrase')).toBeEditable();
  await unlock(page);
  await expect(page.getByRole('listitem').filter({ hasText: KEY.name })).toBeVisible();

  // Stop the service worker the way Chrome does when it is idle; the vault stays open.
  await worker.evaluate(() => Object.assign(globalThis, { beforeRestart: true }));
  await stopServiceWorker(page);
  const again = await openPage('options');
  await expect(again.getByRole('listitem').filter({ hasText: KEY.name })).toBeVisible();
  const restarted = context.serviceWorkers().at(-1)!;
  expect(await restarted.evaluate(() => 'beforeRestart' in globalThis)).toBe(false);

  await again.getByRole('button', { name: 'Lock' }).click();
  await expect(again.getByRole('button', { name: 'Unlock' })).toBeVisible();
  expect(await restarted.evaluate(() => chrome.storage.session.get(null))).toEqual({});
  const local = JSON.stringify(await restarted.evaluate(() => chrome.storage.local.get(null)));
  for (const plain of [KEY.secret, KEY.name, PASSPHRASE]) expect(local).not.toContain(plain);
});

