import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { must, send, startWorker, storedText } from './background-harness.ts';
import { page, resetPage } from './fill-fakes.ts';
import { catchPicks } from './fill-vault.ts';
import { pageRequest, resetRules } from './stand-in-fakes.ts';
import { contentAt, menuFrame } from './inline-senders.ts';

const PASSPHRASE = 'amber lantern 12 orchard';
const WORK = { provider: 'openai', name: 'Work', secret: 'sk-proj-WORKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2222' };
const PERSONAL = { provider: 'openai', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaaaaaa1111' };
const GATEWAY = { provider: 'openai', name: 'Gateway', secret: 'sk-proj-GATEWAYcccccccccccccccccccccccccccccc3333', endpoint: 'https://gateway.example.net/v1' };
const APP = 'https://byok.example.org';
const APP_PAGE = contentAt(`${APP}/settings`, { tabId: 8 });
const APP_MENU = menuFrame({ tabId: 8, tabUrl: `${APP}/settings` });
const CHAT = 'https://api.openai.com/v1/chat/completions';
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Opens a menu for `sender` and draws it in `menu`. */
async function shown(sender: object, menu: object) {
  const { menuId } = await must('inlineOpen', { providers: [] }, sender);
  const view = await must('menuShow', { menuId }, menu);
  return { menuId, keys: view.kind === 'fill' ? view.keys : [] };
}

/** Picks `id` (its stand-in with `standIn`) in a fresh menu on the app, and redeems it as `redeemer`. */
async function pickAndRedeem(id: string, standIn: boolean, redeemer: object = APP_PAGE) {
  const tokens = catchPicks();
  const { menuId } = await shown(APP_PAGE, APP_MENU);
  expect(await must('menuPick', { menuId, id, standIn }, APP_MENU)).toEqual({ outcome: 'filled' });
  return send('inlineRedeem', { token: tokens[0]! }, redeemer);
}

let ids: Record<string, string>;

async function start(standIns = true) {
  fakeBrowser.reset();
  resetPage();
  resetRules();
  page.granted.add(`${APP}/*`);
  startWorker({}, { standIns });
  await must('create', { passphrase: PASSPHRASE });
  ids = {};
  for (const key of [WORK, PERSONAL, GATEWAY]) ids[key.name] = (await must('addEntry', { entry: key })).entry.id;
  await must('enableInlineSite', { origin: APP });
  await settle(); // the checks that follow a save
}

beforeEach(() => start());

describe('Fill stand-in in the inline menu', () => {
  it('is offered where it fits: a bound-able app site, a key of the provider’s own API, a browser that substitutes', async () => {
    const { keys } = await shown(APP_PAGE, APP_MENU);
    expect(Object.fromEntries(keys.map(({ name, standIn }) => [name, standIn]))).toEqual({ Work: true, Personal: true, Gateway: false });
    // A provider's own console: its keys, without stand-ins.
    const console = await shown(contentAt('https://platform.openai.com/api-keys'), menuFrame());
    expect(console.keys.map(({ standIn }) => standIn)).toEqual([false, false, false]);
    // Firefox: none anywhere.
    await start(false);
    expect((await shown(APP_PAGE, APP_MENU)).keys.map(({ standIn }) => standIn)).toEqual([false, false, false]);
  });

  it('fills a stand-in through the one-time pick, binds the site of the frame’s reported origin, and the provider gets the key from there only', async () => {
    const answer = await pickAndRedeem(ids.Work!, true);
    expect(answer.ok).toBe(true);
    const standIn = answer.ok ? answer.data.secret : '';
    expect(standIn).toMatch(/^sk-proj-AKVstandin/);
    expect(JSON.stringify(answer)).not.toContain(WORK.secret);
    expect((await must('standIns', {})).bindings).toEqual([expect.objectContaining({ site: APP, keyName: 'Work', active: true })]);
    expect(pageRequest(APP, CHAT, { Authorization: `Bearer ${standIn}` }).authorization).toBe(`Bearer ${WORK.secret}`);
    page.granted.add('https://evil.example/*');
    expect(pageRequest('https://evil.example', CHAT, { Authorization: `Bearer ${standIn}` }).authorization).toBe(`Bearer ${standIn}`);
  });

  it('binds the origin the browser reported for the menu’s frame, never one the page names', async () => {
    // The frame's document claims to be elsewhere (its tab's address, a URL it moved to): the browser's origin is what counts.
    const framed = contentAt(`${APP}/embed`, { tabId: 8, frameId: 4, tabUrl: `${APP}/chat` });
    const tokens = catchPicks();
    const { menuId } = await shown(framed, APP_MENU);
    // The menu's request has no place for a site: one named there is refused as malformed.
    expect(await send('menuPick', { menuId, id: ids.Work!, standIn: true, site: 'https://evil.example' } as never, APP_MENU)).toMatchObject({ ok: false, code: 'malformed' });
    await must('menuPick', { menuId, id: ids.Work!, standIn: true }, APP_MENU);
    // Redeemed from another origin in the same frame and document (a renderer saying it is the app), even one with the offer on: nothing, and nothing bound.
    page.granted.add('https://evil.example/*');
    await must('enableInlineSite', { origin: 'https://evil.example' });
    const liar = { ...framed, url: 'https://evil.example/settings', origin: 'https://evil.example' };
    expect(await send('inlineRedeem', { token: tokens[0]! }, liar)).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await must('standIns', {})).bindings).toEqual([]);
    expect((await send('inlineRedeem', { token: tokens[0]! }, framed)).ok).toBe(true);
    expect((await must('standIns', {})).bindings.map(({ site }) => site)).toEqual([APP]);
  });

  it('a stand-in pick forged from a content script, a page or for a key offered without one is refused', async () => {
    catchPicks();
    const { menuId } = await shown(APP_PAGE, APP_MENU);
    for (const sender of [APP_PAGE, undefined]) {
      expect(await send('menuPick', { menuId, id: ids.Work!, standIn: true }, sender)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await send('menuPick', { menuId, id: ids.Gateway!, standIn: true }, APP_MENU)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('menuPick', { menuId, id: ids.Work!, standIn: true }, menuFrame({ tabId: 8, frameId: 12 }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(page.delivered).toEqual([]);
    expect((await must('standIns', {})).bindings).toEqual([]);
  });

  it('binds nothing on a site whose access the person did not grant', async () => {
    const app = contentAt('https://www.typingmind.com/', { tabId: 8 });
    const tokens = catchPicks();
    const { menuId, keys } = await shown(app, APP_MENU);
    expect(keys.find(({ name }) => name === 'Work')?.standIn).toBe(true);
    await must('menuPick', { menuId, id: ids.Work!, standIn: true }, APP_MENU);
    expect(await send('inlineRedeem', { token: tokens[0]! }, app)).toMatchObject({ ok: false, code: 'fill-refused', message: expect.stringContaining('Allow AI Key Vault on https://www.typingmind.com first') });
    expect((await must('standIns', {})).bindings).toEqual([]);
  });
});

describe('site memory: the key last used on a site comes first there', () => {
  const popupRow = async (site?: string) => (await must('popupList', site ? { site } : {})).groups.find(({ provider }) => provider === 'openai')!;

  it('after a fill of one key on a site, the inline menu lists it first and the popup offers it there, and nowhere else', async () => {
    expect((await shown(APP_PAGE, APP_MENU)).keys.map(({ name }) => name)[0]).not.toBe('Personal');
    expect((await pickAndRedeem(ids.Personal!, false)).ok).toBe(true);
    expect((await shown(APP_PAGE, APP_MENU)).keys.map(({ name }) => name)).toEqual(['Personal', 'Work', 'Gateway']);
    const here = await popupRow(APP);
    expect(here.active.name).toBe('Personal');
    expect(here.keys[0]!.name).toBe('Personal');
    // Elsewhere, and without a site: the provider's active key, as before.
    expect((await popupRow('https://elsewhere.example')).active.name).toBe('Work');
    expect((await popupRow()).active.name).toBe('Work');
    // A stand-in given later on the site counts as its latest use.
    expect((await pickAndRedeem(ids.Work!, true)).ok).toBe(true);
    expect((await popupRow(APP)).active.name).toBe('Work');
    expect((await shown(APP_PAGE, APP_MENU)).keys.map(({ name }) => name)[0]).toBe('Work');
  });

  it('a key chosen in the popup over a site is the one offered there next', async () => {
    await must('setActive', { id: ids.Personal!, site: APP });
    await must('setActive', { id: ids.Work! });
    expect((await popupRow(APP)).active.name).toBe('Personal');
    expect((await popupRow()).active.name).toBe('Work');
  });

  it('the sites stay inside the sealed vault: not in storage in the clear, not in what pages receive', async () => {
    expect((await pickAndRedeem(ids.Personal!, false)).ok).toBe(true);
    await settle();
    const { local, session } = await storedText();
    expect(local + session).not.toContain('byok.example.org');
    expect(JSON.stringify(await must('listEntries', {}))).not.toContain('byok.example.org');
    expect(JSON.stringify(await must('popupList', { site: APP }))).not.toContain('byok.example.org');
  });
});
