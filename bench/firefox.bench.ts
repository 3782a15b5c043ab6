/**
 * `npm run bench`, Firefox part: unlock and popup ready in the built Firefox add-on
 * (Debian's Firefox ESR, headless, over WebDriver BiDi), measured the way vault.bench.ts
 * measures them in Chromium, so that both stand in one table.
 */
import { test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import type { WxtBrowser } from 'wxt/browser';
import { DEFAULT_PARAMS } from '../lib/crypto/kdf.ts';
import { Firefox } from '../tests/e2e-firefox/firefox.ts';
import { median, report, type Figure } from './measure.ts';
import { sampleVault } from './sample-vault.ts';

const PASSPHRASE = 'benchmark passphrase 2026';
const figures: Figure[] = [];
type ExtensionWindow = typeof globalThis & { browser: WxtBrowser };

/** Sends one request from an extension page and returns its milliseconds. */
async function timedRequest(page: Page, type: string, data: unknown): Promise<number> {
  const [ms, answer] = await page.evaluate(
    async (type, data) => {
      const start = performance.now();
      const answer = await (globalThis as ExtensionWindow).browser.runtime.sendMessage({ type, data });
      return [performance.now() - start, answer] as const;
    },
    type,
    data,
  );
  if (!(answer as { ok: boolean }).ok) throw new Error(`${type} failed: ${JSON.stringify(answer)}`);
  return ms;
}

/** Replaces the stored vault with `items`, locked. */
async function storeVault(page: Page, items: unknown): Promise<void> {
  await page.evaluate(async (items) => {
    const { storage } = (globalThis as ExtensionWindow).browser;
    await storage.local.clear();
    await storage.session.clear();
    await storage.local.set(items as Record<string, unknown>);
  }, items);
  await timedRequest(page, 'lock', {});
}

test('firefox', async () => {
  test.setTimeout(600_000);
  const firefox = await Firefox.launch();
  // A page that does not refresh on changes: only the request itself is timed.
  const control = await firefox.open('manifest.json');
  for (const size of [10, 1_000]) {
    const { writes } = await sampleVault(size, PASSPHRASE, DEFAULT_PARAMS);
    await storeVault(control, JSON.parse(JSON.stringify(writes)));
    const warmUntil = Date.now() + (size === 10 ? 10_000 : 2_000);
    while (Date.now() < warmUntil) {
      await timedRequest(control, 'unlock', { passphrase: PASSPHRASE });
      await timedRequest(control, 'lock', {});
    }
    const unlock = await median(7, async () => {
      const ms = await timedRequest(control, 'unlock', { passphrase: PASSPHRASE });
      await timedRequest(control, 'lock', {});
      return ms;
    });
    figures.push({ figure: `unlock (KDF + open), ${size} keys`, where: 'Firefox', value: unlock, unit: 'ms', goal: 500 });

    await timedRequest(control, 'unlock', { passphrase: PASSPHRASE });
    const ready = await median(7, async () => {
      const popup = await firefox.open('popup.html');
      await popup.waitForSelector('ul.providers li');
      const at = await popup.evaluate(() => performance.getEntriesByName('ai-key-vault:list-ready')[0]!.startTime);
      await popup.close();
      return at;
    });
    figures.push({ figure: `popup ready (list shown), ${size} keys`, where: 'Firefox', value: ready, unit: 'ms', goal: 100, note: 'navigation start → list' });
  }
  await firefox.close();
});

test.afterAll(() => report(figures, 'bench/results.json'));
