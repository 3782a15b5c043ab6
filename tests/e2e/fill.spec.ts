import { ANTHROPIC, GROQ, OPENAI, expect, fillFromPopup, listed, test } from './fill-world.ts';
import { addKey, createVault, openSection } from './vault-pages.ts';
import { clickShadowButton, shadowButtons } from './closed-shadow.ts';
import { menuIn, menuKeys, menuSays, pickInMenu } from './inline-menu.ts';
import type { Page } from '@playwright/test';

async function vaultWithKeys(openPage: (name: 'options' | 'popup') => Promise<Page>): Promise<Page> {
  const options = await openPage('options');
  await createVault(options);
  for (const key of [OPENAI, ANTHROPIC, GROQ]) await addKey(options, key);
  return options;
}

test('the popup’s Fill puts the key into a React app’s field, which accepts it, and counts a use', async ({ context, extensionId, openPage, site }) => {
  const options = await vaultWithKeys(openPage);
  const app = await context.newPage();
  await app.goto(site.byokUrl);
  await app.locator('#react-key').click();

  expect(await fillFromPopup(context, app, extensionId, 'OpenAI')).toBe('filled');
  await expect(app.locator('#react-state')).toHaveText(`Typed ${OPENAI.secret.length} characters`);
  await app.getByRole('button', { name: 'Save key' }).click();
  await expect(app.locator('#react-state')).toHaveText(`Key accepted: ${OPENAI.secret.length} characters ending 1111`);
  expect((await listed(options)).find(({ name }) => name === OPENAI.name)?.useCount).toBe(1);

  // A plain input that listens for typing, an open shadow root, a same-origin frame.
  await app.locator('#plain-key').click();
  expect(await fillFromPopup(context, app, extensionId, 'Anthropic')).toBe('filled');
  await expect(app.locator('#plain-echo')).toHaveText(`Anthropic key of ${ANTHROPIC.secret.length} characters`);
  await app.locator('#shadow-key').click();
  expect(await fillFromPopup(context, app, extensionId, 'Groq')).toBe('filled');
  await expect(app.locator('#shadow-key')).toHaveValue(GROQ.secret);
  const frame = app.frameLocator('#same-frame');
  await frame.locator('#frame-key').click();
  expect(await fillFromPopup(context, app, extensionId, 'OpenAI')).toBe('filled');
  await expect(frame.locator('#frame-key')).toHaveValue(OPENAI.secret);
});

test('Fill refuses invisible, read-only, login and cross-origin fields, and plain http', async ({ context, extensionId, openPage, site }) => {
  await vaultWithKeys(openPage);
  const app = await context.newPage();
  await app.goto(site.byokUrl);

  await app.locator('#invisible-key').focus();
  expect(await fillFromPopup(context, app, extensionId, 'OpenAI')).toContain('hidden');
  await app.locator('#readonly-key').focus();
  expect(await fillFromPopup(context, app, extensionId, 'OpenAI')).toContain('cannot be edited');
  await app.getByLabel('Password').click();
  expect(await fillFromPopup(context, app, extensionId, 'OpenAI')).toContain('account');
  await app.frameLocator('#foreign-frame').locator('#frame-key').click();
  expect(await fillFromPopup(context, app, extensionId, 'OpenAI')).toContain('another site');
  for (const field of ['#invisible-key', '#readonly-key']) await expect(app.locator(field)).toHaveValue('');
  await expect(app.getByLabel('Password')).toHaveValue('');
  await expect(app.frameLocator('#foreign-frame').locator('#frame-key')).toHaveValue('');

  const insecure = await context.newPage();
  await insecure.goto(site.insecureUrl);
  await insecure.locator('#react-key').click();
  expect(await fillFromPopup(context, insecure, extensionId, 'OpenAI')).toContain('only into https');
  await expect(insecure.locator('#react-state')).toHaveText('No key yet');
});

