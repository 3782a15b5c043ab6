import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addEntry, deleteEntry } from '../../lib/vault/entries.ts';
import { restoreEntry } from '../../lib/vault/restore-entry.ts';
import { emptyPayload, PayloadSchema } from '../../lib/vault/payload-schema.ts';
import { VaultError } from '../../lib/vault/errors.ts';
import { nextId } from './helpers.ts';
import { clock, must, send, startWorker, storedText } from './background-harness.ts';

const PASSPHRASE = 'violet harbour 77 lantern';
const SECRET = 'sk-proj-UNDOundoUNDOundoUNDOundo0123456789';
const openai = (name: string, secret = 'sk-proj-0123456789abcdefghij') => ({ provider: 'openai', name, secret });

describe('restoreEntry (pure)', () => {
  it('puts the key back with its id and history, later than its tombstone, which goes', () => {
    const first = addEntry(emptyPayload(), openai('Personal'), nextId(), 100);
    const second = addEntry(first.payload, { ...openai('Work'), notes: 'ci' }, nextId(), 200);
    const deleted = deleteEntry(second.payload, second.entry.id, 900);
    const { payload, entry } = restoreEntry(deleted, second.entry, 950);
    expect(entry).toEqual({ ...second.entry, updatedAt: 950 });
    expect(payload.tombstones).toEqual([]);
    expect(payload.active.openai).toBe(first.entry.id);
    expect(PayloadSchema.parse(payload)).toEqual(payload);
  });

  it('is later than the deletion even when the clock went back, renames around a name taken since, and becomes active where none is', () => {
    const only = addEntry(emptyPayload(), openai('Main'), nextId(), 100);
    const deleted = deleteEntry(only.payload, only.entry.id, 900);
    const taken = addEntry(deleted, openai('main'), nextId(), 901);
    const withoutActive = { ...taken.payload, active: {} };
    const { payload, entry } = restoreEntry(withoutActive, only.entry, 500);
    expect(entry.updatedAt).toBe(901);
    expect(entry.name).toBe('Main 2');
    expect(payload.active.openai).toBe(only.entry.id);
  });

  it('refuses a key that is already back', () => {
    const only = addEntry(emptyPayload(), openai('Main'), nextId(), 100);
    expect(() => restoreEntry(only.payload, only.entry, 200)).toThrow(VaultError);
  });
});

describe('undo of a delete through messages', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    clock.now = 1_700_000_000_000;
    startWorker();
  });

  async function deletedKey() {
    await must('create', { passphrase: PASSPHRASE });
    await must('addEntry', { entry: openai('First') });
    const { entry } = await must('addEntry', { entry: { ...openai('Spare', SECRET), tags: ['ci'] } });
    await must('getSecret', { id: entry.id, purpose: 'copy' });
    const { undo } = await must('deleteEntry', { id: entry.id });
    return { entry, undo };
  }

  it('restores the deleted key with its id, fields, secret and uses; the token works once', async () => {
    const { entry, undo } = await deletedKey();
    expect((await must('listEntries', {})).entries.map((e) => e.name)).toEqual(['First']);
    const { local, session } = await storedText();
    expect(local + session).not.toContain(SECRET);
    const restored = await must('restoreEntry', { token: undo });
    expect(restored.entry).toMatchObject({ id: entry.id, name: 'Spare', tags: ['ci'], useCount: 1, active: false });
    expect((await must('getSecret', { id: entry.id, purpose: 'reveal' })).secret).toBe(SECRET);
    expect((await send('restoreEntry', { token: undo })).ok).toBe(false);
  });

  it('forgets the deleted key when the vault locks, and after two minutes', async () => {
    const { undo } = await deletedKey();
    await must('lock', {});
    await must('unlock', { passphrase: PASSPHRASE });
    expect(await send('restoreEntry', { token: undo })).toMatchObject({ ok: false, code: 'not-found' });

    const second = (await must('listEntries', {})).entries[0]!;
    const { undo: late } = await must('deleteEntry', { id: second.id });
    clock.now += 2 * 60_000 + 1;
    expect(await send('restoreEntry', { token: late })).toMatchObject({ ok: false, code: 'not-found' });
  });
});
