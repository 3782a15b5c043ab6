import { OPENAI, expect, test } from './fill-world.ts';
import { addKey, createVault } from './vault-pages.ts';
import { clickShadowButton } from './closed-shadow.ts';
import { LOOK_MS, menuFrames, menuIn, menuKeys, menuSays, pickInMenu } from './inline-menu.ts';
import { words } from './words.ts';
import { PICK_DELAY_MS } from '../../lib/fill/inline-pick.ts';
import type { BrowserContext, Frame, Page } from '@playwright/test';

const SECOND_OPENAI = { provider: 'OpenAI', name: 'Team', secret: 'sk-proj-TEAMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2222' };

// A page on a site where the offer runs (here: the provider's console host) that tries
// to get a key without the person knowingly picking it. Nothing here may fill the field.

interface Attack {
  focus(): void;
  style(css: string): void;
  cover(on: boolean): void;
}
type Hostile = Window & { attack: Attack };
/** The page's own script: focuses the field, restyles our host, or covers the screen with a decoy. */
const refocus = (page: Page) => page.evaluate(() => (window as unknown as Hostile).attack.focus());
const restyle = (page: Page, css: string) => page.evaluate((css) => (window as unknown as Hostile).attack.style(css), css);
const decoy = (page: Page) => page.evaluate(() => (window as unknown as Hostile).attack.cover(true));

async function hostilePage(context: BrowserContext, openPage: (name: 'options') => Promise<Page>, url: string): Promise<Page> {
  return (await hostileWorld(context, openPage, url)).page;
}

/** The hostile page, and the options page that holds its vault. */
async function hostileWorld(context: BrowserContext, openPage: (name: 'options') => Promise<Page>, url: string) {
  const options = await openPage('options');
  await createVault(options);
  await addKey(options, OPENAI);
  const page = await context.newPage();
  await page.goto(url);
  return { page, options };
}

/** The person presses the field and then "Fill from AI Key Vault": the menu opens. */
async function openMenu(page: Page) {
  await page.locator('#key').click();
  await clickShadowButton(page, 'Fill from AI Key Vault');
  return menuIn(page);
}

test('a page that focuses the key field itself opens no offer; the person’s press or Tab does', async ({ context, openPage, site }) => {
  const page = await hostilePage(context, openPage, site.hostileUrl);
  await expect(page.locator('#key')).toBeFocused(); // the page focused it on load
  await refocus(page);
  await page.waitForTimeout(300);
  await expect(page.locator('ai-key-vault-ui')).toHaveCount(0);

  await page.locator('h1').click();
  await page.locator('#key').click();
  await expect(page.locator('ai-key-vault-ui')).toHaveCount(1);
  await page.locator('#before').focus();
  await expect(page.locator('ai-key-vault-ui')).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(page.locator('#key')).toBeFocused();
  await expect(page.locator('ai-key-vault-ui')).toHaveCount(1);
});

// Faded to 1 %: nothing a person sees, but still drawn. (At opacity 0 Chromium at times sends the click to the page under the frame instead, so the menu would have nothing to refuse.)
test('a pick in a menu the page made invisible (opacity: 0.01 on our host) is refused, and fills nothing', async ({ context, openPage, site }) => {
  const { page, options } = await hostileWorld(context, openPage, site.hostileUrl);
  await openMenu(page);
  await restyle(page, 'ai-key-vault-ui { opacity: 0.01 !important }');
  const menu = await pickInMenu(page, /Personal/, { force: true });
  expect(await menuSays(menu)).toBe(words('menu.outcome.menuHidden'));
  await expect(page.locator('#key')).toHaveValue('');
  // The vault changes meanwhile (a check's result, a key added elsewhere): the menu redraws and still says why.
  await addKey(options, SECOND_OPENAI);
  await expect.poll(() => menuKeys(menu)).toHaveLength(2);
  expect(await menuSays(menu)).toBe(words('menu.outcome.menuHidden'));

  // Shown plainly again, and looked at: the same pick fills.
  await restyle(page, '');
  await pickInMenu(page, /Personal/);
  await expect(page.locator('#key')).toHaveValue(OPENAI.secret);
});

test('a pick under a decoy the page draws over the menu is refused', async ({ context, openPage, site }) => {
  const page = await hostilePage(context, openPage, site.hostileUrl);
  await openMenu(page);
  await decoy(page); // pointer-events: none, so the click still lands in the menu
  const menu = await pickInMenu(page, /Personal/, { force: true });
  expect(await menuSays(menu)).toBe(words('menu.outcome.menuHidden'));
  await expect(page.locator('#key')).toHaveValue('');
});

