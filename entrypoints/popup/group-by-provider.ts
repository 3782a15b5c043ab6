/**
 * The popup's rows: one per provider that has keys, with its active key, most recently
 * used provider first, filtered by a search over provider and key names and tags.
 * @module
 */
import type { EntrySummaryView } from '../../lib/messages.ts';
import { providerName } from '../../lib/providers/catalog.ts';

export interface ProviderGroup {
  provider: string;
  name: string;
  keys: EntrySummaryView[];
  active: EntrySummaryView;
}

function matches(group: ProviderGroup, words: string[]): boolean {
  const text = [group.name, ...group.keys.flatMap((key) => [key.name, ...key.tags])].join('\n').toLowerCase();
  return words.every((word) => text.includes(word));
}

export function groupByProvider(entries: readonly EntrySummaryView[], query = ''): ProviderGroup[] {
  const byProvider = new Map<string, EntrySummaryView[]>();
  for (const entry of entries) {
    const keys = byProvider.get(entry.provider) ?? [];
    keys.push(entry);
    byProvider.set(entry.provider, keys);
  }
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = [...byProvider]
    .map(([provider, keys]) => ({ provider, name: providerName(provider), keys, active: keys.find((key) => key.active) ?? keys[0]! }))
    .filter((group) => matches(group, words));
  const lastUse = (group: ProviderGroup) => Math.max(...group.keys.map((key) => key.lastUsedAt ?? 0));
  return groups.sort((a, b) => lastUse(b) - lastUse(a) || a.name.localeCompare(b.name));
}
