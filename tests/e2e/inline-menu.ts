/**
 * The inline menu in a page, as a person uses it: our extension page framed inside the
 * content script's closed shadow root. Playwright reaches the frame as a frame (it is
 * another origin's document) and clicks in it with real, trusted mouse events.
 */
import { expect, type Frame, type Page } from '@playwright/test';

/** Longer than the menu must be plainly visible before a pick counts (500 ms), with room for a busy machine. */
export const LOOK_MS = 1000;

/** The menu frames `page` holds now (a closed menu's frame is gone). */
export function menuFrames(page: Page): Frame[] {
  return page.frames().filter((frame) => frame.url().includes('/inline-menu.html') && !frame.isDetached());
}

/** The menu's frame in `page`, once it has drawn. */
export async function menuIn(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect.poll(() => (frame = menuFrames(page)[0]) !== undefined).toBe(true);
  await frame!.locator('main button, main p:not(.title)').first().waitFor();
  return frame!;
}

/** The menu's key buttons, as their text reads (name, provider and mask), in the menu's order. */
export async function menuKeys(menu: Frame): Promise<string[]> {
  return (await menu.locator('.keys button.key').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** How many trusted clicks the menu's document has received so far (counting starts at the first call). */
async function clicksIn(menu: Frame): Promise<number> {
  if (menu.isDetached()) return Infinity;
  return menu
    .evaluate(() => {
      const seen = window as unknown as { clicksSeen?: number };
      if (seen.clicksSeen === undefined) {
        seen.clicksSeen = 0;
        addEventListener('click', (event) => event.isTrusted && seen.clicksSeen!++, true);
      }
      return seen.clicksSeen;
    })
    .catch(() => Infinity); // closed by the pick (a fill closes the menu)
}

/**
 * Looks at the menu for a moment, then clicks the button named `name` in it (`force`:
 * even when the page hides the menu). A key's own button comes before its "Fill
 * stand-in for …", whose name holds the key's name too: the first is the key.
 * A click that never reached the menu fails here, saying so: Chromium may route a click
 * on a frame drawn at opacity 0 to the page under it instead, and then the menu had
 * nothing to refuse.
 */
export async function pickInMenu(page: Page, name: string | RegExp, { force = false } = {}): Promise<Frame> {
  const menu = await menuIn(page);
  const button = menu.getByRole('button', { name }).first();
  await button.waitFor();
  await page.waitForTimeout(LOOK_MS);
  const before = await clicksIn(menu);
  await button.click({ force });
  await expect.poll(() => clicksIn(menu), { message: `the click on “${name}” reached the menu` }).toBeGreaterThan(before);
  return menu;
}

/** What the menu says after a pick that did not fill; when it says nothing, the failure tells what the menu showed instead. */
export async function menuSays(menu: Frame): Promise<string> {
  const status = menu.getByRole('status');
  try {
    await status.waitFor({ state: 'attached', timeout: 15_000 });
  } catch (error) {
    const showing = menu.isDetached()
      ? 'the menu was closed'
      : `the menu reads “${(await menu.locator('main').textContent())?.replace(/\s+/g, ' ')}” after ${await clicksIn(menu)} clicks in it`;
    throw new Error(`The menu said nothing after the pick; ${showing}`, { cause: error });
  }
  return (await status.textContent()) ?? '';
}
