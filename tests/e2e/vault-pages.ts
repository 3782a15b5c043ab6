/** Steps a person takes on the vault pages, by the names in UI-CONTRACT.md. */
import { expect, type Locator, type Page } from '@playwright/test';
import { PROVIDERS } from '../../lib/providers/catalog.ts';
import { watchSecret, watchText } from './leak-scan.ts';

export const PASSPHRASE = 'copper meadow 31 whistle';

/** How long a step that runs the KDF (64 MiB, 3 passes) may take on a loaded two-core machine: a wait, not a speed limit. */
export const KDF_WAIT = { timeout: 20_000 };

export async function createVault(page: Page, passphrase = PASSPHRASE): Promise<void> {
  watchText(passphrase);
  await page.getByLabel('Master passphrase').fill(passphrase);
  await page.getByLabel('Confirm passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible(KDF_WAIT);
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  watchText(passphrase);
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible(KDF_WAIT);
  await page.getByLabel('Master passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

export interface KeyToAdd {
  provider: string;
  name: string;
  secret: string;
  endpoint?: string;
  /** The provider's extra fields, by label. */
  fields?: Readonly<Record<string, string>>;
}

export async function addKey(page: Page, key: KeyToAdd): Promise<void> {
  watchText(key.name);
  const endpoint = key.endpoint || PROVIDERS.find(({ name }) => name === key.provider)?.defaultEndpoint;
  if (endpoint && key.secret) watchSecret(key.secret, endpoint);
  await openSection(page, 'Keys');
  await page.getByRole('button', { name: 'Add key' }).click();
  await page.getByLabel('Provider').selectOption({ label: key.provider });
  await page.getByLabel('Name').fill(key.name);
  await page.getByLabel('API key').fill(key.secret);
  if (key.endpoint) await page.getByLabel('Endpoint').fill(key.endpoint);
  for (const [label, value] of Object.entries(key.fields ?? {})) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: key.name })).toBeVisible();
}

/** Opens a section of the options page ("Settings", "Sync", "Import & export"…) from its navigation. */
export async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
}

/** Chooses `action` ("Check", "Edit", "Delete"…) in a key row's "More actions" menu. */
export async function rowAction(row: Locator, action: string): Promise<void> {
  await row.getByRole('button', { name: 'More actions' }).click();
  await row.getByRole('menu').getByRole('menuitem', { name: action, exact: true }).click();
}
