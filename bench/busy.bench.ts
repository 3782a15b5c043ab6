/**
 * `npm run bench`, the figures a busy background changes, each beside its limit in the
 * same run: the popup and a search keystroke while a check of 1,000 keys stores its
 * results with the options page open; the writes and page refreshes one import of 1,000
 * keys causes; unlock click → list at 1,000 keys, warm and first after launch.
 */
import { test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backgroundOf, launchWithExtension } from '../tests/e2e/extension.ts';
import { DEFAULT_PARAMS } from '../lib/crypto/kdf.ts';
import { FakeProvider } from '../tests/fixtures/fake-provider.ts';
import { median, middle, report, type Figure } from './measure.ts';
import { searchKeystroke } from './page-timing.ts';
import { sampleVault } from './sample-vault.ts';

const PASSPHRASE = 'benchmark passphrase 2026';
const LIST_SHOWN = 'ai-key-vault:list-ready';
const figures: Figure[] = [];

async function request(page: Page, type: string, data: unknown): Promise<number> {
  return page.evaluate(
    async ([type, data]) => {
      const start = performance.now();
      const answer = (await chrome.runtime.sendMessage({ type, data })) as { ok: boolean };
      if (!answer.ok) throw new Error(`${type}: ${JSON.stringify(answer)}`);
      return performance.now() - start;
    },
    [type, data] as const,
  );
}

async function extensionPage(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL((await backgroundOf(context)).url()).host}/${name}`);
  return page;
}

/** Opens the popup as a page and returns navigation start → its list shown. */
async function popupReady(page: Page, base: string): Promise<number> {
  await page.goto(`${base}/popup.html`);
  await page.locator('ul.providers li').first().waitFor();
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, LIST_SHOWN);
}

/**
 * Unlock on the options page: the click → the list shown. Timed from the click event the
 * page received (what the user did), not from before Playwright's own checks for the click.
 */
async function unlockClickToList(page: Page): Promise<number> {
  await page.getByLabel('Master passphrase').fill(PASSPHRASE);
  await page.evaluate((mark) => {
    const timed = window as unknown as { clickedAt?: number };
    delete timed.clickedAt;
    performance.clearMarks(mark);
    document.addEventListener('click', (event) => (timed.clickedAt = event.timeStamp), { capture: true, once: true });
  }, LIST_SHOWN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.locator('li.key').first().waitFor({ timeout: 60_000 });
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime - (window as unknown as { clickedAt: number }).clickedAt, LIST_SHOWN);
}

test('a busy background', async () => {
  test.setTimeout(600_000);
  const fake = await FakeProvider.start();
  fake.latencyMs = 100;
  const context = await launchWithExtension();
  const worker = await backgroundOf(context);
  const base = `chrome-extension://${new URL(worker.url()).host}`;
  const { writes } = await sampleVault(1_000, PASSPHRASE, DEFAULT_PARAMS, fake.endpoint('openai'));
  await worker.evaluate((items) => chrome.storage.local.set(items), writes);
  const control = await extensionPage(context, 'manifest.json');
  await request(control, 'unlock', { passphrase: PASSPHRASE });
  const options = await extensionPage(context, 'options.html');
  await options.locator('li.key').first().waitFor();
  const popup = await context.newPage();

  const quietPopup = await median(5, () => popupReady(popup, base));
  let typed = 0;
  const quietKeystroke = await median(9, () => searchKeystroke(options, ['o', 'op', 'key 1', ''][typed++ % 4]!));

  // A check of every key: results arrive for about 17 s (6 at a time, 100 ms each).
  void control.evaluate(() => chrome.runtime.sendMessage({ type: 'checkAll', data: {} }));
  await options.getByRole('status').filter({ hasText: /Checking \d+ of 1000/ }).waitFor();
  const busyPopup = await median(5, () => popupReady(popup, base));
  const busyKeystroke = await median(9, () => searchKeystroke(options, ['o', 'op', 'key 1', ''][typed++ % 4]!));
  await options.getByRole('button', { name: 'Check all' }).waitFor({ timeout: 120_000 });
  figures.push({ figure: 'popup ready while 1,000 keys are checked, options page open', where: 'Chromium', value: busyPopup, unit: 'ms', goal: 100, note: `quiet background: ${quietPopup.toFixed(0)} ms` });
  figures.push({ figure: 'search keystroke while 1,000 keys are checked', where: 'Chromium', value: busyKeystroke, unit: 'ms', goal: 16, note: `quiet: ${quietKeystroke.toFixed(1)} ms` });
  await context.close();
  await fake.stop();
});

