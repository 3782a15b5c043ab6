/**
 * Instant search over the key list: each entry's searchable text (name, provider, tags,
 * notes, endpoint; never the secret, which pages do not have) is built once per list.
 * @module
 */
import { providerName } from '../providers/catalog.ts';
import type { EntrySummaryView } from '../messages.ts';

export interface Indexed {
  entry: EntrySummaryView;
  text: string;
}

export function buildIndex(entries: readonly EntrySummaryView[]): Indexed[] {
  return entries.map((entry) => ({
    entry,
    text: [entry.name, providerName(entry.provider), entry.provider, ...entry.tags, entry.notes, entry.endpoint ?? '']
      .join('\n')
      .toLowerCase(),
  }));
}

/** Entries of `provider` (or all) whose text holds every word of `query`. */
export function search(index: readonly Indexed[], query: string, provider: string | undefined): EntrySummaryView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found: EntrySummaryView[] = [];
  for (const { entry, text } of index) {
    if (provider && entry.provider !== provider) continue;
    if (words.every((word) => text.includes(word))) found.push(entry);
  }
  return found;
}
