/**
 * The popup's rows: one per provider that has keys, with its active key's summary and
 * the names of its other keys (for the switcher and the search), most recently used
 * provider first. On a site where a key was used before, its provider's row offers that
 * key (first in the switcher too), and those rows come first. Built in the background
 * from what it holds, so opening the popup sends this, not every key's summary.
 * @module
 */
import { providerName } from '../providers/catalog.ts';
import { rememberedFirst } from './site-memory.ts';
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
  /** The key the row offers: the one last used on the popup's site, else the provider's active key. */
  active: EntrySummary;
  keys: KeyChoice[];
  /** When a key of this provider was last used (0: never). */
  lastUsedAt: number;
}

/**
 * The groups of `summaries`: those with a key used on the popup's site first (the most
 * recent first; `usedHere` tells when a key was, undefined: never), then the most
 * recently used provider, then by name.
 */
export function providerGroups(summaries: Iterable<EntrySummary>, usedHere: (id: string) => number | undefined = () => undefined): ProviderGroup[] {
  const byProvider = new Map<string, EntrySummary[]>();
  for (const summary of summaries) {
    const keys = byProvider.get(summary.provider);
    if (keys) keys.push(summary);
    else byProvider.set(summary.provider, [summary]);
  }
  const groups = [...byProvider].map(([provider, unordered]) => {
    const keys = rememberedFirst(unordered, (key) => usedHere(key.id));
    const here = usedHere(keys[0]!.id);
    return {
      provider,
      name: providerName(provider),
      active: here === undefined ? (keys.find((key) => key.active) ?? keys[0]!) : keys[0]!,
      keys: keys.map(({ id, name, tags }) => ({ id, name, tags })),
      lastUsedAt: Math.max(0, ...keys.map((key) => key.lastUsedAt ?? 0)),
      here: here ?? -1,
    };
  });
  return groups.sort((a, b) => b.here - a.here || b.lastUsedAt - a.lastUsedAt || a.name.localeCompare(b.name)).map(({ here: _here, ...group }) => group);
}

/** Whether a key's change from `before` to `after` (undefined: absent) alters the groups: what `ProviderGroup` shows of it (provider, name, tags, recency; all of an active key). */
export function altersRow(before: EntrySummary | undefined, after: EntrySummary | undefined): boolean {
  if (!before || !after) return true;
  return (
    before.active ||
    after.active ||
    before.provider !== after.provider ||
    before.name !== after.name ||
    before.lastUsedAt !== after.lastUsedAt ||
    before.tags.join('\n') !== after.tags.join('\n')
  );
}
