/**
 * The sync engine's limits (Chrome's `storage.sync`; Firefox's are alike) and the check
 * that a whole vault fits them before anything is written.
 * @module
 */
import { words, type Words } from '../words.ts';

export const SYNC_LIMITS = {
  totalBytes: 102_400,
  itemBytes: 8_192,
  items: 512,
  writesPerMinute: 120,
  writesPerHour: 1_800,
} as const;

/** What the engine counts for one item: its key plus its value as JSON. */
export function itemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key).length + new TextEncoder().encode(JSON.stringify(value)).length;
}

export interface Usage {
  bytes: number;
  items: number;
}

export function usageOf(items: Record<string, unknown>): Usage {
  let bytes = 0;
  for (const [key, value] of Object.entries(items)) bytes += itemBytes(key, value);
  return { bytes, items: Object.keys(items).length };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Why these items cannot be synced whole, in words by reference; undefined when they fit. `namesOf`
 * gives the names of the keys an item holds, to say which are too big together.
 */
export function whyItDoesNotFit(items: Record<string, unknown>, namesOf: (key: string) => readonly string[]): Words | undefined {
  for (const [key, value] of Object.entries(items)) {
    const bytes = itemBytes(key, value);
    if (bytes > SYNC_LIMITS.itemBytes) {
      const names = namesOf(key);
      if (names.length === 0) return words('errors.syncSomeKeysTooBig', kb(bytes), kb(SYNC_LIMITS.itemBytes));
      return { key: 'errors.syncKeysTooBig', values: [names.map((name) => `“${name}”`).join(', '), kb(bytes), kb(SYNC_LIMITS.itemBytes)], count: names.length };
    }
  }
  const usage = usageOf(items);
  if (usage.items > SYNC_LIMITS.items) return words('errors.syncTooManyItems', usage.items, SYNC_LIMITS.items);
  if (usage.bytes > SYNC_LIMITS.totalBytes) return words('errors.syncTooManyBytes', kb(usage.bytes), kb(SYNC_LIMITS.totalBytes));
  return undefined;
}
