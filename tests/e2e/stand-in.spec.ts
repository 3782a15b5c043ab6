import { CHAT_KEY, expect, fillStandInFromPopup, press, test, whatThePageHolds } from './stand-in-world.ts';
import { clickShadowButton } from './closed-shadow.ts';
import { LOOK_MS, menuIn, menuKeys } from './inline-menu.ts';
import { ToolbarPopup } from './toolbar-popup.ts';
import { addKey, createVault, openSection, unlock } from './vault-pages.ts';
import { watchStandIn } from './leak-scan.ts';
import { appServerLog, type TestSite } from '../fixtures/test-site.ts';
import { API_URL } from '../fixtures/provider-host.ts';
import type { BrowserContext, Page } from '@playwright/test';

/** A vault with the chat key, the chat app on 127.0.0.1 given its stand-in (saved in the app); returns the pages and the stand-in. */
async function boundApp(context: BrowserContext, site: TestSite, extensionId: string, openPage: (name: 'options') => Promise<Page>) {
  const options = await openPage('options');
  await createVault(options);
  await addKey(options, CHAT_KEY);
  await expect(options.getByRole('listitem').filter({ hasText: CHAT_KEY.name })).toContainText('Valid');
  const app = await context.newPage();
  await app.goto(site.chatUrl());
  await app.getByLabel('OpenAI API key').click();
  expect(await fillStandInFromPopup(context, app, extensionId, 'OpenAI')).toBe('filled');
  const standIn = await app.getByLabel('OpenAI API key').inputValue();
  watchStandIn(standIn, API_URL, site.chatUrl('127.0.0.1'), site.chatUrl('localhost'));
  await app.getByRole('button', { name: 'Save key' }).click();
  // The app's own format check takes it for an OpenAI key.
  await expect(app.locator('#saved')).toContainText('Key saved: sk-proj-');
  await openSection(options, 'Stand-in keys');
  return { options, app, standIn };
}

const bindingRow = (options: Page) => options.getByRole('region', { name: 'Stand-in keys' }).getByRole('listitem');

test('the bound site’s requests reach the provider with the real key; the page and its server hold only the stand-in; another site, a redirect and a locked vault get nothing', async ({ context, extensionId, openPage, site, api }) => {
  const { options, app, standIn } = await boundApp(context, site, extensionId, openPage);
  expect(standIn).toMatch(/^sk-proj-AKVstandin/);
  expect(standIn).not.toBe(CHAT_KEY.secret);
  await expect(bindingRow(options)).toContainText(`http://127.0.0.1 uses ${CHAT_KEY.name}`);

  // The bound site: answered, plain and streamed; the provider saw the real key, from that site.
  expect(await press(app, 'Send')).toBe(200);
  await expect(app.locator('#reply')).toHaveText('Hello from the provider.');
  expect(await press(app, 'Stream')).toBe(200);
  await expect(app.locator('#reply')).toHaveText('Hello from a stream.');
  expect(await app.evaluate(() => (window as unknown as { app: { chunks: number } }).app.chunks)).toBe(4);
  expect(api.chats.map(({ key, origin }) => ({ key, origin }))).toEqual(Array(2).fill({ key: CHAT_KEY.secret, origin: new URL(site.chatUrl()).origin }));

  // The page never held the key: not in its DOM, fields, storage or state, nor in what its own server received.
  expect(await whatThePageHolds(app)).toContain(standIn);
  expect(await whatThePageHolds(app)).not.toContain(CHAT_KEY.secret);
  expect(JSON.stringify(appServerLog)).toContain(standIn);
  expect(JSON.stringify(appServerLog)).not.toContain(CHAT_KEY.secret);

  // A redirect from the provider's API to the app's server takes none of the key along.
  api.redirectTo = `${new URL(site.chatUrl()).origin}/app-server/echo`;
  await press(app, 'Follow a redirect');
  const echoed = appServerLog.filter(({ path }) => path === '/app-server/echo');
  expect(echoed.length).toBeGreaterThan(0);
  expect(JSON.stringify(echoed)).not.toContain(CHAT_KEY.secret);

  // Another site with the same stand-in: the provider gets the stand-in and refuses it.
  const other = await context.newPage();
  await other.goto(site.chatUrl('localhost'));
  await other.getByLabel('OpenAI API key').fill(standIn);
  await other.getByRole('button', { name: 'Save key' }).click();
  expect(await press(other, 'Send')).toBe(401);
  expect(api.chats.at(-1)).toMatchObject({ key: standIn, origin: new URL(site.chatUrl('localhost')).origin });

  // Locked: refused; unlocked again: works.
  await options.getByRole('button', { name: 'Lock' }).click();
  await expect(options.getByRole('button', { name: 'Unlock' })).toBeVisible();
  expect(await press(app, 'Send')).toBe(401);
  expect(api.chats.at(-1)?.key).toBe(standIn);
  await unlock(options);
  await expect(options.getByRole('button', { name: 'Lock' })).toBeVisible();
  await expect.poll(() => press(app, 'Send')).toBe(200);
  expect(api.chats.at(-1)?.key).toBe(CHAT_KEY.secret);
});

