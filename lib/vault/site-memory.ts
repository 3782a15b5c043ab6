/**
 * Site memory: the sites a key was last filled (or given as a stand-in, or chosen in the
 * popup) on, so the popup and the inline menu offer that key first there. Kept on each
 * entry as a device-local part, inside the sealed record like the key itself: the sites a
 * person visits are never stored in the clear and never synced.
 * @module
 */
import { z } from 'zod/mini';

/** Sites remembered per key at most (the oldest goes). */
export const MAX_REMEMBERED_SITES = 20;

/** A remembered site: its origin (`https://host[:port]`). */
const SITE = z.string().check(z.minLength(1), z.maxLength(300));

/** The entry's field: site origin → when the key was last used there. */
export const SiteMemorySchema = z.record(SITE, z.int().check(z.nonnegative()));
export type SiteMemory = z.infer<typeof SiteMemorySchema>;

/** `memory` with `site` used at `now`: at most MAX_REMEMBERED_SITES, the most recent kept. */
export function rememberSite(memory: SiteMemory | undefined, site: string, now: number): SiteMemory {
  const others = Object.entries(memory ?? {}).filter(([known]) => known !== site);
  const kept = others.sort((a, b) => b[1] - a[1]).slice(0, MAX_REMEMBERED_SITES - 1);
  return Object.fromEntries([[site, now], ...kept]);
}

/** When a key with `memory` was last used on `site` (undefined: never). */
export function usedOnAt(memory: SiteMemory | undefined, site: string | undefined): number | undefined {
  return site && memory && Object.hasOwn(memory, site) ? memory[site] : undefined;
}

/**
 * `keys` with those used on the site first, the most recent first; the others keep
 * their order. `usedAt` tells when a key was used there (undefined: never).
 */
export function rememberedFirst<T>(keys: readonly T[], usedAt: (key: T) => number | undefined): T[] {
  const at = keys.map((key, index) => ({ key, index, used: usedAt(key) ?? -1 }));
  return at.sort((a, b) => b.used - a.used || a.index - b.index).map(({ key }) => key);
}
