import formatOne from '../fixtures/vault-format-1.json' with { type: 'json' };
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PROTOCOL } from '../../lib/messages.ts';
import { AUTO_LOCK_ALARM } from '../../lib/background/auto-lock.ts';
import { VaultStore } from '../../lib/background/session/vault-store.ts';
import type { Header } from '../../lib/vault/envelope-schema.ts';
import { isChangeAnnouncement, type VaultChange } from '../../lib/vault-events.ts';
import {
  CONTENT_SCRIPT,
  OTHER_EXTENSION,
  PAGE_IN_TAB,
  clock,
  fireIdle,
  sessionAccessLevels,
  must,
  send,
  sendRaw,
  startWorker,
  storedText,
} from './background-harness.ts';

const PASSPHRASE = 'violet harbour 77 lantern';
const KEY = { provider: 'openai', name: 'Acme production', secret: 'sk-proj-Zq81s0dXkP3mT7vB2nL9aWcE4rY6uI0o', notes: 'rotate in March' };
const PLAINTEXTS = [PASSPHRASE, KEY.secret, KEY.name, KEY.notes];

async function expectNoPlaintextStored() {
  const { local, session } = await storedText();
  for (const plain of PLAINTEXTS) {
    expect(local).not.toContain(plain);
    expect(session).not.toContain(plain);
  }
}

async function unlockedWithKey() {
  await must('create', { passphrase: PASSPHRASE });
  const { entry } = await must('addEntry', { entry: KEY });
  return entry;
}

let worker: ReturnType<typeof startWorker>;

beforeEach(() => {
  fakeBrowser.reset();
  clock.now = 1_700_000_000_000;
  worker = startWorker();
});

