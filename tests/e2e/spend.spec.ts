import { test, expect } from './extension.ts';
import { FakeProvider } from '../fixtures/fake-provider.ts';
import { addKey, createVault, rowAction } from './vault-pages.ts';
import type { Page } from '@playwright/test';

const ROUTER = `sk-or-v1-${'ab12'.repeat(16)}`;
const GARBLED = `sk-or-v1-garbled${'c'.repeat(48)}`;
const MEMBER = `sk-proj-member${'m'.repeat(40)}9f2c`;
const OTHER = `sk-proj-other${'o'.repeat(40)}1234`;
const ADMIN = `sk-admin-${'a'.repeat(40)}`;
const REFUSED_ADMIN = `sk-admin-notadmin${'r'.repeat(32)}`;

/** A key's row, by its name exactly (other rows may mention it). */
const row = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.locator('strong', { hasText: new RegExp(`^${name}$`) }) });

test('an OpenRouter key shows its usage and limit on its row and in the popup; bad answers say why on the row', async ({ openPage }) => {
  const fake = await FakeProvider.start();
  fake.organization.keys = [{ id: 'ab'.repeat(32), secret: ROUTER, name: 'Main router', dollars: 12.5, requests: 0 }];
  try {
    const page = await openPage('options');
    await createVault(page);
    await addKey(page, { provider: 'OpenRouter', name: 'Main router', secret: ROUTER, endpoint: fake.endpoint('openrouter') });
    await addKey(page, { provider: 'OpenRouter', name: 'Garbled', secret: GARBLED, endpoint: fake.endpoint('openrouter') });
    await addKey(page, { provider: 'OpenAI', name: 'Refused admin', secret: REFUSED_ADMIN, endpoint: fake.endpoint('openai') });
    await page.getByRole('button', { name: 'Refresh usage' }).click();
    await expect(page.getByRole('status')).toContainText('Usage read for 3 keys; 2 could not be read');

    const router = row(page, 'Main router');
    await expect(router).toContainText('$12.50 today · $12.50 this month · $87.50 left of $100.00 (resets monthly) · as of just now');
    // No management key here: OpenRouter's key page is where it can be revoked.
    await router.getByRole('button', { name: 'More actions' }).click();
    await expect(router.getByRole('menuitem', { name: /Revoke at provider/ })).toHaveAttribute('href', 'https://openrouter.ai/settings/keys');
    await page.keyboard.press('Escape');
    await expect(row(page, 'Garbled')).toContainText('Usage: OpenRouter answered the key’s usage in a shape AI Key Vault does not know; nothing was changed.');
    await expect(row(page, 'Refused admin')).toContainText(
      'Usage: OpenAI refused to let this key read the organization: it takes an admin key of the organization. OpenAI said: “You have insufficient permissions',
    );

    const popup = await openPage('popup');
    await expect(popup.getByRole('listitem').filter({ hasText: 'OpenRouter' })).toContainText('$12.50 this month');
    // Each key read its own usage, in its header: the leak scan checks that no key went anywhere else.
    expect(fake.log.filter((r) => r.url === '/openrouter/api/v1/key').length).toBeGreaterThanOrEqual(2);
  } finally {
    await fake.stop();
  }
});

test('with an admin key present, an OpenAI key shows its month’s spend, and “Revoke at provider” sends exactly one delete and disables the key', async ({ openPage }) => {
  const fake = await FakeProvider.start();
  fake.organization.keys = [
    { id: 'key_member', secret: MEMBER, name: 'Member key', dollars: 14.25, requests: 12 },
    { id: 'key_other', secret: OTHER, name: 'Someone else', dollars: 3, requests: 1 },
  ];
  try {
    const page = await openPage('options');
    await createVault(page);
    await addKey(page, { provider: 'OpenAI', name: 'Member', secret: MEMBER, endpoint: fake.endpoint('openai') });
    const member = row(page, 'Member');
    // Without an admin key, revoking is a link to the provider's key page.
    await member.getByRole('button', { name: 'More actions' }).click();
    await expect(member.getByRole('menuitem', { name: /Revoke at provider/ })).toHaveAttribute('href', 'https://platform.openai.com/api-keys');
    await page.keyboard.press('Escape');
    await addKey(page, { provider: 'OpenAI', name: 'Org admin', secret: ADMIN, endpoint: fake.endpoint('openai') });
    await page.getByRole('button', { name: 'Refresh usage' }).click();
    await expect(member).toContainText('$14.25 this month · 12 requests · 1,800 tokens this month · via admin key “Org admin”, project “Main project”');
    await expect(row(page, 'Org admin')).toContainText('$17.25 this month · 1 of 1 keys here matched');

    const deletesBefore = fake.log.filter((r) => r.method === 'DELETE').length;
    await rowAction(member, 'Revoke at provider…');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('OpenAI lists it as “Member key” (sk-proj-...9f2c), in project “Main project” in the organization of admin key “Org admin”.');
    await expect(dialog).toContainText('OpenAI deletes the key. This cannot be undone.');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await expect(page.getByRole('status')).toContainText('Revoked “Member” at the provider and disabled it here.');
    await expect(member).toContainText('disabled');
    await expect(member).toContainText('revoked at the provider');
    expect(fake.organization.revoked).toEqual(['DELETE /organization/projects/proj_main/api_keys/key_member']);
    expect(fake.log.filter((r) => r.method === 'DELETE').length - deletesBefore).toBe(1);
    // The delete carried the admin key; the member's key went out only for its own check.
    expect(fake.log.find((r) => r.method === 'DELETE')!.headers.authorization).toBe(`Bearer ${ADMIN}`);
    expect(new Set(fake.log.filter((r) => JSON.stringify(r.headers).includes(MEMBER)).map((r) => r.url))).toEqual(new Set(['/openai/v1/models']));
  } finally {
    await fake.stop();
  }
});
