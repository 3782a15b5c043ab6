import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { backgroundOf, launchWithExtension } from './extension.ts';
import { addKey, createVault, openSection } from './vault-pages.ts';
import { recordForLeaks, resetWatched } from './leak-scan.ts';

const OTHER_PASSPHRASE = 'second profile passphrase 7';

async function optionsOf(context: BrowserContext): Promise<Page> {
  const id = new URL((await backgroundOf(context)).url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  return page;
}

const syncItems = async (context: BrowserContext) => (await backgroundOf(context)).evaluate(() => chrome.storage.sync.get(null));
/**
 * Waits for a sync round that ended after `time` (its status records when). That round
 * may have begun before `time`: it does not prove that a change made then was published.
 */
async function syncedSince(context: BrowserContext, time: number): Promise<void> {
  const worker = await backgroundOf(context);
  const lastSynced = () => worker.evaluate(async () => ((await chrome.storage.local.get('syncState')) as { syncState?: { lastSyncedAt?: number } }).syncState?.lastSyncedAt ?? 0);
  await expect.poll(lastSynced, { timeout: 15_000 }).toBeGreaterThanOrEqual(time);
}

/** What the browser's sync engine does: the other profile's items arrive in this one's area. */
async function deliver(items: Record<string, unknown>, to: BrowserContext): Promise<void> {
  await (await backgroundOf(to)).evaluate((arrived) => chrome.storage.sync.set(arrived), items);
}

test('two profiles share one vault through their sync areas, which hold only ciphertext, and merge offline edits', async () => {
  // Two browsers, two vaults (two KDF runs each) and sync rounds: near a minute alone on two cores.
  test.setTimeout(120_000);
  resetWatched();
  const first = await launchWithExtension();
  const second = await launchWithExtension();
  const scans = [recordForLeaks(first), recordForLeaks(second)];
  const a = await optionsOf(first);
  await createVault(a);
  await addKey(a, { provider: 'OpenAI', name: 'Shared work', secret: 'sk-proj-SYNCEDaaaaaaaaaaaaaaaaaaaaaaaaaa1111' });
  await addKey(a, { provider: 'Groq', name: 'Shared hobby', secret: 'gsk_SYNCEDbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' });
  await openSection(a, 'Sync');
  await a.getByLabel('Sync this vault across browsers signed in to the same account').check();
  await expect(a.getByRole('status').filter({ hasText: /Last synced .* of 100\.0 KB/ })).toBeVisible();
  // The header and the groups of keys (two keys: one or two groups), nothing else.
  const published = Object.keys(await syncItems(first));
  expect(published).toContain('h');
  expect(published.filter((key) => key !== 'h').every((key) => /^g[0-9a-f]{2}$/.test(key))).toBe(true);

  const b = await optionsOf(second);
  await createVault(b, OTHER_PASSPHRASE);
  await addKey(b, { provider: 'Anthropic', name: 'Second laptop', secret: 'sk-ant-api03-SYNCEDcccccccccccccccccccccccccccccccccc' });
  await deliver(await syncItems(first), second);
  await openSection(b, 'Sync');
  await b.getByLabel('Sync this vault across browsers signed in to the same account').check();
  await b.getByLabel('Passphrase of the synced vault').fill('copper meadow 31 whistle');
  await b.getByRole('button', { name: 'Join' }).click();
  await openSection(b, 'Keys');
  for (const name of ['Shared work', 'Shared hobby', 'Second laptop']) await expect(b.getByRole('listitem').filter({ hasText: name })).toBeVisible();

  // Offline on both sides, one new key each; then each area receives the other's items.
  await addKey(a, { provider: 'Mistral', name: 'Added on A', secret: 'mistralSYNCEDdddddddddddddddddddd' });
  const addedOnA = Date.now();
  await addKey(b, { provider: 'DeepSeek', name: 'Added on B', secret: 'sk-SYNCEDeeeeeeeeeeeeeeeeeeeeeeeeeeee' });
  const addedOnB = Date.now();
  await syncedSince(first, addedOnA);
  await syncedSince(second, addedOnB);
  const all = ['Shared work', 'Shared hobby', 'Second laptop', 'Added on A', 'Added on B'];
  // A merges what B published and publishes the merged groups; then B receives them. The
  // browser's sync keeps carrying every later change too, and so does this exchange: B's
  // items taken before B's round published its addition (a round that began before it
  // can end after it) lack "Added on B", and one delivery of them would leave A without it.
  await expect(async () => {
    const deliveredAt = Date.now();
    await deliver(await syncItems(second), first);
    await syncedSince(first, deliveredAt);
    await deliver(await syncItems(first), second);
    for (const page of [a, b]) {
      // A round on a loaded two-core machine (two browsers, two test workers) can take seconds.
      for (const name of all) await expect(page.getByRole('listitem').filter({ hasText: name })).toBeVisible({ timeout: 10_000 });
    }
  }).toPass({ timeout: 60_000 });
  for (const scan of scans) expect(await scan(), 'leaks').toEqual([]);
  await first.close();
  await second.close();
});
