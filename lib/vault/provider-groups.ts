/**
 * The popup's rows: one per provider that has keys, with its active key's summary and
 * the names of its other keys (for the switcher and the search), most recently used
 * provider first. Built in the background from what it holds, so opening the popup
 * sends this, not every key's summary.
 * @module
 */
import { providerName } from '../providers/catalog.ts';
import type { EntrySummary } from './summary.ts';

/** A key as the switcher and the search need it. */
export interface KeyChoice {
  id: string;
  name: string;
  tags: string[];
}

export interface ProviderGroup {
  provider: string;
  name: string;
  active: EntrySummary;
  keys: KeyChoice[];
  /** When a key of this provider was last used (0: never). */
  lastUsedAt: number;
}

/** The groups of `summaries`, most recently used provider first, then by name. */
export function providerGroups(summaries: Iterable<EntrySummary>): ProviderGroup[] {
  const byProvider = new Map<string, EntrySummary[]>();
  for (const summary of summaries) {
    const keys = byProvider.get(summary.provider);
    if (keys) keys.push(summary);
    else byProvider.set(summary.provider, [summary]);
  }
  const groups = [...byProvider].map(([provider, keys]) => ({
    provider,
    name: providerName(provider),
    active: keys.find((key) => key.active) ?? keys[0]!,
    keys: keys.map(({ id, name, tags }) => ({ id, name, tags })),
    lastUsedAt: Math.max(0, ...keys.map((key) => key.lastUsedAt ?? 0)),
  }));
  return groups.sort((a, b) => b.lastUsedAt - a.lastUsedAt || a.name.localeCompare(b.name));
}
