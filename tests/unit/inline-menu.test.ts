import { beforeEach, describe, expect, it } from 'vitest';
import { clock, must, send } from './background-harness.ts';
import { page } from './fill-fakes.ts';
import { ANTHROPIC, catchPicks, GROQ, OPENAI, PASSPHRASE, startWithThreeKeys, useCount } from './fill-vault.ts';
import { CONSOLE, contentAt, menuFrame } from './inline-senders.ts';

const SECRETS = [OPENAI.secret, GROQ.secret, ANTHROPIC.secret];
const shown = async (sender: object, providers: string[] = [], menu = menuFrame()) => {
  const { menuId } = await must('inlineOpen', { providers }, sender);
  return { menuId, view: await must('menuShow', { menuId }, menu) };
};
const listedNames = (view: Awaited<ReturnType<typeof shown>>['view']) => (view.kind === 'fill' ? view.keys.map(({ name }) => name) : []);

let ids: Record<string, string>;

beforeEach(async () => {
  ids = await startWithThreeKeys();
});

describe('the inline menu offers only keys that fit the site, names and masks only', () => {
  it('on a provider console: that provider’s keys, whatever the field hints', async () => {
    const { view } = await shown(CONSOLE, ['groq', 'anthropic']);
    expect(view).toEqual({ kind: 'fill', state: 'unlocked', site: 'https://platform.openai.com', keys: [{ id: ids.openai, name: 'Personal', provider: 'openai', masked: 'sk-p…1111', standIn: false }] });
    expect(JSON.stringify(view)).not.toMatch(new RegExp(SECRETS.join('|')));
  });

  it('on a curated app: the providers it takes, narrowed by the field’s hints, never widened by them', async () => {
    expect(listedNames((await shown(contentAt('https://www.typingmind.com/'), ['groq'])).view)).toEqual(['Groq main']);
    expect(listedNames((await shown(contentAt('https://www.typingmind.com/'))).view).sort()).toEqual(['Claude', 'Groq main', 'Personal']);
    // Better ChatGPT takes OpenAI keys only: a field that says "Anthropic" does not add Anthropic's.
    expect(listedNames((await shown(contentAt('https://bettergpt.chat/'), ['anthropic'])).view)).toEqual(['Personal']);
  });

  it('on a site the user turned on: every key, or those of the providers the field names', async () => {
    page.granted.add('https://byok.example.org/*');
    await must('enableInlineSite', { origin: 'https://byok.example.org' });
    const site = contentAt('https://byok.example.org/settings');
    expect(listedNames((await shown(site)).view)).toHaveLength(3);
    expect(listedNames((await shown(site, ['anthropic'])).view)).toEqual(['Claude']);
  });

  it('in a frame of another site: only when it is a provider’s console, and only that provider’s keys', async () => {
    const framed = contentAt('https://platform.openai.com/embed', { frameId: 3, tabUrl: 'https://www.typingmind.com/' });
    expect(listedNames((await shown(framed, ['groq'], menuFrame({ tabUrl: 'https://www.typingmind.com/' }))).view)).toEqual(['Personal']);
    const foreign = contentAt('https://www.typingmind.com/', { frameId: 3, tabUrl: 'https://evil.example/' });
    expect(await send('inlineOpen', { providers: [] }, foreign)).toMatchObject({ ok: false, code: 'fill-refused', message: expect.stringContaining('another site') });
  });

  it('where the browser keeps the tab’s address from us (Firefox): the top frame by its own address, a subframe only as a console', async () => {
    const unknownTab = <T extends { tab: object }>(sender: T) => ({ ...sender, tab: { id: 5, index: 0 } });
    const tokens = catchPicks();
    const { menuId, view } = await shown(unknownTab(CONSOLE));
    expect(listedNames(view)).toEqual(['Personal']);
    await must('menuPick', { menuId, id: ids.openai! }, menuFrame());
    expect(await send('inlineRedeem', { token: tokens[0]! }, unknownTab(CONSOLE))).toEqual({ ok: true, data: { secret: OPENAI.secret } });
    const framedApp = unknownTab(contentAt('https://www.typingmind.com/', { frameId: 3 }));
    expect(await send('inlineOpen', { providers: [] }, framedApp)).toMatchObject({ ok: false, code: 'fill-refused', message: expect.stringContaining('another site') });
    const framedConsole = unknownTab(contentAt('https://console.groq.com/keys', { frameId: 3 }));
    expect(listedNames((await shown(framedConsole)).view)).toEqual(['Groq main']);
  });

  it('says locked while locked, and lists once unlocked', async () => {
    await must('lock', {});
    const { menuId, view } = await shown(CONSOLE);
    expect(view).toEqual({ kind: 'fill', state: 'locked', site: 'https://platform.openai.com', keys: [] });
    await must('unlock', { passphrase: PASSPHRASE });
    expect(listedNames(await must('menuShow', { menuId }, menuFrame()))).toEqual(['Personal']);
  });

  it('opens on no site that is neither curated nor turned on, nor over plain http', async () => {
    expect(await send('inlineOpen', { providers: [] }, contentAt('https://random.example/'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('inlineOpen', { providers: [] }, contentAt('http://bettergpt.chat/'))).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('a key reaches a content script only through a pick made in the menu, for its own document, once', () => {
  it('a pick is delivered to the exact frame and document that opened the menu, redeemed there once, and counts a use', async () => {
    const tokens = catchPicks();
    const { menuId } = await shown(CONSOLE);
    expect(await must('menuPick', { menuId, id: ids.openai! }, menuFrame())).toEqual({ outcome: 'filled' });
    expect(page.delivered).toEqual([{ tabId: 5, message: { event: 'ai-key-vault:pick', menuId, token: tokens[0] }, target: { frameId: 0, documentId: 'doc-5-0' } }]);
    const before = await useCount(ids.openai!);
    expect(await send('inlineRedeem', { token: tokens[0]! }, CONSOLE)).toEqual({ ok: true, data: { secret: OPENAI.secret } });
    expect(await useCount(ids.openai!)).toBe(before + 1);
    expect(await send('inlineRedeem', { token: tokens[0]! }, CONSOLE)).toMatchObject({ ok: false, code: 'menu-expired' });
  });

  it('a stolen pick token gives nothing to another tab, frame, document or origin', async () => {
    const tokens = catchPicks();
    const { menuId } = await shown(CONSOLE);
    await must('menuPick', { menuId, id: ids.openai! }, menuFrame());
    const thieves = [
      contentAt('https://platform.openai.com/api-keys', { tabId: 6 }),
      contentAt('https://platform.openai.com/api-keys', { frameId: 2 }),
      contentAt('https://platform.openai.com/api-keys', { documentId: 'a-new-page-in-the-same-frame' }),
      { ...CONSOLE, origin: 'https://console.groq.com', url: 'https://console.groq.com/keys' },
    ];
    for (const thief of thieves) {
      const answer = await send('inlineRedeem', { token: tokens[0]! }, thief);
      expect(answer).toMatchObject({ ok: false, code: 'forbidden' });
      expect(JSON.stringify(answer)).not.toContain(OPENAI.secret);
    }
    // The theft spent nothing: the frame it was made for still redeems it.
    expect((await send('inlineRedeem', { token: tokens[0]! }, CONSOLE)).ok).toBe(true);
  });

  it('the menu picks only a key it showed, and only from the frame that drew it', async () => {
    catchPicks();
    const { menuId } = await shown(CONSOLE);
    expect(await send('menuPick', { menuId, id: ids.groq! }, menuFrame())).toMatchObject({ ok: false, code: 'forbidden' });
    // Another frame, in this tab or another, neither draws nor picks in a menu already drawn.
    for (const other of [menuFrame({ frameId: 10 }), menuFrame({ tabId: 6 })]) {
      expect(await send('menuShow', { menuId }, other)).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await send('menuPick', { menuId, id: ids.openai! }, other)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(page.delivered).toEqual([]);
  });

  it('a menu in another tab cannot draw a menu first', async () => {
    const { menuId } = await must('inlineOpen', { providers: [] }, CONSOLE);
    expect(await send('menuShow', { menuId }, menuFrame({ tabId: 6 }))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('a pick not redeemed within half a minute is void, and a lock voids every menu and pick', async () => {
    const tokens = catchPicks();
    const first = await shown(CONSOLE);
    await must('menuPick', { menuId: first.menuId, id: ids.openai! }, menuFrame());
    clock.now += 31_000;
    expect(await send('inlineRedeem', { token: tokens[0]! }, CONSOLE)).toMatchObject({ ok: false, code: 'menu-expired' });
    const second = await shown(CONSOLE);
    await must('menuPick', { menuId: second.menuId, id: ids.openai! }, menuFrame());
    await must('lock', {});
    await must('unlock', { passphrase: PASSPHRASE });
    expect(await send('inlineRedeem', { token: tokens[1]! }, CONSOLE)).toMatchObject({ ok: false, code: 'menu-expired' });
    expect(await send('menuShow', { menuId: second.menuId }, menuFrame())).toMatchObject({ ok: false, code: 'menu-expired' });
  });

  it('a disabled key is not handed over, even when picked', async () => {
    const tokens = catchPicks();
    const { menuId } = await shown(CONSOLE);
    await must('menuPick', { menuId, id: ids.openai! }, menuFrame());
    await must('updateEntry', { id: ids.openai!, changes: { enabled: false } });
    expect(await send('inlineRedeem', { token: tokens[0]! }, CONSOLE)).toMatchObject({ ok: false, code: 'disabled' });
  });

  it('tells the menu when no content script took the pick', async () => {
    const { menuId } = await shown(CONSOLE);
    expect(await must('menuPick', { menuId, id: ids.openai! }, menuFrame())).toEqual({ outcome: 'closed' });
  });
});

describe('who may ask what', () => {
  it('the menu frame may make only the menu’s requests; pages and content scripts may not make them', async () => {
    const { menuId } = await must('inlineOpen', { providers: [] }, CONSOLE);
    for (const [type, data] of [['getSecret', { id: ids.openai!, purpose: 'reveal' }], ['listEntries', {}], ['lock', {}], ['inlineRedeem', { token: 'a'.repeat(32) }]] as const) {
      expect(await send(type, data as never, menuFrame())).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await send('menuShow', { menuId }, CONSOLE)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('menuShow', { menuId })).toMatchObject({ ok: false, code: 'forbidden' });
    // The menu page opened at the top of a tab, or outside any tab, is not heard at all.
    expect(await send('menuShow', { menuId }, menuFrame({ frameId: 0 }))).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('sender') });
    expect(await send('menuShow', { menuId }, { ...menuFrame(), tab: undefined })).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('sender') });
  });
});

describe('sites the user turns the offer on for', () => {
  it('runs on a site once its access is granted, until turned off', async () => {
    const site = contentAt('https://byok.example.org/settings');
    expect(await send('enableInlineSite', { origin: 'https://byok.example.org' })).toMatchObject({ ok: false, code: 'forbidden' });
    page.granted.add('https://byok.example.org/*');
    expect(await must('enableInlineSite', { origin: 'https://byok.example.org' })).toEqual({ sites: ['https://byok.example.org'] });
    expect(page.scripts[0]).toMatchObject({ matches: ['https://byok.example.org/*'], js: ['content-scripts/inline.js'] });
    expect((await send('inlineOpen', { providers: [] }, site)).ok).toBe(true);
    expect(await must('inlineSites', {})).toEqual({ sites: ['https://byok.example.org'] });
    expect(await must('disableInlineSite', { origin: 'https://byok.example.org' })).toEqual({ sites: [] });
    expect(page.scripts).toEqual([]);
    expect(await send('inlineOpen', { providers: [] }, site)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('enableInlineSite', { origin: 'http://byok.example.org' })).toMatchObject({ ok: false, code: 'invalid-input' });
  });
});
