import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { must, send, startWorker } from './background-harness.ts';
import { navigate, page, resetPage } from './fill-fakes.ts';
import { fill } from '../../lib/fill/dom/agent.ts';

const PASSPHRASE = 'amber lantern 12 orchard';
const OPENAI = { provider: 'openai', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaaaaaa1111' };

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const fillTab = () => send('fillTab', { id, tabId: page.tab.id });
const click = async (info: object) => (page.onMenuClicked.fire({ menuItemId: `key:${id}`, ...info }, page.tab), settle());

let id: string;

beforeEach(async () => {
  fakeBrowser.reset();
  resetPage();
  startWorker();
  await must('create', { passphrase: PASSPHRASE });
  id = (await must('addEntry', { entry: OPENAI })).entry.id;
  await settle(); // the check that follows a save
});

describe('fill hands the key only to the document whose origin was checked', () => {
  it('a frame that navigates between locate and fill receives no key (Chrome: the fill targets the located document)', async () => {
    page.afterLocate = () => navigate(0, 'https://evil.example/steal');
    const answer = await fillTab();
    expect(page.filled).toEqual([]);
    expect(answer).toMatchObject({ ok: false, code: 'fill-refused', message: expect.stringContaining('changed') });
  });

  it('a same-origin navigation between locate and fill also receives no key', async () => {
    page.afterLocate = () => navigate(0, 'https://app.example.com/other');
    expect((await fillTab()).ok).toBe(false);
    expect(page.filled).toEqual([]);
  });

  it('where documents cannot be targeted (Firefox), the agent is told the checked origin and refuses elsewhere', async () => {
    page.reportsDocumentIds = false;
    page.afterLocate = () => navigate(0, 'https://evil.example/steal');
    expect(await fillTab()).toMatchObject({ ok: false, code: 'fill-refused' });
    expect(page.fillCalls).toEqual([{ expected: 'https://app.example.com', origin: 'https://evil.example' }]);

    page.afterLocate = undefined;
    navigate(0, page.tab.url);
    expect((await fillTab()).ok).toBe(true);
    expect(page.fillCalls.at(-1)).toEqual({ expected: 'https://app.example.com', origin: 'https://app.example.com' });
  });

  it('an agent that finds itself in another origin than the browser reported gets no key', async () => {
    navigate(0, 'https://evil.example/'); // the tab moved on after the browser told us its address
    const answer = await fillTab();
    expect(page.filled).toEqual([]);
    expect(answer).toMatchObject({ ok: false, code: 'fill-refused', message: expect.stringContaining('changed') });
  });

  it('a context-menu click in a frame whose address the browser did not report fills nothing, and touches no page', async () => {
    page.frames[4] = 'https://app.example.com/inner'; // even a frame of the page's own origin
    await click({ frameId: 4 });
    expect(page.injections).toBe(0);
    expect(page.filled).toEqual([]);
    expect(page.notifications.at(-1)).toContain('cannot tell which site');
    await click({ frameId: 4, frameUrl: 'https://app.example.com/inner' });
    expect(page.filled).toEqual([OPENAI.secret]);
  });
});

describe('the in-page agent', () => {
  it('refuses a key meant for another origin before looking at the page', () => {
    const elsewhere = { location: { origin: 'https://evil.example' } } as Document;
    expect(fill(elsewhere, OPENAI.secret, 'https://app.example.com')).toEqual({ ok: false, reason: 'moved' });
  });
});
