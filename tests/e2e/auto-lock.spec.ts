import { test, expect } from './extension.ts';
import { createVault } from './vault-pages.ts';

test('at its shortest setting the vault locks itself one minute after its last use', async ({ openPage, worker }) => {
  test.setTimeout(150_000);
  const options = await openPage('options');
  await createVault(options);
  await options.getByLabel('Auto-lock').selectOption({ label: 'After 1 minute without use' });
  await expect(options.getByLabel('Auto-lock')).toHaveValue('1');
  const setAt = Date.now();

  // Still open well inside the minute; locked (pages told, session key gone) after it.
  await options.waitForTimeout(40_000);
  expect(await worker.evaluate(() => chrome.storage.session.get(null))).not.toEqual({});
  await expect(options.getByRole('button', { name: 'Unlock' })).toBeVisible({ timeout: 60_000 });
  expect(Date.now() - setAt).toBeGreaterThanOrEqual(55_000);
  expect(await worker.evaluate(() => chrome.storage.session.get(null))).toEqual({});
});
