/**
 * Which records a change touched: entries and tombstones whose object is new (pure
 * operations replace exactly what they change), or that are gone. Pages are told these
 * ids, not "everything changed".
 * @module
 */
import type { Payload } from './payload-schema.ts';

/** The ids of records that differ between `before` and `after`. */
export function changedRecordIds(before: Payload, after: Payload): Set<string> {
  if (before === after) return new Set();
  const old = new Map<string, object>();
  for (const record of [...before.entries, ...before.tombstones]) old.set(record.id, record);
  const changed = new Set<string>();
  for (const record of [...after.entries, ...after.tombstones]) {
    if (old.get(record.id) !== record) changed.add(record.id);
    old.delete(record.id);
  }
  for (const id of old.keys()) changed.add(id);
  return changed;
}
