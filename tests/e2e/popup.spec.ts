import { test, expect } from './extension.ts';
import { addKey, createVault, unlock } from './vault-pages.ts';

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
