import { beforeEach, describe, expect, it } from 'vitest';
import { clock, must, send } from './background-harness.ts';
import { page } from './fill-fakes.ts';
import { ANTHROPIC, GROQ, OPENAI, PASSPHRASE, settle, startWithThreeKeys, useCount } from './fill-vault.ts';
import { FILL_COMMAND } from '../../lib/background/fill/fill-triggers.ts';

let ids: Record<string, string>;

beforeEach(async () => {
  ids = await startWithThreeKeys();
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
