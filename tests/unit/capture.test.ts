import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { must, send, startWorker } from './background-harness.ts';
import { page, resetPage } from './fill-fakes.ts';
import { CONSOLE, contentAt, menuFrame } from './inline-senders.ts';

const PASSPHRASE = 'amber lantern 12 orchard';
const OPENAI = { provider: 'openai', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaaaaaa1111' };

beforeEach(async () => {
  fakeBrowser.reset();
  resetPage();
  startWorker();
  await must('create', { passphrase: PASSPHRASE });
  await must('addEntry', { entry: OPENAI });
  await new Promise((resolve) => setTimeout(resolve, 30)); // the check that follows a save
});

describe('capture: saving a key seen on a console takes a click in the menu', () => {
  const NEW_KEY = 'sk-proj-NEWKEYcccccccccccccccccccccccccccccccc9999';

  it('a content script learns nothing from a captured key: no name, no tab opened', async () => {
    const answer = await send('captureOpen', { secret: OPENAI.secret }, CONSOLE);
    expect(answer).toEqual({ ok: true, data: { menuId: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    expect(await must('captureOpen', { secret: NEW_KEY }, CONSOLE)).toEqual({ menuId: expect.any(String) });
    expect(page.opened).toEqual([]);
  });

  it('Save in the menu opens the add form with the key; nothing is saved by itself', async () => {
    const { menuId } = await must('captureOpen', { secret: NEW_KEY }, CONSOLE);
    expect(await must('menuShow', { menuId }, menuFrame())).toEqual({ kind: 'capture', provider: 'openai', masked: 'sk-p…9999' });
    expect(await must('menuSave', { menuId }, menuFrame())).toEqual({});
    const [url] = page.opened;
    expect(url).toMatch(/options\.html#capture=[0-9a-f]{32}$/);
    expect(url).not.toContain(NEW_KEY);
    expect((await must('listEntries', {})).entries).toHaveLength(1);
    const token = url!.split('capture=')[1]!;
    expect(await must('takeCapture', { token })).toEqual({ provider: 'openai', secret: NEW_KEY, name: expect.stringMatching(/^OpenAI key \d{4}-\d\d-\d\d$/) });
    expect(await send('takeCapture', { token })).toMatchObject({ ok: false });
    expect(await send('menuSave', { menuId }, menuFrame())).toMatchObject({ ok: false, code: 'menu-expired' });
  });

  it('a key already saved is named in the menu only', async () => {
    const { menuId } = await must('captureOpen', { secret: OPENAI.secret }, CONSOLE);
    await must('menuShow', { menuId }, menuFrame());
    expect(await must('menuSave', { menuId }, menuFrame())).toEqual({ savedAs: 'Personal' });
    expect(page.opened).toEqual([]);
  });

  it('a captured key waiting to be saved is dropped when the vault locks', async () => {
    const waiting = await must('captureOpen', { secret: NEW_KEY }, CONSOLE);
    await must('menuShow', { menuId: waiting.menuId }, menuFrame());
    const saved = await must('captureOpen', { secret: `${NEW_KEY.slice(0, -4)}8888` }, contentAt('https://platform.openai.com/api-keys', { tabId: 8 }));
    await must('menuShow', { menuId: saved.menuId }, menuFrame({ tabId: 8 }));
    await must('menuSave', { menuId: saved.menuId }, menuFrame({ tabId: 8 }));
    const token = page.opened[0]!.split('capture=')[1]!;
    await must('lock', {});
    await must('unlock', { passphrase: PASSPHRASE });
    expect(await send('menuSave', { menuId: waiting.menuId }, menuFrame())).toMatchObject({ ok: false, code: 'menu-expired' });
    expect(await send('takeCapture', { token })).toMatchObject({ ok: false, code: 'import-expired' });
  });

  it('a capture opened while locked still opens the add form, which waits for the unlock', async () => {
    await must('lock', {});
    const { menuId } = await must('captureOpen', { secret: NEW_KEY }, CONSOLE);
    await must('menuShow', { menuId }, menuFrame());
    await must('menuSave', { menuId }, menuFrame());
    const token = page.opened[0]!.split('capture=')[1]!;
    expect(await send('takeCapture', { token })).toMatchObject({ ok: false, code: 'locked' });
    await must('unlock', { passphrase: PASSPHRASE });
    expect((await send('takeCapture', { token })).ok).toBe(true);
  });

  it('refuses other sites and non-keys', async () => {
    expect(await send('captureOpen', { secret: NEW_KEY }, contentAt('https://www.typingmind.com/'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await send('captureOpen', { secret: 'not a key at all' }, CONSOLE)).toMatchObject({ ok: false, code: 'invalid-input' });
  });
});
