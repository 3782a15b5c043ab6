/**
 * Putting back a key deleted moments ago (the options page's "Undo"): the same id, its
 * fields and history, later than its deletion so that sync takes the key over the
 * tombstone. Pure: the deleted entry and the time are inputs.
 * @module
 */
import type { Entry, Payload } from './payload-schema.ts';
import { VaultError } from './errors.ts';
import { namesOf, uniqueName } from './unique-name.ts';
import { words } from '../words.ts';

/**
 * Adds `entry` back under its own id (renamed if another key of its provider took its
 * name since), drops its tombstone, and makes it active where its provider has no active
 * key. @throws VaultError `conflict` when a key with that id is in the vault.
 */
export function restoreEntry(payload: Payload, entry: Entry, now: number): { payload: Payload; entry: Entry } {
  if (payload.entries.some((other) => other.id === entry.id)) throw new VaultError('conflict', words('errors.alreadyRestored'));
  const deletedAt = payload.tombstones.find((tombstone) => tombstone.id === entry.id)?.deletedAt ?? 0;
  const restored: Entry = {
    ...entry,
    name: uniqueName(entry.name, namesOf(payload.entries, entry.provider)),
    // Along one key's history every change is later than the one it replaces, the deletion included.
    updatedAt: Math.max(now, deletedAt + 1, entry.updatedAt + 1),
  };
  const active = payload.active[entry.provider] ? payload.active : { ...payload.active, [entry.provider]: entry.id };
  return {
    payload: { ...payload, entries: [...payload.entries, restored], tombstones: payload.tombstones.filter((tombstone) => tombstone.id !== entry.id), active },
    entry: restored,
  };
}
