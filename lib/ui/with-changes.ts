/**
 * A page's list with the changes the background announced applied: keys replaced or
 * added, keys removed, in list order.
 * @module
 */
import { byListOrder } from '../vault/entry-order.ts';
import type { EntrySummaryView } from '../messages.ts';

/** `entries` after `upserted` and `removed`. */
export function withChanges(entries: readonly EntrySummaryView[], { upserted, removed }: { upserted: EntrySummaryView[]; removed: string[] }): EntrySummaryView[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  for (const entry of upserted) byId.set(entry.id, entry);
  for (const id of removed) byId.delete(id);
  return [...byId.values()].sort(byListOrder);
}
