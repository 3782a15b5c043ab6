import { test, expect } from './extension.ts';
import { FakeProvider } from '../fixtures/fake-provider.ts';
import { addKey, createVault, rowAction, unlock } from './vault-pages.ts';

const PERSONAL = { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaa1111' };
const WORK = { provider: 'OpenAI', name: 'Work', secret: 'sk-proj-WORKbbbbbbbbbbbbbbbbbbbbbbbbbbbb2222' };

test('the popup unlocks, switches the active key, copies exactly it, and locks', async ({ context, openPage }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const options = await openPage('options');
  await createVault(options);
  await addKey(options, PERSONAL);
  await addKey(options, WORK);
  await options.getByRole('button', { name: 'Lock' }).click();

  const popup = await openPage('popup');
  await expect(popup.getByLabel('Master passphrase')).toBeFocused();
  await unlock(popup);
  const row = popup.getByRole('listitem').filter({ hasText: 'OpenAI' });
  await expect(row.getByLabel('OpenAI')).toHaveValue(/.+/);
  await expect(row).toContainText('sk-p…1111');

  await row.getByLabel('OpenAI').focus(); // as a click or Tab would: the other keys are listed then
  await row.getByLabel('OpenAI').selectOption({ label: 'Work' });
  await expect(row).toContainText('sk-p…2222');
  await row.getByRole('button', { name: 'Copy' }).click();
  await expect(row.getByRole('status')).toContainText('Copied');
  expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(WORK.secret);

  // The choice is saved in the vault: a reopened popup and the options page show it.
  await popup.reload();
  await expect(popup.getByRole('listitem').filter({ hasText: 'OpenAI' })).toContainText('sk-p…2222');
  await expect(options.getByRole('listitem').filter({ hasText: 'Work' })).toContainText('active');

  await popup.getByRole('button', { name: 'Lock' }).click();
  await expect(popup.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await expect(options.getByRole('button', { name: 'Unlock' })).toBeVisible();
});

test('the popup searches, moves with the arrows, copies with Enter, and asks before copying a disabled key', async ({ context, openPage }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const options = await openPage('options');
  await createVault(options);
  await addKey(options, PERSONAL);
  await addKey(options, { provider: 'Groq', name: 'Fast', secret: `gsk_${'d'.repeat(48)}4444` });
  await rowAction(options.getByRole('listitem').filter({ hasText: 'Fast' }), 'Disable');
  await expect(options.getByRole('listitem').filter({ hasText: 'Fast' })).toContainText('disabled');

  const popup = await openPage('popup');
  const search = popup.getByRole('searchbox', { name: 'Search' });
  await expect(search).toBeFocused();
  await search.fill('groq');
  await expect(popup.getByRole('listitem')).toHaveCount(1);
  await search.fill('');
  await expect(popup.getByRole('listitem')).toHaveCount(2);

  // Arrow to the OpenAI row and copy it with Enter.
  const rows = popup.getByRole('listitem');
  const openaiIndex = (await rows.nth(0).textContent())?.includes('OpenAI') ? 0 : 1;
  for (let i = 0; i < openaiIndex; i++) await search.press('ArrowDown');
  await expect(rows.nth(openaiIndex)).toHaveAttribute('aria-current', 'true');
  await search.press('Enter');
  // (The row moves to the top: the most recently used provider comes first.)
  await expect(popup.getByRole('listitem').filter({ hasText: 'OpenAI' }).getByRole('status')).toContainText('Copied');
  expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(PERSONAL.secret);

  // The disabled key asks first and says why; cancelling copies nothing.
  await popup.getByRole('listitem').filter({ hasText: 'Groq' }).getByRole('button', { name: 'Copy' }).click();
  await expect(popup.getByRole('dialog')).toContainText('“Fast” is disabled.');
  await popup.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(PERSONAL.secret);
  await popup.getByRole('listitem').filter({ hasText: 'Groq' }).getByRole('button', { name: 'Copy' }).click();
  await popup.getByRole('dialog').getByRole('button', { name: 'Copy anyway' }).click();
  await expect.poll(() => popup.evaluate(() => navigator.clipboard.readText())).toBe(`gsk_${'d'.repeat(48)}4444`);
});

test('the popup asks before copying a key its provider called invalid', async ({ openPage }) => {
  const fake = await FakeProvider.start();
  try {
    const options = await openPage('options');
    await createVault(options);
    await addKey(options, { provider: 'OpenAI', name: 'Revoked', secret: 'sk-proj-invalid-eeeeeeeeeeeeeeeeeeee5555', endpoint: fake.endpoint('openai') });
    await expect(options.getByRole('listitem').filter({ hasText: 'Revoked' })).toContainText('Invalid');
    const popup = await openPage('popup');
    await popup.getByRole('listitem').filter({ hasText: 'OpenAI' }).getByRole('button', { name: 'Copy' }).click();
    await expect(popup.getByRole('dialog')).toContainText('The provider said “Revoked” is invalid: Incorrect API key provided.');
  } finally {
    await fake.stop();
  }
});

test('the popup asks for its list from a script in its head, which loads and runs without an error', async ({ context, extensionId, openPage }) => {
  const options = await openPage('options');
  await createVault(options);
  await addKey(options, PERSONAL);

  const popup = await context.newPage();
  const problems: string[] = [];
  popup.on('pageerror', (error) => problems.push(error.message));
  popup.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
  const headScript = popup.waitForResponse((response) => response.url().endsWith('/popup-first.js'));
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  expect((await headScript).ok()).toBe(true);
  await expect(popup.getByRole('listitem').filter({ hasText: 'OpenAI' })).toContainText('sk-p…1111');
  expect(problems).toEqual([]);
});
