/**
 * The popup's search: the provider rows whose provider name, key names or tags hold
 * every word typed.
 * @module
 */
import type { ProviderGroupView } from '../../lib/messages.ts';

/** The groups matching `query` (all of them for an empty one), in their order. */
export function matchingGroups(groups: readonly ProviderGroupView[], query: string): ProviderGroupView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  return groups.filter((group) => {
    const text = [group.name, ...group.keys.flatMap((key) => [key.name, ...key.tags])].join('\n').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