test('one import of 1,000 keys', async () => {
  test.setTimeout(600_000);
  const context = await launchWithExtension();
  const worker = await backgroundOf(context);
  const control = await extensionPage(context, 'manifest.json');
  await request(control, 'create', { passphrase: PASSPHRASE });
  const options = await extensionPage(context, 'options.html');
  await options.getByRole('button', { name: 'Lock' }).waitFor();
  // Counted from outside: the worker's storage writes, and the page's requests for its list.
  await worker.evaluate(() => {
    const counted = globalThis as unknown as { writes: number };
    counted.writes = 0;
    const set = chrome.storage.local.set.bind(chrome.storage.local);
    chrome.storage.local.set = ((items: object) => ((counted.writes += 1), set(items))) as typeof chrome.storage.local.set;
  });
  await options.evaluate(() => {
    const counted = window as unknown as { refreshes: number };
    counted.refreshes = 0;
    const send = chrome.runtime.sendMessage.bind(chrome.runtime);
    chrome.runtime.sendMessage = ((message: { type?: string }) => {
      if (message?.type === 'listEntries' || message?.type === 'listChanges') counted.refreshes += 1;
      return send(message);
    }) as typeof chrome.runtime.sendMessage;
  });
  const env = Array.from({ length: 1_000 }, (_, i) => `OPENAI_API_KEY_${i}=sk-proj-${String(i).padStart(6, '0')}${'a'.repeat(40)}`).join('\n');
  const preview = await control.evaluate(async (text) => chrome.runtime.sendMessage({ type: 'previewImport', data: { format: 'env', text } }), env);
  await control.evaluate(async (token) => chrome.runtime.sendMessage({ type: 'confirmImport', data: { token } }), (preview as { data: { token: string } }).data.token);
  // The checks that follow an import (every key unreachable here: no network) land in batches.
  await options.getByRole('button', { name: 'Check all' }).waitFor();
  await options.waitForFunction(() => document.querySelectorAll('li.key [data-status="unreachable"]').length > 0);
  await options.waitForTimeout(3_000);
  const writes = await worker.evaluate(() => (globalThis as unknown as { writes: number }).writes);
  const refreshes = await options.evaluate(() => (window as unknown as { refreshes: number }).refreshes);
  figures.push({ figure: 'storage writes for one import of 1,000 keys (with their checks)', where: 'Chromium', value: writes, unit: 'count', note: 'goal: tens, not thousands' });
  figures.push({ figure: 'options page list requests for that import', where: 'Chromium', value: refreshes, unit: 'count', note: 'each a catch-up of the keys announced' });
  await context.close();
});

test('unlock click → list, 1,000 keys, warm and first after launch', async () => {
  test.setTimeout(600_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'akv-bench-'));
  let context = await launchWithExtension(profile);
  const { writes } = await sampleVault(1_000, PASSPHRASE, DEFAULT_PARAMS);
  await (await backgroundOf(context)).evaluate((items) => chrome.storage.local.set(items), writes);
  await context.close();

  // First after launch: the browser starts, the options page opens, the user unlocks at
  // once. In turns with it, the background's own first unlock, asked at once and asked
  // 1.5 s after launch: what the browser's own start-up costs the KDF.
  const first: number[] = [];
  const firstBackground: number[] = [];
  const firstBackgroundLater: number[] = [];
  for (let run = 0; run < 3; run++) {
    context = await launchWithExtension(profile);
    first.push(await unlockClickToList(await extensionPage(context, 'options.html')));
    await context.close();
    for (const [wait, runs] of [[0, firstBackground], [1_500, firstBackgroundLater]] as const) {
      context = await launchWithExtension(profile);
      const control = await extensionPage(context, 'manifest.json');
      await control.waitForTimeout(wait);
      runs.push(await request(control, 'unlock', { passphrase: PASSPHRASE }));
      await context.close();
    }
  }
  context = await launchWithExtension(profile);
  const control = await extensionPage(context, 'manifest.json');
  const warmUntil = Date.now() + 15_000;
  while (Date.now() < warmUntil) {
    await request(control, 'unlock', { passphrase: PASSPHRASE });
    await request(control, 'lock', {});
  }
  // The background's own unlock and the page's click → list, in turns, from the same
  // state: the options page open at its unlock form, the worker warm. The page is not
  // reloaded between turns: every page Playwright loads attaches DevTools sessions to the
  // worker, which throw away its optimized code (seen in a trace: V8.DeoptimizeCode on
  // the worker's thread right after the attach; the next unlock then spends ~100 ms more
  // recompiling), something no user's browser does.
  const page = await extensionPage(context, 'options.html');
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
  const backgroundRuns: number[] = [];
  const pageRuns: number[] = [];
  for (let turn = 0; turn < 14; turn++) {
    if (turn % 2 === 0) {
      backgroundRuns.push(await request(control, 'unlock', { passphrase: PASSPHRASE }));
      await page.locator('li.key').first().waitFor();
      await request(control, 'lock', {});
    } else {
      pageRuns.push(await unlockClickToList(page));
      await page.getByRole('button', { name: 'Lock' }).click();
    }
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
  }
  const background = middle(backgroundRuns);
  const warm = middle(pageRuns);
  const firstMedian = middle(first);
  figures.push({ figure: 'unlock click → list, 1,000 keys (warm)', where: 'Chromium', value: warm, unit: 'ms', goal: 500, note: `${(warm / background).toFixed(2)}× the background's own unlock (${background.toFixed(0)} ms; goal ≤ 1.2×)` });
  figures.push({ figure: 'unlock click → list, 1,000 keys (first after launch)', where: 'Chromium', value: firstMedian, unit: 'ms', goal: 500, note: `${(firstMedian / warm).toFixed(2)}× warm; runs ${first.map((ms) => ms.toFixed(0)).join(', ')} ms` });
  const firstAtOnce = middle(firstBackground);
  const firstLater = middle(firstBackgroundLater);
  figures.push({ figure: 'background unlock, 1,000 keys, first after launch, asked at once', where: 'Chromium', value: firstAtOnce, unit: 'ms', note: `${(firstAtOnce / background).toFixed(2)}× warm; asked 1.5 s after launch: ${firstLater.toFixed(0)} ms (${(firstLater / background).toFixed(2)}×)` });
  await context.close();
});

test.afterAll(() => report(figures, 'bench/results.json'));
