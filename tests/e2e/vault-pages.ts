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

export interface KeyToAdd {
  provider: string;
  name: string;
  secret: string;
  endpoint?: string;
}

export async function addKey(page: Page, key: KeyToAdd): Promise<void> {
  await page.getByRole('button', { name: 'Add key' }).click();
  await page.getByLabel('Provider').selectOption({ label: key.provider });
  await page.getByLabel('Name').fill(key.name);
  await page.getByLabel('API key').fill(key.secret);
  if (key.endpoint) await page.getByLabel('Endpoint').fill(key.endpoint);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: key.name })).toBeVisible();
}
