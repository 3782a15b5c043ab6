import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './extension.ts';
import { KDF_WAIT, PASSPHRASE, addKey, createVault, openSection, rowAction, unlock } from './vault-pages.ts';

const OPENAI_A = { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaa1111' };
const OPENAI_B = { provider: 'OpenAI', name: 'Work', secret: 'sk-proj-WORKbbbbbbbbbbbbbbbbbbbbbbbbbbbb2222' };
const GROQ = { provider: 'Groq', name: 'Fast', secret: `gsk_${'c'.repeat(48)}3333` };

const row = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });

function fileWith(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'akv-import-')), name);
  writeFileSync(file, content);
  return file;
}

test('edit, duplicate names refused, search, filter, duplicate, disable, make active, show, copy, delete', async ({ openPage, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await openPage('options');
  await createVault(page);
  for (const key of [OPENAI_A, OPENAI_B, GROQ]) await addKey(page, key);

  // A second OpenAI key named "personal" is refused beside the field.
  await page.getByRole('button', { name: 'Add key' }).click();
  await page.getByLabel('Provider').selectOption({ label: 'OpenAI' });
  await page.getByLabel('Name').fill('personal');
  await page.getByLabel('API key').fill('sk-proj-another-one-cccccccccccccccccc');
  await expect(page.getByText('A OpenAI key with this name exists')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Edit: name, tags and notes; the key itself is kept when left empty.
  await rowAction(row(page, 'Fast'), 'Edit');
  await page.getByLabel('Name').fill('Fast lane');
  await page.getByLabel('Tags').fill('prod, ci');
  await page.getByLabel('Notes').fill('used by the nightly build');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(row(page, 'Fast lane')).toContainText('prod');
  await expect(row(page, 'Fast lane')).toContainText('gsk_…3333');

  // Search as you type, across tags and notes; "/" focuses it.
  await page.locator('body').press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.keyboard.type('nightly');
  await expect(page.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await page.getByRole('group', { name: 'Show keys of' }).getByRole('button', { name: /OpenAI/ }).click();
  await expect(page.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('group', { name: 'Show keys of' }).getByRole('button', { name: /All/ }).click();

  // Duplicate, make active, disable.
  await rowAction(row(page, 'Work'), 'Duplicate');
  await expect(row(page, 'Work (copy)')).toContainText('sk-p…2222');
  await rowAction(row(page, 'Work'), 'Make active');
  await expect(row(page, 'Work')).toContainText('active');
  await expect(row(page, 'Personal')).not.toContainText('active');
  await rowAction(row(page, 'Personal'), 'Disable');
  await expect(row(page, 'Personal')).toContainText('disabled');

  // Copy of a disabled key asks first; copy puts exactly that key on the clipboard.
  await row(page, 'Personal').getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('dialog')).toContainText('is disabled');
  await page.getByRole('dialog').getByRole('button', { name: 'Copy anyway' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(OPENAI_A.secret);

  // Show reveals the key in place; Hide masks it again.
  await rowAction(row(page, 'Work'), 'Show');
  await expect(row(page, 'Work')).toContainText(OPENAI_B.secret);
  await rowAction(row(page, 'Work'), 'Hide');
  await expect(row(page, 'Work')).not.toContainText(OPENAI_B.secret);

  // Deleting the active key says which one takes over.
  await rowAction(row(page, 'Work'), 'Delete');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('It is the active OpenAI key. “Work (copy)” becomes the active one.');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(row(page, 'Work')).toHaveCount(0);
  await expect(row(page, 'Work (copy)')).toContainText('active');
});

test('import a .env file through a preview; a malformed file changes nothing', async ({ openPage, worker }) => {
  const page = await openPage('options');
  await createVault(page);
  await addKey(page, GROQ);
  const before = JSON.stringify(await worker.evaluate(() => chrome.storage.local.get(null)));

  await openSection(page, 'Import & export');
  await page.getByLabel('Import', { exact: true }).setInputFiles(fileWith('broken.env', 'OPENAI_API_KEY sk-missing-equals\n'));
  await expect(page.getByRole('alert')).toContainText('Line 1 is not of the form NAME=value');
  expect(JSON.stringify(await worker.evaluate(() => chrome.storage.local.get(null)))).toBe(before);

  const env = `# project keys\nOPENAI_API_KEY=${OPENAI_A.secret}\nGROQ_API_KEY=${GROQ.secret}\nDATABASE_URL=postgres://localhost/db\n`;
  await page.getByLabel('Import', { exact: true }).setInputFiles(fileWith('.env', env));
  const preview = page.getByRole('table', { name: 'Import preview' });
  await expect(preview).toContainText('OPENAI_API_KEY, line 2');
  await expect(preview).toContainText('Duplicate (skipped)');
  await expect(preview).not.toContainText(OPENAI_A.secret);
  expect(JSON.stringify(await worker.evaluate(() => chrome.storage.local.get(null)))).toBe(before); // nothing saved yet
  await page.getByRole('button', { name: 'Import 1 key' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 key' })).toBeVisible();
  await openSection(page, 'Keys');
  await expect(row(page, 'OpenAI (OPENAI_API_KEY)')).toContainText('sk-p…1111');
  await expect(page.getByRole('listitem')).toHaveCount(2);
});

test('a backup asks for the master passphrase, and restores identical keys into a wiped vault', async ({ openPage, worker }) => {
  const page = await openPage('options');
  await createVault(page);
  await addKey(page, OPENAI_A);
  await addKey(page, GROQ);
  // The master passphrase is asked again: someone at an unlocked browser cannot pick a
  // backup passphrase of their own and leave with every key.
  await openSection(page, 'Import & export');
  const exportForm = page.getByRole('form', { name: 'Export backup' });
  await exportForm.getByLabel('Backup passphrase (new)').fill('backup passphrase 77');
  await exportForm.getByLabel('Confirm backup passphrase').fill('backup passphrase 77');
  await expect(exportForm.getByRole('button', { name: 'Export backup' })).toBeDisabled();
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  await exportForm.getByLabel('Master passphrase').fill('not the master passphrase');
  await exportForm.getByRole('button', { name: 'Export backup' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /incorrect/ })).toBeVisible();
  expect(downloads).toBe(0);
  await exportForm.getByLabel('Master passphrase').fill(PASSPHRASE);
  const download = page.waitForEvent('download');
  await exportForm.getByRole('button', { name: 'Export backup' }).click();
  const file = await (await download).path();
  const backup = readFileSync(file, 'utf8');
  for (const plain of [OPENAI_A.secret, GROQ.secret, OPENAI_A.name]) expect(backup).not.toContain(plain);

  await worker.evaluate(async () => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
  });
  const fresh = await openPage('options');
  await createVault(fresh, 'a new vault passphrase');
  await openSection(fresh, 'Import & export');
  await fresh.getByLabel('Import', { exact: true }).setInputFiles(fileWith('backup.json', backup));
  await fresh.getByLabel('Backup passphrase', { exact: true }).fill('backup passphrase 77');
  await fresh.getByRole('button', { name: 'Open backup' }).click();
  await fresh.getByRole('button', { name: 'Import 2 keys' }).click();
  await expect(fresh.getByRole('status').filter({ hasText: 'Imported 2 keys' })).toBeVisible();
  await openSection(fresh, 'Keys');
  for (const key of [OPENAI_A, GROQ]) {
    await fresh.getByRole('searchbox', { name: 'Search' }).fill(key.name);
    await rowAction(fresh.getByRole('listitem').first(), 'Show');
    await expect(fresh.getByRole('listitem').first()).toContainText(key.secret);
  }
});

test('change the passphrase: the old one is refused, the new one opens', async ({ openPage }) => {
  const page = await openPage('options');
  await createVault(page);
  await openSection(page, 'Settings');
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByLabel('New passphrase', { exact: true }).fill('brand new passphrase 2');
  await page.getByLabel('Confirm new passphrase').fill('brand new passphrase 2');
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Passphrase changed' })).toBeVisible(KDF_WAIT);
  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page);
  await expect(page.getByRole('alert').filter({ hasText: /incorrect/ })).toBeVisible();
  await unlock(page, 'brand new passphrase 2');
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
});

test('settings persist, and an expired key says so', async ({ openPage }) => {
  const page = await openPage('options');
  await createVault(page);
  await openSection(page, 'Settings');
  await page.getByLabel('Auto-lock').selectOption({ label: 'Never' });
  await page.getByLabel('Clear clipboard after').selectOption({ label: '10 seconds' });
  await expect(page.getByText('Key derivation: argon2id, 64 MiB, 3 passes, 1 lane.')).toBeVisible();
  await openSection(page, 'Keys');
  await page.getByRole('button', { name: 'Add key' }).click();
  await page.getByLabel('Name').fill('Old trial');
  await page.getByLabel('API key').fill('sk-proj-OLDTRIALddddddddddddddddddddddd4444');
  await page.getByLabel('Expires').fill('2020-01-31');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(row(page, 'Old trial')).toContainText('expired');
  await page.reload();
  await openSection(page, 'Settings');
  await expect(page.getByLabel('Auto-lock')).toHaveValue('never');
  await expect(page.getByLabel('Clear clipboard after')).toHaveValue('10');
});
