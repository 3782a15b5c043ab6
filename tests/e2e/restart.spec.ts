import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { backgroundOf, launchWithExtension } from './extension.ts';
import { addKey, createVault, unlock } from './vault-pages.ts';
import { recordForLeaks, resetWatched } from './leak-scan.ts';

test('the vault is locked after the browser restarts, and opens again with its passphrase', async () => {
  const profile = mkdtempSync(path.join(tmpdir(), 'akv-restart-'));
  resetWatched();
  const first = await launchWithExtension(profile);
  const scanFirst = recordForLeaks(first);
  const id = new URL((await backgroundOf(first)).url()).host;
  const page = await first.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await createVault(page);
  await addKey(page, { provider: 'OpenAI', name: 'Survivor', secret: 'sk-proj-SURVIVORaaaaaaaaaaaaaaaaaaaaaaa1111' });
  expect(await scanFirst(), 'leaks').toEqual([]);
  await first.close();

  const second = await launchWithExtension(profile);
  const scanSecond = recordForLeaks(second);
  const worker = await backgroundOf(second);
  expect(await worker.evaluate(() => chrome.storage.session.get(null))).toEqual({});
  const again = await second.newPage();
  await again.goto(`chrome-extension://${id}/options.html`);
  await expect(again.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await unlock(again);
  await expect(again.getByRole('listitem').filter({ hasText: 'Survivor' })).toBeVisible();
  expect(await scanSecond(), 'leaks').toEqual([]);
  await second.close();
});
