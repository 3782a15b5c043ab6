import { expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CLIPBOARD_TARGET } from '../../lib/clipboard/clear-if-unchanged.ts';

// Chrome's offscreen clipboard page, with the clipboard itself replaced by a record of what it was asked to clear.
const cleared = vi.hoisted(() => [] as string[]);
vi.mock('../../lib/clipboard/clear-if-unchanged.ts', async (actual) => ({
  ...(await actual<typeof import('../../lib/clipboard/clear-if-unchanged.ts')>()),
  clearIfUnchanged: async (digest: string) => void cleared.push(digest),
}));

const BACKGROUND = { id: 'ext', url: 'chrome-extension://ext/background.js' };
const CONTENT_SCRIPT = { id: 'ext', url: 'https://site.example/', tab: { id: 3, index: 0 } };

it("heeds the background only: a content script's forged deadline or clear-now clears nothing", async () => {
  const close = vi.fn();
  vi.stubGlobal('window', { close });
  await import('../../lib/clipboard/offscreen-page.ts');
  const send = (message: object, sender: object) => fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => undefined);
  const now = Date.now();
  await send({ target: CLIPBOARD_TARGET, digest: 'copied', copiedAt: now, clearAt: now + 60_000 }, BACKGROUND);

  await send({ target: CLIPBOARD_TARGET, digest: 'forged', copiedAt: now, clearAt: now }, CONTENT_SCRIPT);
  await send({ target: CLIPBOARD_TARGET, now: true }, CONTENT_SCRIPT);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(cleared).toEqual([]);

  await send({ target: CLIPBOARD_TARGET, now: true }, BACKGROUND); // the vault locked
  await vi.waitFor(() => expect(cleared).toEqual(['copied']));
  await vi.waitFor(() => expect(close).toHaveBeenCalled()); // nothing left to wait for
  vi.unstubAllGlobals();
});
