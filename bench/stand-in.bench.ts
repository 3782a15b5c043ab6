/**
 * `npm run bench`: what stand-in keys cost. The time substitution adds to one request
 * (the chat app's request with its stand-in from the bound site, beside the same
 * request with the real key from a site with no binding), and Fill stand-in → the field
 * filled, through the real popup.
 */
import { expect, test, type Page } from '@playwright/test';
import { backgroundOf, launchWithExtension } from '../tests/e2e/extension.ts';
import { POPUP_FLAGS, ToolbarPopup } from '../tests/e2e/toolbar-popup.ts';
import { CHAT_KEY } from '../tests/e2e/stand-in-world.ts';
import { TestSite } from '../tests/fixtures/test-site.ts';
import { API_URL, ProviderHost } from '../tests/fixtures/provider-host.ts';
import { report, type Figure } from './measure.ts';
import { STAND_IN_MARKER } from '../lib/stand-in/stand-in-token.ts';

const figures: Figure[] = [];

/** Asks the background from an extension page; throws on a refusal. */
async function ask(page: Page, type: string, data: unknown): Promise<unknown> {
  const answer = await page.evaluate(([type, data]) => chrome.runtime.sendMessage({ type, data }), [type, data] as const);
  if (!(answer as { ok: boolean }).ok) throw new Error(`${type} failed: ${JSON.stringify(answer)}`);
  return (answer as { data: unknown }).data;
}

/** One chat request from `page` with `key`, timed in the page (fetch to the whole answer read); fails unless answered 200. */
async function timedChat(page: Page, key: string): Promise<number> {
  const [ms, status] = await page.evaluate(
    async ([url, key]) => {
      const start = performance.now();
      const response = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{"model":"gpt-4o-mini","messages":[]}' });
      await response.text();
      return [performance.now() - start, response.status] as const;
    },
    [API_URL, key] as const,
  );
  if (status !== 200) throw new Error(`the chat request was answered ${status}`);
  return ms;
}

test('stand-in keys', async () => {
  const site = await TestSite.start();
  const api = await ProviderHost.start([CHAT_KEY.secret]);
  const context = await launchWithExtension(undefined, { resolve: [...site.resolverRules, api.resolverRule], args: ['--ignore-certificate-errors', ...POPUP_FLAGS] });
  const extensionId = new URL((await backgroundOf(context)).url()).host;
  const control = await context.newPage();
  await control.goto(`chrome-extension://${extensionId}/manifest.json`);
  await ask(control, 'create', { passphrase: 'benchmark passphrase 2026' });
  await ask(control, 'addEntry', { entry: { provider: 'openai', name: CHAT_KEY.name, secret: CHAT_KEY.secret } });

  const bound = await context.newPage();
  await bound.goto(site.chatUrl('127.0.0.1'));
  const field = bound.getByLabel('OpenAI API key');
  // Presses a popup button over the chat app; the time from the click to the field filled (ms clock).
  const fill = async (button: 'Fill' | 'Fill stand-in') => {
    await field.fill('');
    await field.click();
    const popup = await ToolbarPopup.openOver(context, bound, extensionId);
    await popup.waitFor(`document.querySelector('li.row button')`);
    const clickedAt = await popup.evaluate<number>(
      `(() => { const button = [...document.querySelectorAll('li.row button')].find((b) => b.textContent === ${JSON.stringify(button)}); const at = Date.now(); button.click(); return at; })()`,
    );
    await bound.waitForFunction(() => (document.getElementById('key') as HTMLInputElement).value !== '');
    return (await bound.evaluate(() => Date.now())) - clickedAt;
  };
  await fill('Fill'); // the page's first fill injects the agent: not part of binding
  const first = await fill('Fill stand-in');
  const times: Record<'Fill' | 'Fill stand-in', number[]> = { Fill: [], 'Fill stand-in': [] };
  for (let i = 0; i < 7; i++) for (const button of ['Fill', 'Fill stand-in'] as const) times[button].push(await fill(button));
  const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  figures.push({ figure: 'Fill stand-in → stand-in in the field, site bound then', where: 'Chromium', value: first, unit: 'ms', goal: 100, note: 'one run: bind (seal, store, set the rule), locate, fill' });
  figures.push({ figure: 'Fill stand-in → stand-in in the field, site already bound', where: 'Chromium', value: mid(times['Fill stand-in']), unit: 'ms', goal: 100, note: 'median of 7 (ms clock)' });
  figures.push({ figure: 'popup Fill → key in the same field, same run', where: 'Chromium', value: mid(times.Fill), unit: 'ms', goal: 100, note: 'median of 7, interleaved with the above' });

  // The same request: from the bound site with its stand-in (the browser sets the key),
  // and from a site without a binding with the real key (nothing to set).
  const standIn = await field.inputValue(); // the last fill above was the stand-in's
  expect(standIn).toContain(STAND_IN_MARKER);
  const unbound = await context.newPage();
  await unbound.goto(site.chatUrl('localhost'));
  for (let i = 0; i < 10; i++) await Promise.all([timedChat(bound, standIn), timedChat(unbound, CHAT_KEY.secret)]); // warm up: connections, the worker
  const withStandIn: number[] = [];
  const withKey: number[] = [];
  for (let i = 0; i < 60; i++) {
    withStandIn.push(await timedChat(bound, standIn));
    withKey.push(await timedChat(unbound, CHAT_KEY.secret));
  }
  figures.push({ figure: 'one chat request, stand-in swapped for the key', where: 'Chromium', value: mid(withStandIn), unit: 'ms', note: 'median of 60, local provider' });
  figures.push({ figure: 'the same request with the real key, no binding', where: 'Chromium', value: mid(withKey), unit: 'ms', note: 'median of 60, interleaved' });
  figures.push({ figure: 'time substitution adds to a request', where: 'Chromium', value: mid(withStandIn.map((ms, i) => ms - withKey[i]!)), unit: 'ms', note: 'median of the 60 paired differences' });
  await context.close();
  await api.stop();
  await site.stop();
});

test.afterAll(() => report(figures, 'bench/results.json'));
