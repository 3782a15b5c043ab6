/**
 * Pure operations on the payload. Each returns a new payload and leaves its input alone;
 * each checks its input and throws VaultError `invalid-input`, `not-found` or `conflict`.
 * @module
 */
import { z } from 'zod/mini';
import type { Entry, Payload, Settings, Validation } from './payload-schema.ts';
import { SettingsSchema } from './payload-schema.ts';
import { EntryChangesSchema, EntryInputSchema, type EntryInput } from './entry-input.ts';
import { entryProblems } from './entry-problems.ts';
import { VaultError } from './errors.ts';
import { successorOf } from './succession.ts';
import { namesOf, uniqueName } from './unique-name.ts';
import { rememberSite } from './site-memory.ts';
import { words } from '../words.ts';

// The shape first (sizes, types), then the same rules the form shows, against the saved keys.
function parseInput(raw: unknown, payload: Payload, editingId?: string): EntryInput {
  const parsed = EntryInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VaultError('invalid-input', words('errors.invalidField', issue?.path.join('.') || 'entry', issue?.message ?? 'invalid'));
  }
  const problem = entryProblems(parsed.data, { others: payload.entries, editingId })[0];
  if (problem) throw new VaultError('invalid-input', problem.words);
  return parsed.data;
}

/** The entry with this id. @throws VaultError `not-found`. */
export function findEntry(payload: Payload, id: string): Entry {
  const entry = payload.entries.find((candidate) => candidate.id === id);
  if (!entry) throw new VaultError('not-found', words('errors.keyGone'));
  return entry;
}

/** Adds an entry; the first key of a provider becomes its active key. */
export function addEntry(payload: Payload, raw: unknown, id: string, now: number): { payload: Payload; entry: Entry } {
  const input = parseInput(raw, payload);
  const entry: Entry = {
    id,
    provider: input.provider,
    name: input.name,
    secret: input.secret,
    ...(input.endpoint ? { endpoint: input.endpoint } : {}),
    fields: input.fields ?? {},
    tags: input.tags ?? [],
    notes: input.notes ?? '',
    enabled: input.enabled ?? true,
    createdAt: now,
    updatedAt: now,
    useCount: 0,
    ...(typeof input.expiresAt === 'number' ? { expiresAt: input.expiresAt } : {}),
  };
  const active = payload.active[entry.provider] ? payload.active : { ...payload.active, [entry.provider]: id };
  return { payload: { ...payload, entries: [...payload.entries, entry], active }, entry };
}

/**
 * Changes an entry's fields; history (created, uses, last use) is kept. A new secret,
 * endpoint or provider drops the old validation result, usage and revocation. When `expectedUpdatedAt` is given and the entry
 * changed since, the edit is refused as a conflict instead of overwriting it.
 */
export function updateEntry(
  payload: Payload,
  id: string,
  rawChanges: unknown,
  now: number,
  expectedUpdatedAt?: number,
): { payload: Payload; entry: Entry } {
  const current = findEntry(payload, id);
  if (expectedUpdatedAt !== undefined && current.updatedAt !== expectedUpdatedAt) {
    throw new VaultError('conflict', words('errors.keyChangedElsewhere'));
  }
  const changes = EntryChangesSchema.safeParse(rawChanges);
  if (!changes.success) {
    const issue = changes.error.issues[0];
    throw new VaultError('invalid-input', words('errors.invalidField', issue?.path.join('.') || 'changes', issue?.message ?? 'invalid'));
  }
  const { validation, usage, revokedAt, endpoint, expiresAt, lastUsedAt, ...rest } = current;
  const merged = parseInput({
    provider: rest.provider,
    name: rest.name,
    secret: rest.secret,
    endpoint,
    fields: rest.fields,
    tags: rest.tags,
    notes: rest.notes,
    enabled: rest.enabled,
    expiresAt,
    ...changes.data,
  }, payload, id);
  const { endpoint: newEndpoint, expiresAt: newExpiry, ...kept } = merged;
  const entry: Entry = {
    ...rest,
    ...kept,
    fields: merged.fields ?? {},
    tags: merged.tags ?? [],
    notes: merged.notes ?? '',
    enabled: merged.enabled ?? true,
    updatedAt: Math.max(now, current.updatedAt + 1),
    ...(newEndpoint ? { endpoint: newEndpoint } : {}),
    ...(typeof newExpiry === 'number' ? { expiresAt: newExpiry } : {}),
    ...(lastUsedAt !== undefined ? { lastUsedAt } : {}),
  };
  // A result, usage or revocation of another key, endpoint or provider says nothing about this one.
  if (checkTarget(entry) === checkTarget(current)) {
    if (validation) entry.validation = validation;
    if (usage) entry.usage = usage;
    if (revokedAt !== undefined) entry.revokedAt = revokedAt;
  }
  let next: Payload = { ...payload, entries: payload.entries.map((e) => (e.id === id ? entry : e)) };
  if (entry.provider !== current.provider) next = moveActive(next, current, entry);
  return { payload: next, entry };
}

