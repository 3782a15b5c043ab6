import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { test, expect } from './fixture.ts';
import { addKey, button, byRole, createVault, field, fill, openSection, row, rowAction } from './pages.ts';
import { storedAreas, wipeStorage } from './extension-pages.ts';
import { PASSPHRASE } from '../e2e/vault-pages.ts';

const OPENAI = { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaa1111' };
const GROQ = { provider: 'Groq', name: 'Fast', secret: `gsk_${'c'.repeat(48)}3333` };

function fileWith(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'akv-import-')), name);
  writeFileSync(file, content);
  return file;
}

const importInput = async (page: Parameters<typeof field>[0]) => (await field(page, 'Import')) as ElementHandle<HTMLInputElement>;

test('Firefox: import a .env file through a preview; a malformed file changes nothing', async ({ firefox }) => {
  const page = await firefox.open('options.html');
  await createVault(page);
  await addKey(page, GROQ);
  const before = JSON.stringify((await storedAreas(page)).local);
  await openSection(page, 'Import & export');

  await (await importInput(page)).uploadFile(fileWith('broken.env', 'OPENAI_API_KEY sk-missing-equals\n'));
  await byRole(page, 'alert', 'Line 1 is not of the form NAME=value');
  expect(JSON.stringify((await storedAreas(page)).local)).toBe(before);

  const env = `# project keys\nOPENAI_API_KEY=${OPENAI.secret}\nGROQ_API_KEY=${GROQ.secret}\n`;
  await (await importInput(page)).uploadFile(fileWith('.env', env));
  const preview = await byRole(page, 'table', 'OPENAI_API_KEY, line 2');
  expect(await preview.evaluate((table) => table.textContent)).toContain('Duplicate (skipped)');
  expect(await preview.evaluate((table) => table.textContent)).not.toContain(OPENAI.secret);
  await (await button(page, 'Import 1 key')).click();
  await byRole(page, 'status', 'Imported 1 key');
  await openSection(page, 'Keys');
  await row(page, 'OpenAI (OPENAI_API_KEY)');
});

test('Firefox: a downloaded backup restores identical keys into a wiped vault', async ({ firefox }) => {
  const page = await firefox.open('options.html');
  await createVault(page);
  await addKey(page, OPENAI);
  await addKey(page, GROQ);
  await openSection(page, 'Import & export');
  await fill(page, 'Master passphrase, again', PASSPHRASE); // the export form's, first on the page
  await fill(page, 'Backup passphrase (new)', 'backup passphrase 77');
  await fill(page, 'Confirm backup passphrase', 'backup passphrase 77');
  await (await button(page, 'Export backup')).click();
  const backup = await firefox.downloaded();
  expect(backup).toMatch(/"format"\s*:\s*"ai-key-vault-backup"/);
  for (const plain of [OPENAI.secret, GROQ.secret, OPENAI.name]) expect(backup).not.toContain(plain);

  await wipeStorage(page);
  const fresh = await firefox.open('options.html');
  await createVault(fresh, 'a new vault passphrase');
  await openSection(fresh, 'Import & export');
  await (await importInput(fresh)).uploadFile(fileWith('backup.json', backup));
  await fill(fresh, 'Backup passphrase', 'backup passphrase 77');
  await (await button(fresh, 'Open backup')).click();
  await (await button(fresh, 'Import 2 keys')).click();
  await byRole(fresh, 'status', 'Imported 2 keys');
  await openSection(fresh, 'Keys');
  for (const key of [OPENAI, GROQ]) {
    const item = await row(fresh, key.name);
    await rowAction(item, 'Show');
    await byRole(fresh, 'listitem', key.secret);
  }
});
