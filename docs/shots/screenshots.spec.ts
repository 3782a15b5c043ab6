import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from '../../tests/e2e/fill-world.ts';
import { clickShadowButton } from '../../tests/e2e/closed-shadow.ts';
import { menuIn } from '../../tests/e2e/inline-menu.ts';
import { FakeProvider } from '../../tests/fixtures/fake-provider.ts';
import { addKey, createVault } from '../../tests/e2e/vault-pages.ts';

// Pictures for the README (light and dark) and for the stores (exactly 1280×800), written
// outside test-results/. Pages are found by the UI contract's names only, so a new look
// needs no change here. The keys are made up; the fake provider answers their checks.
const STORE = { width: 1280, height: 800 };
const STORE_DIR = 'docs/store';

const SAMPLE_KEYS = [
  { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-Xq7LmN2vR9tB4kPz8WcY1hJ6dF3sA0eGuT5oQiVbNm4ZyK', shape: 'openai', status: 'Valid' },
  { provider: 'Anthropic', name: 'Work: Claude Code', secret: 'sk-ant-api03-Hw3Jk9Lp2Qr7St5Uv1Xy8Za4Bc6De0Fg2Hi9Jk3Lm7No5Pq1Rs8Tu4Vw6Xy0Za2Bc9De3Fg7Hi5Jk1Lm8No4Pq6Rs0Tu-AA', shape: 'anthropic', status: 'Valid' },
  { provider: 'Mistral', name: 'Experiments', secret: 'Qm8Rt2Yx6Wk4Np9Lv3Hs7Jd1Fg5Bc0Za', shape: 'openai', status: 'Valid' },
  { provider: 'Groq', name: 'Fast drafts', secret: 'gsk_ratelimitedW4kN9pL3vH7sJ1dF5gB0cZ8mR2tY6xQ4wK9nP3', shape: 'openai', status: 'Rate-limited' },
  { provider: 'Google Gemini', name: 'Old prototype', secret: 'AIzaSyinvalid7Kp2Qw9Lm4Xr8Tn3Vb6Hj1Zc5Df', shape: 'gemini', status: 'Invalid' },
] as const;

/** Width and height from a PNG's header. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The size Chrome gives the toolbar popup: its content's, at most 800×600. */
async function popupSize(popup: Page): Promise<{ width: number; height: number }> {
  return popup.evaluate(() => {
    const root = document.documentElement;
    root.style.width = root.style.height = 'max-content';
    const { width, height } = root.getBoundingClientRect();
    root.style.width = root.style.height = '';
    return { width: Math.min(Math.ceil(width), 800), height: Math.min(Math.ceil(height), 600) };
  });
}

/** Takes `shoot` once in each colour scheme, as `<name>.png` and `<name>-dark.png`. */
async function inBothSchemes(page: Page, name: string, shoot: (path: string) => Promise<unknown>): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await shoot(`${name}${scheme === 'dark' ? '-dark' : ''}.png`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('screenshots', async ({ openPage, context, site }) => {
  test.setTimeout(180_000);
  rmSync(STORE_DIR, { recursive: true, force: true });
  mkdirSync(STORE_DIR, { recursive: true });
  const fake = await FakeProvider.start();
  const options = await openPage('options');
  await options.setViewportSize({ width: 900, height: 620 });
  await options.screenshot({ path: 'docs/create.png' });
  await createVault(options);
  for (const { provider, name, secret, shape } of SAMPLE_KEYS) await addKey(options, { provider, name, secret, endpoint: fake.endpoint(shape) });
  for (const { name, status } of SAMPLE_KEYS) await expect(options.getByRole('listitem').filter({ hasText: name })).toContainText(status);
  // The saves' toasts go by themselves: the picture shows the page at rest.
  await expect(options.locator('.toast-line')).toHaveCount(0, { timeout: 15_000 });
  await options.getByRole('button', { name: 'Lock' }).focus();
  await options.setViewportSize({ width: 1000, height: 720 });
  await inBothSchemes(options, 'docs/options', (path) => options.screenshot({ path }));
  await options.setViewportSize(STORE);
  await inBothSchemes(options, `${STORE_DIR}/1-options`, (path) => options.screenshot({ path }));

  const popup = await openPage('popup');
  await expect(popup.getByRole('listitem')).toHaveCount(SAMPLE_KEYS.length);
  await popup.setViewportSize(await popupSize(popup));
  await inBothSchemes(popup, 'docs/popup', (path) => popup.screenshot({ path }));

  // The store's popup picture: both schemes side by side on a plain backdrop.
  const board = await context.newPage();
  await board.setViewportSize(STORE);
  const image = (file: string) => `<img src="data:image/png;base64,${readFileSync(file).toString('base64')}">`;
  await board.setContent(`<body style="margin:0;height:100vh;display:flex;gap:64px;align-items:center;justify-content:center;background:linear-gradient(135deg,#dfe7fb,#2a3350)">
    <style>img{border-radius:12px;box-shadow:0 12px 40px #0006}</style>${image('docs/popup.png')}${image('docs/popup-dark.png')}</body>`);
  await board.screenshot({ path: `${STORE_DIR}/2-popup.png` });

  // The inline offer on a provider's console, its menu (our own frame) open.
  const console = await context.newPage();
  await console.setViewportSize({ width: 640, height: 300 });
  await console.goto(site.consoleUrl);
  await console.getByLabel('API key').click();
  await clickShadowButton(console, 'Fill from AI Key Vault');
  await (await menuIn(console)).getByRole('button', { name: /Personal/ }).waitFor();
  await console.screenshot({ path: 'docs/inline-offer.png' });
  // For the store: the same moment at twice the pixels, 640×400 drawn as 1280×800.
  const devtools = await context.newCDPSession(console);
  await devtools.send('Emulation.setDeviceMetricsOverride', { width: STORE.width / 2, height: STORE.height / 2, deviceScaleFactor: 2, mobile: false });
  const { data } = await devtools.send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(`${STORE_DIR}/3-inline-offer.png`, Buffer.from(data, 'base64'));
  await fake.stop();

  // The stores take 1280×800 exactly.
  const stored = readdirSync(STORE_DIR);
  expect(stored.sort()).toEqual(['1-options-dark.png', '1-options.png', '2-popup.png', '3-inline-offer.png']);
  for (const file of stored) expect(pngSize(`${STORE_DIR}/${file}`), file).toEqual(STORE);
});