test('on a provider console the inline offer fills a key picked in our menu, without moving the page', async ({ context, openPage, site }) => {
  const options = await vaultWithKeys(openPage);
  const console = await context.newPage();
  await console.goto(site.consoleUrl);
  const field = console.getByLabel('API key');
  const layout = () => console.evaluate(() => [...document.querySelectorAll('h1, p, section, button, input')].map((e) => JSON.stringify(e.getBoundingClientRect())).join());
  const before = await layout();

  await field.click();
  await expect(console.locator('ai-key-vault-ui')).toHaveCount(1);
  expect(await layout()).toBe(before);
  await clickShadowButton(console, 'Fill from AI Key Vault');
  // The console's own provider's keys only, names and masks, drawn by our frame: the page has none of it.
  const menu = await menuIn(console);
  await expect.poll(() => menuKeys(menu)).toEqual([`${OPENAI.name} OpenAI · sk-p…1111`]);
  expect(await shadowButtons(console)).toEqual([]);
  expect(await console.content()).not.toContain(OPENAI.name);
  await pickInMenu(console, OPENAI.name);
  await expect(field).toHaveValue(OPENAI.secret);
  await expect(console.locator('ai-key-vault-ui')).toHaveCount(0);
  expect((await listed(options)).find(({ name }) => name === OPENAI.name)?.useCount).toBe(1);
});

test('a key created on the console is saved in two clicks, the first in our menu, the second in the add form', async ({ context, openPage, site }) => {
  const options = await openPage('options');
  await createVault(options);
  const console = await context.newPage();
  await console.goto(site.consoleUrl);
  // The key already on the page when it loaded is not offered.
  await console.waitForTimeout(300);
  await expect(console.locator('ai-key-vault-ui')).toHaveCount(0);

  await console.getByRole('button', { name: 'Create new secret key' }).click();
  const opened = context.waitForEvent('page');
  await pickInMenu(console, 'Save to AI Key Vault'); // click 1
  const form = await opened;
  await expect(form.getByLabel('Provider')).toHaveValue('openai');
  await expect(form.getByLabel('Name')).toHaveValue(/^OpenAI key \d{4}-\d\d-\d\d$/);
  await expect(form.getByLabel('API key')).toHaveValue('sk-proj-NEWKEYnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn7777');
  expect(form.url()).not.toContain('capture='); // the token is spent and leaves the address bar
  expect(await listed(options)).toEqual([]); // nothing saved before the user confirms
  await form.getByRole('button', { name: 'Save' }).click(); // click 2
  await expect(form.getByRole('listitem').filter({ hasText: /OpenAI key/ })).toBeVisible();
  expect((await listed(options)).map(({ name }) => name)).toEqual([expect.stringMatching(/^OpenAI key /)]);
});

test('a captured key already in the vault is named in our menu only, never to the page', async ({ context, openPage, site }) => {
  const options = await openPage('options');
  await createVault(options);
  await addKey(options, { provider: 'OpenAI', name: 'Made on the console', secret: 'sk-proj-NEWKEYnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn7777' });
  const console = await context.newPage();
  await console.goto(site.consoleUrl);
  await console.getByRole('button', { name: 'Create new secret key' }).click();
  const menu = await pickInMenu(console, 'Save to AI Key Vault');
  expect(await menuSays(menu)).toBe('Already in AI Key Vault as “Made on the console”.');
  expect(await console.content()).not.toContain('Made on the console');
  expect(context.pages()).toHaveLength(3); // no add form opened
});

test('the inline offer runs on a site the user turns on, until turned off', async ({ context, openPage, site }) => {
  const options = await vaultWithKeys(openPage);
  const app = await context.newPage();
  await app.goto(site.byokUrl);
  await app.locator('#react-key').click();
  await app.waitForTimeout(300);
  await expect(app.locator('ai-key-vault-ui')).toHaveCount(0); // not a curated site

  await openSection(options, 'Fill on other sites');
  await options.getByLabel('Site address').fill(new URL(site.byokUrl).origin);
  await options.getByRole('button', { name: 'Turn on' }).click();
  await expect(options.getByRole('list', { name: 'Sites with fill suggestions' })).toContainText('http://127.0.0.1');

  await app.reload();
  await app.locator('#react-key').click();
  await clickShadowButton(app, 'Fill from AI Key Vault');
  await pickInMenu(app, OPENAI.name);
  await expect(app.locator('#react-state')).toHaveText(`Typed ${OPENAI.secret.length} characters`);

  await options.getByRole('button', { name: 'Turn off for http://127.0.0.1' }).click();
  await expect(options.getByRole('list', { name: 'Sites with fill suggestions' })).toHaveCount(0);
  await app.reload();
  await app.locator('#react-key').click();
  await app.waitForTimeout(300);
  await expect(app.locator('ai-key-vault-ui')).toHaveCount(0);
});
