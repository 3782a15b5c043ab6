/**
 * The popup's rows: one per provider that has keys, with its active key, most recently
 * used provider first.
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

export function groupByProvider(entries: readonly EntrySummaryView[]): ProviderGroup[] {
  const byProvider = new Map<string, EntrySummaryView[]>();
  for (const entry of entries) {
    const keys = byProvider.get(entry.provider) ?? [];
    keys.push(entry);
    byProvider.set(entry.provider, keys);
  }
  const groups = [...byProvider].map(([provider, keys]) => ({
    provider,
    name: providerName(provider),
    keys,
    active: keys.find((key) => key.active) ?? keys[0]!,
  }));
  const lastUse = (group: ProviderGroup) => Math.max(...group.keys.map((key) => key.lastUsedAt ?? 0));
  return groups.sort((a, b) => lastUse(b) - lastUse(a) || a.name.localeCompare(b.name));
}
