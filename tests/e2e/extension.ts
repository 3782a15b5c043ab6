/**
 * A Playwright fixture: Chromium with the built extension loaded, headless, in a fresh
 * profile, resolving nothing but loopback.
 */
import { test as base, expect, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { recordForLeaks, resetWatched } from './leak-scan.ts';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const EXTENSION_PATH = path.resolve('.output/chrome-mv3');

/** Debian's Chromium unless CHROMIUM_PATH says otherwise; Playwright's own if neither. */
export function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : undefined;
}

export interface LaunchOptions {
  /** Host names to send to local servers, as `MAP host ip:port` rules. */
  resolve?: readonly string[];
  args?: readonly string[];
}

export async function launchWithExtension(
  userDataDir = mkdtempSync(path.join(tmpdir(), 'akv-profile-')),
  { resolve = [], args = [] }: LaunchOptions = {},
): Promise<BrowserContext> {
  if (!existsSync(path.join(EXTENSION_PATH, 'manifest.json'))) {
    throw new Error('Build the extension first: npm run build');
  }
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_PATH}`,
      `--load-extension=${EXTENSION_PATH}`,
      '--disable-quic',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=${[...resolve, 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'].join(', ')}`,
      ...args,
    ],
  });
}

export async function backgroundOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Stops the extension's service worker through the DevTools protocol and waits until it has stopped. */
export async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const stopped = new Promise<void>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((version) => version.runningStatus === 'stopped')) resolve();
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

interface Fixtures {
  context: BrowserContext;
  leakScan: void;
  worker: Worker;
  extensionId: string;
  openPage: (name: 'options' | 'popup') => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await launchWithExtension();
    await use(context);
    await context.close();
  },
  // After every scenario: no passphrase, name or key anywhere it must not be.
  leakScan: [
    async ({ context }, use) => {
      resetWatched();
      const scan = recordForLeaks(context);
      await use();
      expect(await scan(), 'leaks').toEqual([]);
    },
    { auto: true },
  ],
  worker: async ({ context }, use) => use(await backgroundOf(context)),
  extensionId: async ({ worker }, use) => use(new URL(worker.url()).host),
  openPage: async ({ context, extensionId }, use) =>
    use(async (name) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${name}.html`);
      return page;
    }),
});

export { expect };
