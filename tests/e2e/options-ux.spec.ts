/**
 * How the options page feels: its sections by address, the rows' "More actions" menu
 * with the keyboard alone, a key's details, undo of a delete, and the first run, where a
 * key pasted anywhere on the page opens the add form with its provider recognised.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './extension.ts';
import { watchSecret, watchText } from './leak-scan.ts';
import { addKey, createVault, rowAction } from './vault-pages.ts';

const PERSONAL = { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaa1111' };
const WORK = { provider: 'OpenAI', name: 'Work', secret: 'sk-proj-WORKbbbbbbbbbbbbbbbbbbbbbbbbbbbb2222' };
const PASTED = 'sk-ant-api03-PASTEDcccccccccccccccccccccccccccccccccccc3333';

const row = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('button', { name, exact: true }) });

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

test('a section opens by its address, and back and forward move between sections', async ({ openPage, extensionId }) => {
  const page = await openPage('options');
  await createVault(page);
  await page.goto(`chrome-extension://${extensionId}/options.html#sync`);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(page.getByRole('region', { name: 'Sync' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Sync', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveCount(0);

  await nav.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page).toHaveURL(/options\.html#settings$/);
  await expect(page.getByLabel('Auto-lock')).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('region', { name: 'Sync' })).toBeVisible();
  await page.goForward();
  await expect(page.getByLabel('Auto-lock')).toBeVisible();
  await page.goto(`chrome-extension://${extensionId}/options.html#import-export`);
  await expect(page.getByRole('region', { name: 'Import and export' })).toBeVisible();
});

test('the More actions menu works with the keyboard alone, and a click elsewhere closes it', async ({ openPage }) => {
  const page = await openPage('options');
  await createVault(page);
  await addKey(page, PERSONAL);
  await addKey(page, WORK);
  const work = row(page, 'Work');
  const more = work.getByRole('button', { name: 'More actions' });
  await expect(more).toHaveAttribute('aria-haspopup', 'menu');
  await work.getByRole('button', { name: 'Copy' }).focus();
  await page.keyboard.press('Tab');
  await expect(more).toBeFocused();

  // Enter opens on the first item; arrows wrap, Home and End jump; Escape gives focus back.
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  const items = menu.getByRole('menuitem');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(items.first()).toBeFocused();
  await expect(items.first()).toHaveText('Details');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Show', exact: true })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Delete', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Delete', exact: true })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(items.first()).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();

  // ArrowDown opens it too; Enter on "Make active" acts, and focus comes back to the button.
  await page.keyboard.press('ArrowDown');
  await expect(items.first()).toBeFocused();
  for (let i = 0; i < 10; i++) {
    if (await menu.getByRole('menuitem', { name: 'Make active', exact: true }).evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();
  await expect(work).toContainText('active');
  await expect(row(page, 'Personal')).not.toContainText('active');

  // Space opens it; a click outside closes it.
  await page.keyboard.press(' ');
  await expect(items.first()).toBeFocused();
  await page.getByRole('heading', { name: 'Keys' }).click();
  await expect(menu).toHaveCount(0);
});

test('selecting a row opens its details; Escape closes them and focus returns to the row', async ({ openPage }) => {
  const page = await openPage('options');
  await createVault(page);
  await addKey(page, PERSONAL);
  await rowAction(row(page, 'Personal'), 'Edit');
  await page.getByLabel('Tags').fill('billing, prod');
  await page.getByLabel('Notes').fill('the card on file');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('Saved “Personal”.');

  const name = row(page, 'Personal').getByRole('button', { name: 'Personal', exact: true });
  await name.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('dialog', { name: 'Personal' });
  await expect(details).toContainText('OpenAI');
  await expect(details).toContainText('sk-p…1111');
  await expect(details).toContainText('https://api.openai.com/v1');
  await expect(details).toContainText('the card on file');
  await expect(details).toContainText('billing');
  await expect(details).toContainText('never used');
  await expect(details).not.toContainText(PERSONAL.secret);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(name).toBeFocused();

  await name.click();
  await expect(details).toBeVisible();
  await details.getByRole('button', { name: 'Close' }).click();
  await expect(name).toBeFocused();
});

test('deleting a key that is not active undoes with one click; the active key still asks', async ({ openPage }) => {
  const page = await openPage('options');
  await createVault(page);
  await addKey(page, PERSONAL);
  await addKey(page, WORK);

  await rowAction(row(page, 'Work'), 'Delete');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row(page, 'Work')).toHaveCount(0);
  const toast = page.getByRole('status').filter({ hasText: 'Deleted “Work”.' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status')).toContainText('Restored “Work”.');
  await rowAction(row(page, 'Work'), 'Show');
  await expect(row(page, 'Work')).toContainText(WORK.secret);

  // The active key's delete keeps its question; cancelled, focus is back on its menu button.
  const more = row(page, 'Personal').getByRole('button', { name: 'More actions' });
  await rowAction(row(page, 'Personal'), 'Delete');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('It is the active OpenAI key. “Work” becomes the active one.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(more).toBeFocused();
});

test('first run: an empty vault offers its three ways in, and a key pasted on the page opens the form with its provider', async ({ openPage, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  watchSecret(PASTED, 'https://api.anthropic.com');
  watchText('Pasted key');
  const page = await openPage('options');
  await createVault(page);
  const welcome = page.getByRole('region', { name: 'Your vault is ready' });
  await expect(welcome.getByRole('button', { name: 'Add key' })).toBeVisible();
  await expect(welcome).toContainText('paste a key anywhere on this page to add it');
  expect(await seriousViolations(page)).toEqual([]);

  await welcome.getByRole('button', { name: 'Import a .env file' }).click();
  await expect(page).toHaveURL(/#transfer$/);
  await expect(page.getByLabel('Import', { exact: true })).toBeFocused();
  await page.goBack();

  // A real paste (Ctrl+V) on the page, outside any field.
  await page.evaluate((key) => navigator.clipboard.writeText(key), PASTED);
  await page.getByRole('heading', { name: 'Your vault is ready' }).click();
  await page.keyboard.press('Control+V');
  const form = page.getByRole('form', { name: 'Add key' });
  await expect(form.getByLabel('Provider')).toHaveValue('anthropic');
  await expect(form.getByLabel('API key')).toHaveValue(PASTED);
  await expect(form.getByLabel('API key')).toHaveAttribute('type', 'password');
  expect(await page.locator('body').innerText()).not.toContain(PASTED);
  await form.getByLabel('Name').fill('Pasted key');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(row(page, 'Pasted key')).toContainText('Anthropic');
  await expect(row(page, 'Pasted key')).toContainText('sk-a…3333');
});
