/**
 * The Playwright fixture of the Firefox project: each test gets its own Firefox with the
 * add-on, and after it the leak scan (storage of every area, the console of every
 * extension page and of the background page, the pages' requests).
 */
import { writeFileSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import { resetWatched } from '../e2e/leak-scan.ts';
import { Firefox } from './firefox.ts';

export const test = base.extend<{ firefox: Firefox; leakScan: void }>({
  // eslint-disable-next-line no-empty-pattern
  firefox: async ({}, use, testInfo) => {
    const firefox = await Firefox.launch();
    await use(firefox);
    // On failure, what each open page showed and what Firefox printed, beside the test's results.
    if (testInfo.status !== testInfo.expectedStatus) {
      writeFileSync(testInfo.outputPath('firefox-output.txt'), firefox.output);
      for (const [i, page] of (await firefox.browser.pages().catch(() => [])).entries()) {
        const text = await page.evaluate(() => `${location.href}\n\n${document.body?.innerText ?? ''}`).catch(String);
        writeFileSync(testInfo.outputPath(`page-${i + 1}.txt`), text);
        await page.screenshot({ fullPage: true, path: testInfo.outputPath(`page-${i + 1}.png`) }).catch(() => undefined);
      }
    }
    await firefox.close();
  },
  leakScan: [
    async ({ firefox }, use) => {
      resetWatched();
      await use();
      expect(await firefox.leaks(), 'leaks').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