describe('vault life cycle through messages', () => {
  it('creates, adds, lists masked, copies one secret and counts the use', async () => {
    expect(await must('status', {})).toEqual({ state: 'none' });
    expect(await must('create', { passphrase: PASSPHRASE })).toEqual({ state: 'unlocked' });
    await expectNoPlaintextStored();
    const { entry } = await must('addEntry', { entry: KEY });
    await expectNoPlaintextStored();
    const list = await must('listEntries', {});
    expect(JSON.stringify(list)).not.toContain(KEY.secret);
    expect(list.entries[0]).toMatchObject({ name: KEY.name, masked: 'sk-p…uI0o', active: true });
    expect(await must('getSecret', { id: entry.id, purpose: 'copy' })).toEqual({ secret: KEY.secret, clearAfterSeconds: 30 });
    expect((await must('listEntries', {})).entries[0]).toMatchObject({ useCount: 1, lastUsedAt: clock.now });
    await expectNoPlaintextStored();
  });

  it('every successful answer matches its response schema', async () => {
    const entry = await unlockedWithKey();
    const calls = [
      ['status', {}],
      ['listEntries', {}],
      ['updateEntry', { id: entry.id, changes: { notes: 'n' } }],
      ['setActive', { id: entry.id }],
      ['getSecret', { id: entry.id, purpose: 'copy' }],
      ['updateSettings', { settings: { autoLock: 5 } }],
      ['lock', {}],
    ] as const;
    for (const [type, data] of calls) {
      const answer = await send(type, data as never);
      expect(answer.ok, type).toBe(true);
      if (answer.ok) expect(PROTOCOL[type].response.safeParse(answer.data).success, type).toBe(true);
    }
  });

  it('locks: the session key is gone and nothing decrypted is answered', async () => {
    const entry = await unlockedWithKey();
    expect(await must('lock', {})).toEqual({ state: 'locked' });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    for (const [type, data] of [['listEntries', {}], ['getSecret', { id: entry.id, purpose: 'copy' }]] as const) {
      const answer = await send(type, data);
      expect(answer).toMatchObject({ ok: false, code: 'locked' });
    }
  });

  it('says a wrong passphrase is incorrect, then unlocks with the right one', async () => {
    await unlockedWithKey();
    await must('lock', {});
    const wrong = await send('unlock', { passphrase: 'violet harbour 78 lantern' });
    expect(wrong).toMatchObject({ ok: false, code: 'wrong-passphrase' });
    if (!wrong.ok) expect(wrong.message).toMatch(/incorrect/i);
    expect(await must('unlock', { passphrase: PASSPHRASE })).toEqual({ state: 'unlocked' });
    expect((await must('listEntries', {})).entries.map((e) => e.name)).toEqual([KEY.name]);
  });

  it('keeps session storage to trusted contexts', () => {
    expect(sessionAccessLevels).toEqual(['TRUSTED_CONTEXTS']);
  });

  it('stays unlocked across a service worker restart, and not across a browser restart', async () => {
    await unlockedWithKey();
    startWorker();
    expect(await must('status', {})).toEqual({ state: 'unlocked' });
    expect((await must('listEntries', {})).entries).toHaveLength(1);
    await fakeBrowser.storage.session.clear(); // what the browser does when it restarts
    startWorker();
    expect(await must('status', {})).toEqual({ state: 'locked' });
  });

  it('slows down guessing after five wrong passphrases, and a success resets it', async () => {
    await unlockedWithKey();
    await must('lock', {});
    for (let i = 0; i < 5; i++) expect(await send('unlock', { passphrase: `guess ${i}` })).toMatchObject({ code: 'wrong-passphrase' });
    const throttled = await send('unlock', { passphrase: PASSPHRASE });
    expect(throttled).toMatchObject({ ok: false, code: 'throttled', retryAfterMs: 2000 });
    startWorker(); // a restart does not reset it
    expect(await send('unlock', { passphrase: PASSPHRASE })).toMatchObject({ code: 'throttled' });
    clock.now += 2000;
    expect(await send('unlock', { passphrase: 'guess 6' })).toMatchObject({ code: 'wrong-passphrase' });
    expect(await send('unlock', { passphrase: PASSPHRASE })).toMatchObject({ retryAfterMs: 4000 });
    clock.now += 4000;
    expect(await must('unlock', { passphrase: PASSPHRASE })).toEqual({ state: 'unlocked' });
    await must('lock', {});
    expect(await send('unlock', { passphrase: 'guess 7' })).toMatchObject({ code: 'wrong-passphrase' });
    expect(await must('unlock', { passphrase: PASSPHRASE })).toEqual({ state: 'unlocked' });
  });

  it('changes the passphrase: the old one is refused, the new one opens', async () => {
    await unlockedWithKey();
    expect(await send('changePassphrase', { current: 'not it at all', next: 'new passphrase 2024' })).toMatchObject({ code: 'wrong-passphrase' });
    await must('changePassphrase', { current: PASSPHRASE, next: 'new passphrase 2024' });
    await must('lock', {});
    expect(await send('unlock', { passphrase: PASSPHRASE })).toMatchObject({ code: 'wrong-passphrase' });
    expect(await must('unlock', { passphrase: 'new passphrase 2024' })).toEqual({ state: 'unlocked' });
    expect((await must('listEntries', {})).entries).toHaveLength(1);
  });

  it('refuses to create a second vault or a short passphrase', async () => {
    expect(await send('create', { passphrase: 'short' })).toMatchObject({ code: 'malformed' });
    await must('create', { passphrase: PASSPHRASE });
    expect(await send('create', { passphrase: PASSPHRASE })).toMatchObject({ code: 'vault-exists' });
  });

  it('reports a damaged stored vault as corrupt and leaves it untouched', async () => {
    await unlockedWithKey();
    await must('lock', {});
    const { vault } = await fakeBrowser.storage.local.get('vault');
    const damaged = { ...(vault as object), revision: 999 };
    await fakeBrowser.storage.local.set({ vault: damaged });
    expect(await send('unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: false, code: 'corrupt' });
    expect((await fakeBrowser.storage.local.get('vault')).vault).toEqual(damaged);
  });

  it('reports a damaged page as corrupt, says so in words, and leaves every stored item untouched', async () => {
    await unlockedWithKey();
    await must('lock', {});
    const items = await fakeBrowser.storage.local.get(null);
    const recordKey = Object.keys(items).find((key) => key.startsWith('page.'))!;
    const record = items[recordKey] as { nonce: string; ciphertext: string };
    const flipped = (record.ciphertext[0] === 'A' ? 'B' : 'A') + record.ciphertext.slice(1);
    await fakeBrowser.storage.local.set({ [recordKey]: { ...record, ciphertext: flipped } });
    const before = await fakeBrowser.storage.local.get(null);
    const answer = await send('unlock', { passphrase: PASSPHRASE });
    expect(answer).toMatchObject({ ok: false, code: 'corrupt' });
    expect((answer as { message: string }).message).toBe('The stored vault is damaged or was altered (a page does not decrypt). It was left as it is.');
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });
});

describe('change announcements', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

  it('tell open pages which keys a change touched, with their summaries and never a secret; a burst is one message', async () => {
    const heard: VaultChange[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => void (isChangeAnnouncement(message) && heard.push(message)));
    const entry = await unlockedWithKey();
    await settle();
    const opened = heard.at(-1)!;
    expect(opened).toMatchObject({ open: true });
    heard.length = 0;
    await must('getSecret', { id: entry.id, purpose: 'copy' });
    await must('updateEntry', { id: entry.id, changes: { notes: 'changed twice' } });
    await settle();
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ view: opened.view, base: opened.version, version: opened.version + 2, open: true });
    expect(heard[0]!.changes).toEqual({ upserted: [expect.objectContaining({ id: entry.id, useCount: 1, notes: 'changed twice' })], removed: [] });
    await must('lock', {});
    await settle();
    expect(heard.at(-1)).toMatchObject({ open: false });
    expect(JSON.stringify(heard)).not.toContain(KEY.secret);
  });

  it('lets a page that missed changes catch up with just the keys they touched, or everything when it is too far behind', async () => {
    const entry = await unlockedWithKey();
    const { entry: other } = await must('addEntry', { entry: { ...KEY, name: 'Other', secret: 'sk-proj-OTHERaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } });
    const first = await must('listEntries', {});
    await must('deleteEntry', { id: other.id });
    await must('updateEntry', { id: entry.id, changes: { notes: 'new notes' } });
    const caught = await must('listChanges', { since: { view: first.view, version: first.version } });
    expect(caught.entries).toBeUndefined();
    expect(caught.changes!.upserted.map((e) => [e.id, e.notes])).toEqual([[entry.id, 'new notes']]);
    expect(caught.changes!.removed).toEqual([other.id]);
    const stranger = await must('listChanges', { since: { view: 'another worker', version: first.version } });
    expect(stranger.entries!.map((e) => e.id)).toEqual([entry.id]);
  });
});

describe('a busy background', () => {
  it('answers the popup while a large change is still being sealed, with the rows as they were', async () => {
    startWorker({ sliceMs: 0 });
    await must('create', { passphrase: PASSPHRASE });
    const env = Array.from({ length: 300 }, (_, i) => `OPENAI_API_KEY_${i}=sk-proj-${String(i).padStart(40, 'x')}`).join('\n');
    const { token } = await must('previewImport', { format: 'env', text: env });
    const order: string[] = [];
    const importing = must('confirmImport', { token }).then(() => order.push('import stored'));
    await new Promise((resolve) => setTimeout(resolve, 0)); // the import is sealing its pages by now
    const { groups } = await must('popupList', {});
    order.push('popup answered');
    await importing;
    expect(order).toEqual(['popup answered', 'import stored']);
    expect(groups).toEqual([]);
    expect((await must('popupList', {})).groups).toHaveLength(1);
  });
});

describe('trust boundary', () => {
  it('refuses malformed and unknown messages with a code, and changes nothing', async () => {
    const entry = await unlockedWithKey();
    const before = await storedText();
    const bad: [unknown, string][] = [
      [null, 'malformed'],
      ['listEntries', 'malformed'],
      [[], 'malformed'],
      [{ type: 'listEntries' }, 'malformed'],
      [{ type: 'listEntries', data: null }, 'malformed'],
      [{ type: 'listEntries', data: {}, extra: 1 }, 'malformed'],
      [{ type: 'dropTables', data: {} }, 'unknown-type'],
      [{ type: 'toString', data: {} }, 'unknown-type'],
      [{ type: '__proto__', data: {} }, 'unknown-type'],
      [{ type: 'getSecret', data: { id: 'not-an-id' } }, 'malformed'],
      [{ type: 'getSecret', data: { id: entry.id, purpose: 'copy', extra: true } }, 'malformed'],
      [{ type: 'deleteEntry', data: { id: 42 } }, 'malformed'],
      [{ type: 'addEntry', data: { entry: { provider: 'openai', name: 'x' } } }, 'invalid-input'],
      [{ type: 'updateSettings', data: { settings: { autoLock: -1 } } }, 'invalid-input'],
      [{ type: 'unlock', data: { passphrase: 'x'.repeat(5000) } }, 'malformed'],
      [{ type: 'x'.repeat(100), data: {} }, 'malformed'],
    ];
    for (const [message, code] of bad) {
      const answer = await sendRaw(message);
      expect(answer.ok ? 'ok' : answer.code, JSON.stringify(message)?.slice(0, 60)).toBe(code);
    }
    const after = await storedText();
    expect(after.local).toBe(before.local);
  });

  it('hears extension pages (also in a tab), not content scripts or other extensions', async () => {
    const entry = await unlockedWithKey();
    expect(await send('getSecret', { id: entry.id, purpose: 'copy' }, PAGE_IN_TAB)).toMatchObject({ ok: true });
    for (const sender of [CONTENT_SCRIPT, OTHER_EXTENSION, {}]) {
      for (const [type, data] of [['getSecret', { id: entry.id, purpose: 'copy' }], ['listEntries', {}], ['lock', {}], ['status', {}]] as const) {
        const answer = await send(type, data, sender);
        expect(answer).toMatchObject({ ok: false, code: 'forbidden' });
        expect(JSON.stringify(answer)).not.toContain(KEY.secret);
      }
    }
    expect(await must('status', {})).toEqual({ state: 'unlocked' });
  });

  it('refuses an edit based on an outdated copy instead of overwriting it', async () => {
    const entry = await unlockedWithKey();
    const first = await must('updateEntry', { id: entry.id, changes: { notes: 'first' }, expectedUpdatedAt: entry.updatedAt });
    const stale = await send('updateEntry', { id: entry.id, changes: { notes: 'second' }, expectedUpdatedAt: entry.updatedAt });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    expect((await must('listEntries', {})).entries[0]?.notes).toBe(first.entry.notes);
  });
});

describe('the write guard', () => {
  it('refuses a write based on a header that is no longer the stored one, and stores nothing', async () => {
    await unlockedWithKey();
    const { vault: older } = await fakeBrowser.storage.local.get('vault');
    await must('updateSettings', { settings: { rotationDays: 30 } });
    const before = await storedText();
    const olderHeader = older as Header;
    await expect(new VaultStore(fakeBrowser.storage.local).write({ vault: { ...olderHeader, revision: 99 } }, olderHeader)).rejects.toMatchObject({ code: 'stale-revision' });
    await expect(new VaultStore(fakeBrowser.storage.local).write({ vault: olderHeader }, null)).rejects.toMatchObject({ code: 'stale-revision' });
    expect((await storedText()).local).toBe(before.local);
  });

  it('refuses a write meant for another vault that reached the same revision number', async () => {
    await must('create', { passphrase: PASSPHRASE });
    const { vault: first } = await fakeBrowser.storage.local.get('vault');
    await fakeBrowser.storage.local.clear();
    await must('create', { passphrase: 'a different vault entirely' }); // also revision 0
    const before = await storedText();
    const firstHeader = first as Header;
    await expect(new VaultStore(fakeBrowser.storage.local).write({ vault: firstHeader }, firstHeader)).rejects.toMatchObject({ code: 'stale-revision' });
    expect((await storedText()).local).toBe(before.local);
  });
});

describe('a vault changed by someone else', () => {
  it('is noticed: a wiped vault is no longer shown as unlocked', async () => {
    await unlockedWithKey();
    await fakeBrowser.storage.local.clear();
    expect(await must('status', {})).toEqual({ state: 'none' });
    expect(await send('listEntries', {})).toMatchObject({ ok: false, code: 'no-vault' });
  });

  it('is reopened with the session key when it is still the same vault', async () => {
    await unlockedWithKey();
    const other = startWorker(); // another holder of the same vault writes a change
    await other.session.mutate((payload) => ({ payload: { ...payload, settings: { ...payload.settings, rotationDays: 12 } }, result: null }));
    expect(await worker.session.read((payload) => payload.settings.rotationDays)).toBe(12);
  });
});

describe('auto-lock', () => {
  it('schedules the alarm on use and locks when it fires', async () => {
    const before = Date.now();
    await unlockedWithKey();
    const alarm = await fakeBrowser.alarms.get(AUTO_LOCK_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: AUTO_LOCK_ALARM, scheduledTime: Date.now(), persistAcrossSessions: false });
    expect(await must('status', {})).toEqual({ state: 'locked' });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('does not count a page’s status line, or its refresh after an announced change, as a use, so they never hold off the lock', async () => {
    await unlockedWithKey();
    const first = (await fakeBrowser.alarms.get(AUTO_LOCK_ALARM))!.scheduledTime;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { view, version } = await must('listEntries', {});
    const listed = (await fakeBrowser.alarms.get(AUTO_LOCK_ALARM))!.scheduledTime;
    expect(listed).toBeGreaterThan(first);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await must('status', {});
    await must('syncStatus', {});
    // What an open page asks after an announcement of a change made elsewhere (a check result, a sync merge):
    await must('listChanges', { since: { view, version } });
    await must('popupList', { refresh: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await fakeBrowser.alarms.get(AUTO_LOCK_ALARM))!.scheduledTime).toBe(listed);
    await must('popupList', {}); // opening the popup is a use
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await fakeBrowser.alarms.get(AUTO_LOCK_ALARM))!.scheduledTime).toBeGreaterThan(listed);
  });

  it('locks when the system locks, unless set to never', async () => {
    await unlockedWithKey();
    fireIdle('idle');
    expect(await must('status', {})).toEqual({ state: 'unlocked' });
    fireIdle('locked');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await must('status', {})).toEqual({ state: 'locked' });
    await must('unlock', { passphrase: PASSPHRASE });
    await must('updateSettings', { settings: { autoLock: 'never' } });
    expect(await fakeBrowser.alarms.get(AUTO_LOCK_ALARM)).toBeUndefined();
    fireIdle('locked');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await must('status', {})).toEqual({ state: 'unlocked' });
  });
});

describe('a vault written in format 1', () => {
  it('opens with its passphrase, is stored in pages in one write, and keeps no record of the old format', async () => {
    await fakeBrowser.storage.local.set(formatOne.items);
    await must('unlock', { passphrase: formatOne.passphrase });
    expect((await must('listEntries', {})).entries.map((e) => e.name)).toEqual(['Format one key', 'Second']);
    const stored = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(stored).filter((key) => key.startsWith('entry.'))).toEqual([]);
    expect(Object.keys(stored).filter((key) => key.startsWith('page.')).sort()).toEqual(['page.a1', 'page.b2', 'page.c3']);
    expect((stored.vault as { version: number }).version).toBe(2);
    await must('lock', {});
    await must('unlock', { passphrase: formatOne.passphrase });
    expect((await must('getSecret', { id: 'a1'.repeat(16), purpose: 'reveal' })).secret).toBe('sk-proj-FORMATONEaaaaaaaaaaaaaaaaaaaaaaaa1111');
  });
});