test('a pick in the first moments after the menu appears is refused', async ({ context, openPage, site }) => {
  // The menu frame tells the test how long after drawing its keys each click reached it:
  // on a busy machine a click aimed at the first moments can arrive after them, and then
  // the attempt proves nothing either way and is made again.
  const lateness: number[] = [];
  await context.exposeFunction('clickAfterDrawn', (ms: number) => lateness.push(ms));
  await context.addInitScript(() => {
    if (location.pathname !== '/inline-menu.html') return;
    const report = (window as unknown as { clickAfterDrawn: (ms: number) => void }).clickAfterDrawn;
    addEventListener('click', (event) => {
      const drawn = performance.getEntriesByName('ai-key-vault:menu-ready')[0];
      if (event.isTrusted && drawn) report(performance.now() - drawn.startTime);
    }, true);
  });
  const page = await hostilePage(context, openPage, site.hostileUrl);
  // Where the key will be drawn: open the menu once, note it, close it (a press elsewhere).
  const box = (await (await openMenu(page)).getByRole('button', { name: /Personal/ }).boundingBox())!;
  const center = [box.x + box.width / 2, box.y + box.height / 2] as const;
  await page.locator('h1').click();
  await expect.poll(() => menuFrames(page).length).toBe(0);
  // A click that lands the moment the keys are drawn (as when a page moves the menu under a click it expects).
  let menu: Frame | undefined;
  for (let attempt = 1; attempt <= 3 && !menu; attempt++) {
    const opened = await openMenu(page);
    while ((await opened.locator('.keys button').count()) === 0);
    await page.mouse.click(...center);
    await expect.poll(() => lateness.length).toBe(attempt);
    if (lateness.at(-1)! < PICK_DELAY_MS - 50) menu = opened;
    else await page.reload(); // a late click may rightly fill: start again from an empty field
  }
  if (!menu) throw new Error(`No click reached the menu within its first moments in three tries (${lateness.map(Math.round).join(', ')} ms after it drew)`);
  expect(await menuSays(menu)).toBe(words('menu.outcome.tooSoon'));
  await expect(page.locator('#key')).toHaveValue('');
  // Looked at, the same click fills.
  await page.waitForTimeout(LOOK_MS);
  await page.mouse.click(...center);
  await expect(page.locator('#key')).toHaveValue(OPENAI.secret);
});

test('a field the page hides, locks or removes while the menu is open is not filled', async ({ context, openPage, site }) => {
  const page = await hostilePage(context, openPage, site.hostileUrl);
  for (const [change, outcome] of [
    ['document.getElementById("key").parentElement.style.opacity = "0"', 'fieldHidden'],
    ['document.getElementById("key").readOnly = true', 'fieldReadOnly'],
    ['document.getElementById("key").remove()', 'fieldGone'],
  ] as const) {
    await openMenu(page);
    await page.evaluate(change);
    expect(await menuSays(await pickInMenu(page, /Personal/))).toBe(words(`menu.outcome.${outcome}`));
    await page.reload();
  }
});

test('where the browser cannot tell the menu’s visibility (as in Firefox), the content script’s check refuses a faded host', async ({ context, openPage, site }) => {
  // The menu frame sees no IntersectionObserver v2: only the content script's check of our host stands.
  await context.addInitScript(() => {
    if (location.pathname === '/inline-menu.html') delete (IntersectionObserverEntry.prototype as { isVisible?: boolean }).isVisible;
  });
  const page = await hostilePage(context, openPage, site.hostileUrl);
  const menu = await openMenu(page);
  expect(await menu.evaluate(() => 'isVisible' in IntersectionObserverEntry.prototype)).toBe(false);
  // (Each keeps the button under the mouse, so the click still lands in the menu.)
  for (const css of ['opacity: 0.01', 'transform: rotate(1deg)', 'clip-path: inset(0 0 1px 0)', 'filter: opacity(0)', 'mask-image: linear-gradient(transparent, transparent)']) {
    await restyle(page, `ai-key-vault-ui { ${css} !important }`);
    const menu = await pickInMenu(page, /Personal/, { force: true });
    await page.waitForTimeout(300); // the pick's way to the content script and back
    expect(await menuSays(menu), css).toBe(words('menu.outcome.menuHidden'));
    await expect(page.locator('ai-key-vault-ui')).toHaveCount(1);
    await expect(page.locator('#key')).toHaveValue('');
  }
  await restyle(page, '');
  await pickInMenu(page, /Personal/);
  await expect(page.locator('#key')).toHaveValue(OPENAI.secret);
});
