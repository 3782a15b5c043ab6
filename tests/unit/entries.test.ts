import { describe, expect, it } from 'vitest';
import {
  addEntry,
  deleteEntry,
  duplicateEntry,
  recordUse,
  setActive,
  updateEntry,
  updateSettings,
} from '../../lib/vault/entries.ts';
import { emptyPayload, PayloadSchema, type Payload } from '../../lib/vault/payload-schema.ts';
import { maskSecret, summarize } from '../../lib/vault/summary.ts';
import { VaultError } from '../../lib/vault/errors.ts';
import { successorOf } from '../../lib/vault/succession.ts';
import { nextId } from './helpers.ts';

const openai = (name: string, secret = 'sk-proj-0123456789abcdefghij') => ({ provider: 'openai', name, secret });

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof VaultError ? error.code : `unexpected ${String(error)}`;
  }
  return 'no error';
}

function withTwoKeys() {
  const first = addEntry(emptyPayload(), openai('Personal'), nextId(), 100);
  const second = addEntry(first.payload, openai('Work'), nextId(), 200);
  return { payload: second.payload, personal: first.entry, work: second.entry };
}

describe('entry operations', () => {
  it('adds an entry that the payload schema accepts, trimming pasted whitespace', () => {
    const { payload, entry } = addEntry(emptyPayload(), { ...openai('Main'), secret: '  sk-proj-abc123abc123abc\n' }, nextId(), 5);
    expect(entry.secret).toBe('sk-proj-abc123abc123abc');
    expect(entry).toMatchObject({ createdAt: 5, updatedAt: 5, useCount: 0, enabled: true, tags: [], notes: '' });
    expect(PayloadSchema.parse(payload)).toEqual(payload);
  });

  it('makes the first key of a provider its active key, not the later ones', () => {
    const { payload, personal } = withTwoKeys();
    expect(payload.active).toEqual({ openai: personal.id });
  });

  it('refuses bad input, naming the problem, and leaves the payload alone', () => {
    const before = withTwoKeys().payload;
    const snapshot = structuredClone(before);
    const cases: unknown[] = [
      { provider: 'openai', name: '', secret: 'sk-1' },
      { provider: 'nobody', name: 'x', secret: 'k' },
      { provider: 'openai', name: 'x', secret: '' },
      { provider: 'openai', name: 'x', secret: 'has space' },
      { provider: 'openai', name: 'x', secret: 'k', endpoint: 'http://evil.example.com' },
      { provider: 'openai', name: 'x', secret: 'k', endpoint: 'https://user:pw@example.com' },
      { provider: 'openai-compatible', name: 'x', secret: 'k' },
      { provider: 'azure-openai', name: 'x', secret: 'k' },
      { provider: 'openai', name: 'x', secret: 'k', surprise: true },
      { provider: 'openai', name: 'work', secret: 'k' }, // duplicate, case-insensitive
      null,
      'text',
    ];
    for (const input of cases) expect(codeOf(() => addEntry(before, input, nextId(), 1))).toBe('invalid-input');
    expect(before).toEqual(snapshot);
  });

  it('accepts keyless local providers and loopback http endpoints', () => {
    const { entry } = addEntry(emptyPayload(), { provider: 'ollama', name: 'Local', secret: '', endpoint: 'http://127.0.0.1:11434' }, nextId(), 1);
    expect(entry.endpoint).toBe('http://127.0.0.1:11434');
  });

  it('keeps history when the secret changes and drops the old validation', () => {
    const { payload, personal } = withTwoKeys();
    const used = recordUse(payload, personal.id, 300).payload;
    const checked: Payload = {
      ...used,
      entries: used.entries.map((e) => (e.id === personal.id ? { ...e, validation: { status: 'valid', checkedAt: 301 } } : e)),
    };
    const renamed = updateEntry(checked, personal.id, { name: 'Home' }, 400).entry;
    expect(renamed.validation?.status).toBe('valid');
    const rekeyed = updateEntry(checked, personal.id, { secret: 'sk-proj-new-secret-value-000' }, 500).entry;
    expect(rekeyed).toMatchObject({ createdAt: 100, useCount: 1, lastUsedAt: 300, updatedAt: 500 });
    expect(rekeyed.validation).toBeUndefined();
  });

  it('refuses an edit based on an outdated copy as a conflict', () => {
    const { payload, personal } = withTwoKeys();
    const edited = updateEntry(payload, personal.id, { notes: 'one' }, 300);
    expect(codeOf(() => updateEntry(edited.payload, personal.id, { notes: 'two' }, 301, personal.updatedAt))).toBe('conflict');
    expect(updateEntry(edited.payload, personal.id, { notes: 'two' }, 301, edited.entry.updatedAt).entry.notes).toBe('two');
  });

  it('clears an optional field when an edit empties it', () => {
    const { payload, personal } = withTwoKeys();
    const withEndpoint = updateEntry(payload, personal.id, { endpoint: 'https://proxy.example.com/v1' }, 300);
    const cleared = updateEntry(withEndpoint.payload, personal.id, { endpoint: '' }, 301).entry;
    expect(cleared.endpoint).toBeUndefined();
  });

  it('deletes with a tombstone and hands the active role to the most recently used key', () => {
    const { payload, personal, work } = withTwoKeys();
    expect(successorOf(payload.entries, 'openai', personal.id)?.id).toBe(work.id);
    const after = deleteEntry(payload, personal.id, 900);
    expect(after.entries.map((e) => e.id)).toEqual([work.id]);
    expect(after.tombstones).toEqual([{ id: personal.id, deletedAt: 900 }]);
    expect(after.active.openai).toBe(work.id);
    const last = deleteEntry(after, work.id, 901);
    expect(last.active).toEqual({});
    expect(codeOf(() => deleteEntry(last, work.id, 902))).toBe('not-found');
  });

  it('duplicates under a free name with a fresh history', () => {
    const { payload, personal } = withTwoKeys();
    const used = recordUse(payload, personal.id, 50).payload;
    const first = duplicateEntry(used, personal.id, nextId(), 60);
    expect(first.entry).toMatchObject({ name: 'Personal (copy)', secret: personal.secret, useCount: 0, createdAt: 60 });
    expect(duplicateEntry(first.payload, personal.id, nextId(), 61).entry.name).toBe('Personal (copy) 2');
  });

  it('switches the active key and counts uses', () => {
    const { payload, work } = withTwoKeys();
    const switched = setActive(payload, work.id);
    expect(switched.active.openai).toBe(work.id);
    const used = recordUse(recordUse(switched, work.id, 10).payload, work.id, 20).entry;
    expect(used).toMatchObject({ useCount: 2, lastUsedAt: 20 });
  });

  it('validates settings', () => {
    const payload = emptyPayload();
    expect(updateSettings(payload, { autoLock: 'never' }).settings.autoLock).toBe('never');
    expect(codeOf(() => updateSettings(payload, { autoLock: 0 }))).toBe('invalid-input');
    expect(codeOf(() => updateSettings(payload, { unknown: 1 }))).toBe('invalid-input');
  });
});

describe('summaries', () => {
  it('never carry the secret and mask it as first 4 … last 4', () => {
    const { payload, personal } = withTwoKeys();
    const summary = summarize(personal, payload);
    expect(JSON.stringify(summary)).not.toContain(personal.secret);
    expect(summary.masked).toBe('sk-p…ghij');
    expect(summary.active).toBe(true);
    expect(maskSecret('short-key')).not.toMatch(/short|key/);
  });
});
