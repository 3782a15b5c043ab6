/**
 * Instant search over the key list: each entry's searchable text (name, provider, tags,
 * notes, endpoint; never the secret, which pages do not have) is built once per summary:
 * a list that changed in a few keys builds the text of those few.
 * @module
 */
import { providerName } from '../providers/catalog.ts';
import type { EntrySummaryView } from '../messages.ts';

export interface Indexed {
  entry: EntrySummaryView;
  text: string;
}

// Summaries are replaced, never changed in place, so a summary's text never goes stale.
const texts = new WeakMap<EntrySummaryView, string>();

function textOf(entry: EntrySummaryView): string {
  let text = texts.get(entry);
  if (text === undefined) {
    text = [entry.name, providerName(entry.provider), entry.provider, ...entry.tags, entry.notes, entry.endpoint ?? ''].join('\n').toLowerCase();
    texts.set(entry, text);
  }
  return text;
}

/** Each entry with its searchable text. */
export function buildIndex(entries: readonly EntrySummaryView[]): Indexed[] {
  return entries.map((entry) => ({ entry, text: textOf(entry) }));
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
