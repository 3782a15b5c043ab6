/**
 * Steps a person takes on the vault pages in Firefox, by the names in UI-CONTRACT.md.
 * Buttons and list items are found by role and accessible name in Firefox's own
 * accessibility tree (BiDi's accessibility locator, exact names); fields by the whole
 * text of their label, as Playwright's getByLabel(text, { exact: true }) finds them (a
 * label's accessible name in Firefox also holds the text of buttons inside it: "API key
 * Show").
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { PROVIDERS } from '../../lib/providers/catalog.ts';
import { watchSecret, watchText } from '../e2e/leak-scan.ts';
import { PASSPHRASE, type KeyToAdd } from '../e2e/vault-pages.ts';

type Scope = Page | ElementHandle<Element>;

/** The button named exactly `name`, once it is there. */
export async function button(scope: Scope, name: string): Promise<ElementHandle<Element>> {
  const found = await scope.waitForSelector(`::-p-aria([name="${name}"][role="button"])`);
  if (!found) throw new Error(`No button “${name}”`);
  return found;
}

/** Whether a button named exactly `name` is there now. */
export async function hasButton(scope: Scope, name: string): Promise<boolean> {
  return (await scope.$(`::-p-aria([name="${name}"][role="button"])`)) !== null;
}

/** The control whose label (or aria-label) reads `text`, case and spacing aside. */
export async function field(page: Page, text: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await page.waitForFunction((wanted: string) => {
    const normal = (value: string | null) => (value ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
    for (const label of document.querySelectorAll('label')) {
      const own = label.cloneNode(true) as HTMLLabelElement;
      own.querySelectorAll('input, select, textarea, button').forEach((control) => control.remove());
      if (normal(own.textContent) === wanted && label.control) return label.control;
    }
    return [...document.querySelectorAll('[aria-label]')].find((element) => normal(element.getAttribute('aria-label')) === wanted);
  }, {}, text.toLowerCase());
  return handle as ElementHandle<HTMLInputElement>;
}

/** Types into a field as a person would, replacing what it held. */
export async function fill(page: Page, label: string, text: string): Promise<void> {
  const input = await field(page, label);
  await input.evaluate((element) => element.select());
  await input.type(text);
}

/** Ticks the checkbox labelled `label` once it may be used. */
export async function tick(page: Page, label: string): Promise<void> {
  const box = await field(page, label);
  await page.waitForFunction((element) => !element.disabled, {}, box);
  await box.click();
  await page.waitForFunction((element) => element.checked, {}, box);
}

/** Picks the option shown as `label` in the select labelled `selectLabel`. */
export async function choose(page: Page, selectLabel: string, label: string): Promise<void> {
  const select = (await field(page, selectLabel)) as unknown as ElementHandle<HTMLSelectElement>;
  const value = await select.evaluate((element, wanted) => [...element.options].find((option) => option.text === wanted)?.value, label);
  if (value === undefined) throw new Error(`No option “${label}” in ${selectLabel}`);
  await select.select(value);
}

/** The first element of `role` whose text contains `text`, waiting up to 15 s for it. */
export async function byRole(scope: Scope, role: string, text: string): Promise<ElementHandle<Element>> {
  const until = Date.now() + 15_000;
  for (;;) {
    for (const element of await scope.$$(`::-p-aria([role="${role}"])`)) {
      if ((await element.evaluate((node) => node.textContent ?? '')).includes(text)) return element;
    }
    if (Date.now() > until) throw new Error(`No ${role} containing “${text}”`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens a section of the options page ("Settings", "Sync"…) from its navigation, and waits until it is the current one. */
export async function openSection(page: Page, name: string): Promise<void> {
  const link = await page.waitForSelector(`::-p-aria([name="${name}"][role="link"])`);
  await link!.click();
  await page.waitForFunction((wanted: string) => document.querySelector('nav a[aria-current="page"]')?.textContent?.trim() === wanted, {}, name);
}

/** Chooses `action` ("Check", "Show"…) in a key row's "More actions" menu. */
export async function rowAction(item: ElementHandle<Element>, action: string): Promise<void> {
  const more = await item.waitForSelector('button[aria-haspopup="menu"]');
  await more!.click();
  const choice = await item.waitForSelector(`::-p-aria([name="${action}"][role="menuitem"])`);
  await choice!.click();
}

/** The key's list item. */
export const row = (page: Page, name: string) => byRole(page, 'listitem', name);

/** Waits until an element's text contains `text`. */
export async function waitForText(element: ElementHandle<Element>, text: string): Promise<void> {
  await element.frame.waitForFunction((node, wanted) => node.textContent?.includes(wanted), { timeout: 15_000 }, element, text);
}

export async function createVault(page: Page, passphrase = PASSPHRASE): Promise<void> {
  watchText(passphrase);
  await fill(page, 'Master passphrase', passphrase);
  await fill(page, 'Confirm passphrase', passphrase);
  await (await button(page, 'Create vault')).click();
  await button(page, 'Lock');
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  watchText(passphrase);
  await fill(page, 'Master passphrase', passphrase);
  await (await button(page, 'Unlock')).click();
}

export async function addKey(page: Page, key: KeyToAdd): Promise<void> {
  watchText(key.name);
  const endpoint = key.endpoint || PROVIDERS.find(({ name }) => name === key.provider)?.defaultEndpoint;
  if (endpoint) watchSecret(key.secret, endpoint);
  await openSection(page, 'Keys');
  await (await button(page, 'Add key')).click();
  await choose(page, 'Provider', key.provider);
  await fill(page, 'Name', key.name);
  await fill(page, 'API key', key.secret);
  if (key.endpoint) await fill(page, 'Endpoint', key.endpoint);
  await (await button(page, 'Save')).click();
  await row(page, key.name);
}
