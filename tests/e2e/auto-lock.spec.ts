import { test, expect } from './extension.ts';
import { FakeProvider } from '../fixtures/fake-provider.ts';
import { createVault, openSection } from './vault-pages.ts';

test('at its shortest setting the vault locks itself one minute after its last use', async ({ openPage, worker }) => {
  test.setTimeout(150_000);
  const options = await openPage('options');
  await createVault(options);
  await openSection(options, 'Settings');
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

test('with the options page open and check results arriving all the while, the vault still locks on time', async ({ openPage, worker }) => {
  test.setTimeout(180_000);
  const fake = await FakeProvider.start();
  fake.latencyMs = 8_000; // under the 10 s a check may take: 60 keys, 6 at a time, give results for 80 s
  try {
    const options = await openPage('options');
    await createVault(options);
    await options.evaluate(async (endpoint) => {
      for (let i = 0; i < 60; i++) {
        const entry = { provider: 'openai', name: `Slow key ${i}`, secret: `sk-proj-SLOW${String(i).padStart(4, '0')}${'a'.repeat(30)}`, endpoint };
        await chrome.runtime.sendMessage({ type: 'addEntry', data: { entry } });
      }
    }, fake.endpoint('openai'));
    await openSection(options, 'Settings');
    await options.getByLabel('Auto-lock').selectOption({ label: 'After 1 minute without use' });
    await expect(options.getByLabel('Auto-lock')).toHaveValue('1');
    await openSection(options, 'Keys');
    await options.getByRole('button', { name: 'Check all' }).click(); // the last use
    const usedAt = Date.now();
    await expect(options.getByRole('status').filter({ hasText: /Checking \d+ of 60/ })).toBeVisible();
    // Results keep arriving (each announced to the page, which catches up); none of that is a use.
    await expect(options.getByRole('button', { name: 'Unlock' })).toBeVisible({ timeout: 100_000 });
    expect(Date.now() - usedAt).toBeLessThan(80_000);
    expect(fake.log.length).toBeGreaterThan(66); // the checks after each save, and more than one round of Check all
    expect(await worker.evaluate(() => chrome.storage.session.get(null))).toEqual({});
  } finally {
    await fake.stop();
  }
});