test('a cap of N lets exactly N requests a day through, a change takes effect at once, and revoke (asked first) stops substitution', async ({ context, extensionId, openPage, site, worker }) => {
  const { options, app } = await boundApp(context, site, extensionId, openPage);
  const perDay = bindingRow(options).getByLabel('Requests per day');
  await perDay.fill('3');
  await perDay.press('Tab');
  await expect(perDay).toHaveValue('3');

  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push(await press(app, 'Send'));
  expect(statuses).toEqual([200, 200, 200, 401, 401]);
  await expect(bindingRow(options)).toContainText('3 today · 3 in all');
  await expect(bindingRow(options)).toContainText('Paused: today’s requests are used up');
  const told = await worker.evaluate(async () => Object.values(await chrome.notifications.getAll()).length);
  expect(told).toBe(1);

  // Raised: at once, and again exactly up to the new cap.
  await perDay.fill('5');
  await perDay.press('Tab');
  await expect(bindingRow(options)).toContainText('Active');
  const more = [];
  for (let i = 0; i < 3; i++) more.push(await press(app, 'Send'));
  expect(more).toEqual([200, 200, 401]);

  // Revoke asks first; cancelled, nothing changes; confirmed, the stand-in is worth nothing.
  await perDay.fill('50');
  await perDay.press('Tab');
  await expect(bindingRow(options)).toContainText('Active');
  await bindingRow(options).getByRole('button', { name: 'Revoke' }).click();
  await options.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await press(app, 'Send')).toBe(200);
  await bindingRow(options).getByRole('button', { name: 'Revoke' }).click();
  await options.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(bindingRow(options)).toHaveCount(0);
  expect(await press(app, 'Send')).toBe(401);
});

/** A second OpenAI key, which the provider does not know. */
const OTHER_KEY = { provider: 'OpenAI', name: 'Other key', secret: `sk-proj-${'O'.repeat(40)}T3BlbkFJ${'o'.repeat(40)}` };

/** Opens the inline menu under the chat app's key field. */
async function openMenu(app: Page) {
  await app.locator('h1').click(); // away from the field, so pressing it shows the offer again
  await app.getByLabel('OpenAI API key').click();
  await clickShadowButton(app, 'Fill from AI Key Vault');
  return menuIn(app);
}

/** The name of the key the popup's OpenAI row offers over `app`, and the switcher's first choice. */
async function popupOffers(context: BrowserContext, app: Page, extensionId: string): Promise<string[]> {
  const popup = await ToolbarPopup.openOver(context, app, extensionId);
  const row = `[...document.querySelectorAll('li.row')].find((row) => row.querySelector('strong')?.textContent === 'OpenAI')`;
  await popup.waitFor(row);
  return popup.evaluate<string[]>(`[${row}.querySelector('select').selectedOptions[0].textContent, ${row}.querySelector('select').options[0].textContent]`);
}

test('Fill stand-in from the inline menu: the page gets a stand-in, the provider the real key; the key last filled on the site comes first in the menu and the popup', async ({ context, extensionId, openPage, site, api }) => {
  const options = await openPage('options');
  await createVault(options);
  await addKey(options, CHAT_KEY);
  await expect(options.getByRole('listitem').filter({ hasText: CHAT_KEY.name })).toContainText('Valid');
  await addKey(options, OTHER_KEY);
  await openSection(options, 'Fill on other sites');
  await options.getByLabel('Site address').fill(new URL(site.chatUrl()).origin);
  await options.getByRole('button', { name: 'Turn on' }).click();
  await expect(options.getByRole('list', { name: 'Sites with fill suggestions' })).toContainText('http://127.0.0.1');

  const app = await context.newPage();
  await app.goto(site.chatUrl());
  let menu = await openMenu(app);
  await app.waitForTimeout(LOOK_MS);
  await menu.getByRole('button', { name: `Fill stand-in for ${CHAT_KEY.name}` }).click();
  await expect(app.getByLabel('OpenAI API key')).toHaveValue(/^sk-proj-AKVstandin/);
  const standIn = await app.getByLabel('OpenAI API key').inputValue();
  watchStandIn(standIn, API_URL, site.chatUrl('127.0.0.1'));
  await openSection(options, 'Stand-in keys');
  await expect(bindingRow(options)).toContainText(`http://127.0.0.1 uses ${CHAT_KEY.name}`);
  await app.getByRole('button', { name: 'Save key' }).click();
  expect(await press(app, 'Send')).toBe(200);
  expect(api.chats.at(-1)).toMatchObject({ key: CHAT_KEY.secret, origin: new URL(site.chatUrl()).origin });
  expect(await whatThePageHolds(app)).toContain(standIn);
  expect(await whatThePageHolds(app)).not.toContain(CHAT_KEY.secret);
  expect(JSON.stringify(appServerLog)).not.toContain(CHAT_KEY.secret);

  // Site memory: the key stood in last on this site comes first, in the menu and in the popup.
  menu = await openMenu(app);
  expect((await menuKeys(menu))[0]).toContain(CHAT_KEY.name);
  await app.waitForTimeout(LOOK_MS);
  await menu.getByRole('button', { name: `Fill stand-in for ${OTHER_KEY.name}` }).click();
  await expect(app.getByLabel('OpenAI API key')).not.toHaveValue(standIn);
  watchStandIn(await app.getByLabel('OpenAI API key').inputValue(), API_URL, site.chatUrl('127.0.0.1'));
  menu = await openMenu(app);
  expect((await menuKeys(menu))[0]).toContain(OTHER_KEY.name);
  expect(await popupOffers(context, app, extensionId)).toEqual([OTHER_KEY.name, OTHER_KEY.name]);
  // Another site: the provider's active key, as before.
  const other = await context.newPage();
  await other.goto(site.chatUrl('localhost'));
  expect((await popupOffers(context, other, extensionId))[0]).toBe(CHAT_KEY.name);
});