function withActive(active: Payload['active'], provider: string, id: string | undefined): Payload['active'] {
  const next = { ...active };
  if (id) next[provider] = id;
  else delete next[provider];
  return next;
}

function moveActive(payload: Payload, before: Entry, after: Entry): Payload {
  let active = payload.active;
  if (active[before.provider] === before.id) {
    active = withActive(active, before.provider, successorOf(payload.entries, before.provider, before.id)?.id);
  }
  if (!active[after.provider]) active = withActive(active, after.provider, after.id);
  return { ...payload, active };
}

/** Deletes an entry, leaving a tombstone; a deleted active key hands over to its successor. */
export function deleteEntry(payload: Payload, id: string, now: number): Payload {
  const entry = findEntry(payload, id);
  let active = payload.active;
  if (active[entry.provider] === id) active = withActive(active, entry.provider, successorOf(payload.entries, entry.provider, id)?.id);
  return {
    ...payload,
    entries: payload.entries.filter((e) => e.id !== id),
    // Never before the last edit: along one key's history, every change is later than the one it replaces.
    tombstones: [...payload.tombstones.filter((t) => t.id !== id), { id, deletedAt: Math.max(now, entry.updatedAt + 1) }],
    active,
  };
}

/**
 * Adds a copy of an entry under a free name (“Name (copy)”, “Name (copy) 2”…), with its
 * own history: no uses, no check result yet.
 */
export function duplicateEntry(payload: Payload, id: string, newId: string, now: number): { payload: Payload; entry: Entry } {
  const source = findEntry(payload, id);
  const name = uniqueName(`${source.name.slice(0, 90)} (copy)`, namesOf(payload.entries, source.provider));
  const { provider, secret, endpoint, fields, tags, notes, enabled, expiresAt } = source;
  return addEntry(payload, { provider, name, secret, endpoint, fields, tags, notes, enabled, expiresAt }, newId, now);
}

/** Makes `id` the active key of its provider. */
export function setActive(payload: Payload, id: string): Payload {
  const entry = findEntry(payload, id);
  return { ...payload, active: withActive(payload.active, entry.provider, id) };
}

/** Counts one use (copy, fill) of an entry; a fill names the `site` it went to, which the key's site memory keeps. */
export function recordUse(payload: Payload, id: string, now: number, site?: string): { payload: Payload; entry: Entry } {
  const current = findEntry(payload, id);
  const entry = { ...current, useCount: current.useCount + 1, lastUsedAt: now, ...(site ? { usedOn: rememberSite(current.usedOn, site, now) } : {}) };
  return { payload: { ...payload, entries: payload.entries.map((e) => (e.id === id ? entry : e)) }, entry };
}

/** Remembers that `id` was chosen on `site` (in the popup there), without counting a use. */
export function rememberOnSite(payload: Payload, id: string, site: string, now: number): Payload {
  const current = findEntry(payload, id);
  const entry = { ...current, usedOn: rememberSite(current.usedOn, site, now) };
  return { ...payload, entries: payload.entries.map((e) => (e.id === id ? entry : e)) };
}

/** Replaces some settings. */
export function updateSettings(payload: Payload, raw: unknown): Payload {
  const parsed = z.partial(SettingsSchema).safeParse(raw);
  if (!parsed.success) throw new VaultError('invalid-input', words('errors.invalidField', 'settings', parsed.error.issues[0]?.message ?? 'invalid'));
  const settings: Settings = { ...payload.settings, ...parsed.data };
  return { ...payload, settings };
}

/** The parts of an entry a check depends on: when they change, an old check result no longer applies. */
export function checkTarget(entry: Entry): string {
  return JSON.stringify([entry.provider, entry.secret, entry.endpoint ?? '', entry.fields]);
}

/**
 * Stores a check result on an entry, unless the entry is gone or its key, endpoint or
 * fields changed since the check started (`target` from checkTarget). Not an edit:
 * `updatedAt` stays.
 */
export function recordValidation(payload: Payload, id: string, target: string, validation: Validation): Payload {
  const current = payload.entries.find((entry) => entry.id === id);
  if (!current || checkTarget(current) !== target) return payload;
  const entry = { ...current, validation };
  return { ...payload, entries: payload.entries.map((e) => (e.id === id ? entry : e)) };
}
