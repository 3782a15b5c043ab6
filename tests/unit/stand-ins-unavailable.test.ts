import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { must, send, startWorker } from './background-harness.ts';
import { page, resetPage } from './fill-fakes.ts';

const OPENAI = { provider: 'openai', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaaaaaa1111' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

let id: string;

// Firefox's build asks for neither declarativeNetRequest nor webRequest: the browser has them not.
beforeEach(async () => {
  fakeBrowser.reset();
  resetPage();
  page.granted.add('https://app.example.com/*');
  startWorker({}, { standIns: false });
  await must('create', { passphrase: 'amber lantern 12 orchard' });
  id = (await must('addEntry', { entry: OPENAI })).entry.id;
  await settle();
});

describe('where stand-ins cannot work (Firefox)', () => {
  it('refuses Fill stand-in in words before touching the page, and lists none', async () => {
    expect(await send('fillStandIn', { id, tabId: page.tab.id })).toMatchObject({ ok: false, code: 'fill-refused', message: expect.stringContaining('need Chrome') });
    expect(page.injections).toBe(0);
    expect(page.filled).toEqual([]);
    expect(await must('standIns', {})).toEqual({ available: false, bindings: [] });
  });

  it('offers no “Insert stand-in key” in the context menu', async () => {
    expect(page.menu.map(({ id }) => id)).toEqual(expect.arrayContaining(['insert-key', `key:${id}`]));
    expect(page.menu.map(({ id }) => id)).not.toContain('insert-stand-in');
  });
});
