import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ClipboardTimer, offscreenApi } from '../../lib/background/clipboard-timer.ts';
import { digestOf, isClearNowRequest, isClearRequest } from '../../lib/clipboard/clear-if-unchanged.ts';

const KEY = 'sk-proj-CLIPBOARDaaaaaaaaaaaaaaaaaaaaaaa1111';

/** Chrome's offscreen clipboard page, as the background sees it: it starts listening after `startsAfter` messages. */
const clipboardPage = { exists: false, startsAfter: 0, knocks: 0, received: [] as string[] };

beforeEach(() => {
  fakeBrowser.reset();
  Object.assign(clipboardPage, { exists: false, startsAfter: 0, knocks: 0, received: [] });
  (globalThis as { chrome?: unknown }).chrome = {
    offscreen: {
      hasDocument: async () => clipboardPage.exists,
      createDocument: async () => void (clipboardPage.exists = true),
    },
  };
  Object.assign(fakeBrowser.runtime, {
    sendMessage: async (message: unknown) => {
      if (!clipboardPage.exists || ++clipboardPage.knocks <= clipboardPage.startsAfter) throw new Error('Receiving end does not exist.');
      if (isClearRequest(message)) clipboardPage.received.push(`clear ${message.digest} at +${message.clearAt - message.copiedAt} ms`);
      if (isClearNowRequest(message)) clipboardPage.received.push('clear now');
      return true;
    },
  });
});

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('the background’s clipboard timer (Chrome)', () => {
  it('locking right after a copy clears it even when the clipboard page is slow to start', async () => {
    clipboardPage.startsAfter = 3; // the page is not listening for the first 300 ms
    const timer = new ClipboardTimer(fakeBrowser, offscreenApi() ?? null);
    const copy = timer.copied(KEY, 120);
    await timer.clearNow();
    await copy;
    expect(clipboardPage.received).toEqual([`clear ${await digestOf(KEY)} at +120000 ms`, 'clear now']);
  });
});
