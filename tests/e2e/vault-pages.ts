/** Steps a person takes on the vault pages, by the names in UI-CONTRACT.md. */
import { expect, type Page } from '@playwright/test';

export const PASSPHRASE = 'copper meadow 31 whistle';

export async function createVault(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('Master passphrase').fill(passphrase);
  await page.getByLabel('Confirm passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('Master passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

export async function addKey(page: Page, key: { provider: string; name: string; secret: string }): Promise<void> {
  await page.getByRole('button', { name: 'Add key' }).click();
  await page.getByLabel('Provider').selectOption({ label: key.provider });
  await page.getByLabel('Name').fill(key.name);
  await page.getByLabel('API key').fill(key.secret);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: key.name })).toBeVisible();
}
