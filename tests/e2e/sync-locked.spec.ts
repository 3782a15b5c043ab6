import { test, expect } from './extension.ts';
import { createVault, openSection, unlock } from './vault-pages.ts';

test('a forged synced header cannot lock the user out, and sync can be turned off from the locked page', async ({ openPage, worker }) => {
  const page = await openPage('options');
  await createVault(page);
  await openSection(page, 'Sync');
  await page.getByLabel('Sync this vault across browsers signed in to the same account').check();
  await expect(page.getByRole('status').filter({ hasText: /Last synced/ })).toBeVisible();
  // Someone with the account's sync data replaces the header: a newer epoch, a wrapping of their own.
  await worker.evaluate(async () => {
    const { h } = (await chrome.storage.sync.get('h')) as { h: { epoch: number; key: { nonce: string; ciphertext: string } } };
    await chrome.storage.sync.set({ h: { ...h, epoch: h.epoch + 1_000, key: { nonce: 'A'.repeat(32), ciphertext: 'B'.repeat(64) } } });
  });
  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page);
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();

  await page.getByRole('button', { name: 'Lock' }).click();
  const locked = page.getByRole('region', { name: 'Sync is on' });
  await expect(locked).toBeVisible();
  await locked.getByRole('button', { name: 'Turn sync off' }).click();
  await expect(locked).toBeHidden();
  expect(await worker.evaluate(async () => ((await chrome.storage.local.get('syncState')) as { syncState: { enabled: boolean } }).syncState.enabled)).toBe(false);
  await unlock(page);
  await expect(page.getByLabel('Sync this vault across browsers signed in to the same account')).not.toBeChecked();
});
