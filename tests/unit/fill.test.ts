import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clock, must, send, startWorker } from './background-harness.ts';
import { page, resetPage } from './fill-fakes.ts';
import { FILL_COMMAND } from '../../lib/background/fill/fill-triggers.ts';

const PASSPHRASE = 'amber lantern 12 orchard';
const OPENAI = { provider: 'openai', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaaaaaa1111' };
const GROQ = { provider: 'groq', name: 'Groq main', secret: `gsk_${'G'.repeat(52)}` };
const ANTHROPIC = { provider: 'anthropic', name: 'Claude', secret: `sk-ant-api03-${'A'.repeat(93)}AA` };

/** A content script's sender: a frame (url) in a tab (tab.url), as the browser reports them. */
function contentAt(tabUrl: string, frameUrl = tabUrl, frameId = 0) {
  return { id: fakeBrowser.runtime.id, url: frameUrl, origin: new URL(frameUrl).origin, frameId, tab: { id: 5, index: 0, url: tabUrl } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const useCount = async (id: string) => (await must('listEntries', {})).entries.find((entry) => entry.id === id)!.useCount;

let ids: Record<string, string>;

beforeEach(async () => {
  fakeBrowser.reset();
  resetPage();
  startWorker();
  await must('create', { passphrase: PASSPHRASE });
  ids = {};
  for (const key of [OPENAI, GROQ, ANTHROPIC]) ids[key.provider] = (await must('addEntry', { entry: key })).entry.id;
  await settle(); // the checks that follow a save
});

describe('Fill from the popup (into the tab it was opened over)', () => {
  it('fills exactly the chosen key and counts a use', async () => {
    const before = await useCount(ids.openai!);
    expect((await send('fillTab', { id: ids.openai!, tabId: page.tab.id })).ok).toBe(true);
    expect(page.filled).toEqual([OPENAI.secret]);
    expect(await useCount(ids.openai!)).toBe(before + 1);
  });

  it.each([
    ['plain http', 'http://app.example.com/settings', 'only into https'],
    ['a browser page', 'chrome://settings/', 'only into web pages'],
  ])('refuses %s before touching the page', async (_, url, message) => {
    page.tab.url = url;
    const answer = await send('fillTab', { id: ids.openai!, tabId: page.tab.id });
    expect(answer).toMatchObject({ ok: false, code: 'fill-refused', message: expect.stringContaining(message) });
    expect(page.injections).toBe(0);
  });

  it('fills http on this computer', async () => {
    page.tab.url = 'http://localhost:5173/';
    expect((await send('fillTab', { id: ids.openai!, tabId: page.tab.id })).ok).toBe(true);
  });

  it.each([
    ['no key field', 'no-field', 'No API-key field'],
    ['a hidden field', 'hidden', 'hidden'],
    ['a read-only field', 'read-only', 'cannot be edited'],
    ['a login password', 'not-a-key-field', 'account'],
    ['a frame from another site', 'cross-origin-frame', 'another site'],
  ] as const)('hands no secret to a page with %s', async (_, reason, message) => {
    page.locate = { ok: false, reason };
    const answer = await send('fillTab', { id: ids.openai!, tabId: page.tab.id });
    expect(answer).toMatchObject({ ok: false, code: 'fill-refused', message: expect.stringContaining(message) });
    expect(page.filled).toEqual([]);
  });

  it('refuses a tab that is gone', async () => {
    expect(await send('fillTab', { id: ids.openai!, tabId: 12345 })).toMatchObject({ ok: false, code: 'fill-refused', message: 'There is no page to fill.' });
  });

  it('says so when the page cannot be reached (no activeTab grant)', async () => {
    page.reachable = false;
    expect(await send('fillTab', { id: ids.openai!, tabId: page.tab.id })).toMatchObject({ ok: false, code: 'fill-refused' });
  });

  it('asks before filling a disabled key, and refuses while locked', async () => {
    await must('updateEntry', { id: ids.openai!, changes: { enabled: false } });
    expect(await send('fillTab', { id: ids.openai!, tabId: page.tab.id })).toMatchObject({ ok: false, code: 'disabled' });
    expect((await send('fillTab', { id: ids.openai!, tabId: page.tab.id, allowDisabled: true })).ok).toBe(true);
    await must('lock', {});
    const injections = page.injections;
    expect(await send('fillTab', { id: ids.openai!, tabId: page.tab.id })).toMatchObject({ ok: false, code: 'locked' });
    expect(page.injections).toBe(injections);
  });
});

describe('the fill shortcut', () => {
  const press = async (tab = page.tab) => (page.onCommand.fire(FILL_COMMAND, tab), settle());

  it('fills the focused field with the key the site and the field point to', async () => {
    page.tab.url = 'https://console.groq.com/keys';
    await press();
    expect(page.filled).toEqual([GROQ.secret]);

    page.tab.url = 'https://chat.example.com/settings';
    page.locate = { ok: true, providers: ['anthropic'] };
    await press();
    expect(page.filled.at(-1)).toBe(ANTHROPIC.secret);
  });

  it('with no hint, fills the key used last', async () => {
    clock.now += 60_000;
    await must('getSecret', { id: ids.groq!, purpose: 'copy' });
    await press();
    expect(page.filled).toEqual([GROQ.secret]);
  });

  it('opens the popup to unlock when locked, and tells a refusal in a notification', async () => {
    await must('lock', {});
    await press();
    expect(page.popupOpened).toBe(1);
    expect(page.filled).toEqual([]);
    await must('unlock', { passphrase: PASSPHRASE });
    page.tab.url = 'http://app.example.com/';
    await press();
    expect(page.notifications.at(-1)).toContain('only into https');
    expect(page.filled).toEqual([]);
  });

  it('ignores other commands', async () => {
    page.onCommand.fire('something-else', page.tab);
    await settle();
    expect(page.injections).toBe(0);
  });
});

describe('the context menu', () => {
  const click = async (menuItemId: string, extra: object = {}) => (page.onMenuClicked.fire({ menuItemId, frameId: 0, ...extra }, page.tab), settle());

  it('lists providers and key names when unlocked, and only a note when locked', async () => {
    await settle();
    const titles = page.menu.map(({ title }) => title);
    expect(titles).toEqual(expect.arrayContaining(['Insert API key', 'OpenAI', 'Personal', 'Groq', 'Groq main', 'Anthropic', 'Claude']));
    await must('lock', {});
    await settle();
    expect(page.menu.map(({ title }) => title)).toEqual(['Insert API key', 'Unlock AI Key Vault first']);
    expect(JSON.stringify(page.menu)).not.toContain('Personal');
  });

  it('fills the key picked in the menu into the right-clicked field', async () => {
    await click(`key:${ids.anthropic}`);
    expect(page.filled).toEqual([ANTHROPIC.secret]);
  });

  it('refuses a frame from another site unless it is the key’s own console', async () => {
    page.frames[4] = 'https://ads.example.net/frame';
    await click(`key:${ids.openai}`, { frameId: 4, frameUrl: 'https://ads.example.net/frame' });
    expect(page.filled).toEqual([]);
    expect(page.notifications.at(-1)).toContain('another site');
    page.frames[4] = 'https://platform.openai.com/embed';
    await click(`key:${ids.openai}`, { frameId: 4, frameUrl: 'https://platform.openai.com/embed' });
    expect(page.filled).toEqual([OPENAI.secret]);
  });
});

describe('the inline offer (content script)', () => {
  const CONSOLE = contentAt('https://platform.openai.com/api-keys');

  it('lists names and masks for the site’s provider, never a secret', async () => {
    const answer = await send('inlineKeys', { providers: [] }, CONSOLE);
    expect(answer).toMatchObject({ ok: true, data: { state: 'unlocked', keys: [{ name: 'Personal', provider: 'openai', masked: 'sk-p…1111' }] } });
    expect(JSON.stringify(answer)).not.toContain(OPENAI.secret);
    const byField = await send('inlineKeys', { providers: ['groq'] }, contentAt('https://www.typingmind.com/'));
    expect(byField).toMatchObject({ ok: true, data: { keys: [{ name: 'Groq main' }] } });
  });

  it('says locked while locked', async () => {
    await must('lock', {});
    expect(await send('inlineKeys', { providers: [] }, CONSOLE)).toEqual({ ok: true, data: { state: 'locked', keys: [] } });
    expect(await send('inlineFill', { id: ids.openai! }, CONSOLE)).toMatchObject({ ok: false, code: 'locked' });
  });

  it('hands over the picked key for the sender’s own page and counts a use', async () => {
    const before = await useCount(ids.openai!);
    expect(await send('inlineFill', { id: ids.openai! }, CONSOLE)).toEqual({ ok: true, data: { secret: OPENAI.secret } });
    expect(await useCount(ids.openai!)).toBe(before + 1);
  });

  it('refuses sites that are neither curated nor turned on, and foreign frames', async () => {
    const elsewhere = contentAt('https://random.example/');
    expect(await send('inlineKeys', { providers: [] }, elsewhere)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('inlineFill', { id: ids.openai! }, elsewhere)).toMatchObject({ ok: false, code: 'forbidden' });
    // A provider console framed by another app: only that provider's key goes in.
    const framed = contentAt('https://www.typingmind.com/', 'https://platform.openai.com/embed', 3);
    expect((await send('inlineFill', { id: ids.openai! }, framed)).ok).toBe(true);
    expect(await send('inlineFill', { id: ids.groq! }, framed)).toMatchObject({ ok: false, code: 'fill-refused' });
    expect(await send('inlineFill', { id: ids.openai! }, contentAt('http://bettergpt.chat/'))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('runs on a site the user turned on, once its access is granted, until turned off', async () => {
    const site = contentAt('https://byok.example.org/settings');
    expect(await send('enableInlineSite', { origin: 'https://byok.example.org' })).toMatchObject({ ok: false, code: 'forbidden' });
    page.granted.add('https://byok.example.org/*');
    expect(await must('enableInlineSite', { origin: 'https://byok.example.org' })).toEqual({ sites: ['https://byok.example.org'] });
    expect(page.scripts[0]).toMatchObject({ matches: ['https://byok.example.org/*'], js: ['content-scripts/inline.js'] });
    expect((await send('inlineKeys', { providers: [] }, site)).ok).toBe(true);
    expect(await must('inlineSites', {})).toEqual({ sites: ['https://byok.example.org'] });
    expect(await must('disableInlineSite', { origin: 'https://byok.example.org' })).toEqual({ sites: [] });
    expect(page.scripts).toEqual([]);
    expect(await send('inlineKeys', { providers: [] }, site)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('enableInlineSite', { origin: 'http://byok.example.org' })).toMatchObject({ ok: false, code: 'invalid-input' });
  });

  it('is refused to extension pages, and page requests are refused to content scripts', async () => {
    expect(await send('inlineFill', { id: ids.openai! })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('getSecret', { id: ids.openai!, purpose: 'reveal' }, CONSOLE)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('fillTab', { id: ids.openai!, tabId: page.tab.id }, CONSOLE)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('capture on a provider console', () => {
  const NEW_KEY = 'sk-proj-NEWKEYcccccccccccccccccccccccccccccccc9999';
  const CONSOLE = contentAt('https://platform.openai.com/api-keys');

  it('opens the add form with the key, its provider and a free name; saves nothing by itself', async () => {
    const before = (await must('listEntries', {})).entries.length;
    expect(await send('captureKey', { secret: NEW_KEY }, CONSOLE)).toEqual({ ok: true, data: {} });
    const [url] = page.opened;
    expect(url).toMatch(/options\.html#capture=[0-9a-f]{32}$/);
    expect(url).not.toContain(NEW_KEY);
    expect((await must('listEntries', {})).entries.length).toBe(before);
    const token = url!.split('capture=')[1]!;
    const taken = await must('takeCapture', { token });
    expect(taken).toEqual({ provider: 'openai', secret: NEW_KEY, name: expect.stringMatching(/^OpenAI key \d{4}-\d\d-\d\d$/) });
    expect(await send('takeCapture', { token })).toMatchObject({ ok: false });
  });

  it('keeps the token until the vault is unlocked', async () => {
    await must('lock', {});
    await must('captureKey', { secret: NEW_KEY }, CONSOLE);
    const token = page.opened[0]!.split('capture=')[1]!;
    expect(await send('takeCapture', { token })).toMatchObject({ ok: false, code: 'locked' });
    await must('unlock', { passphrase: PASSPHRASE });
    expect((await send('takeCapture', { token })).ok).toBe(true);
  });

  it('tells a key that is already saved, and refuses other sites and non-keys', async () => {
    expect(await send('captureKey', { secret: OPENAI.secret }, CONSOLE)).toEqual({ ok: true, data: { savedAs: 'Personal' } });
    expect(await send('captureKey', { secret: NEW_KEY }, contentAt('https://www.typingmind.com/'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('captureKey', { secret: 'not a key at all' }, CONSOLE)).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(page.opened).toEqual([]);
  });
});
