/**
 * Which keys to offer for a field, and which one a one-key act (the fill shortcut) takes.
 * @module
 */
import type { Entry, Payload } from '../vault/payload-schema.ts';

const recency = (entry: Entry) => entry.lastUsedAt ?? entry.updatedAt;

/**
 * The enabled keys with a secret, those of the hinted providers first (in hint order,
 * each provider's active key before its others), then the rest by last use.
 */
export function rankKeys(payload: Payload, hints: readonly string[]): Entry[] {
  const usable = payload.entries.filter((entry) => entry.enabled && entry.secret !== '');
  const rank = (entry: Entry) => {
    const hint = hints.indexOf(entry.provider);
    return hint === -1 ? hints.length : hint;
  };
  const isActive = (entry: Entry) => (payload.active[entry.provider] === entry.id ? 0 : 1);
  return usable.sort((a, b) => rank(a) - rank(b) || isActive(a) - isActive(b) || recency(b) - recency(a));
}

/**
 * The keys the inline menu offers on a site: only those of providers that fit it
 * (`fitting`; undefined on a site the user turned on, where any provider may), narrowed
 * to the field's hinted providers when that leaves any. Hints only narrow: they never
 * add a provider the site does not take.
 */
export function keysForSite(payload: Payload, fitting: readonly string[] | undefined, hints: readonly string[]): Entry[] {
  const fits = rankKeys(payload, hints).filter((entry) => !fitting || fitting.includes(entry.provider));
  const hinted = fits.filter((entry) => hints.includes(entry.provider));
  return hinted.length > 0 ? hinted : fits;
}

/** The one key the fill shortcut uses: the best of `rankKeys`. */
export function bestKey(payload: Payload, hints: readonly string[]): Entry | undefined {
  return rankKeys(payload, hints)[0];
}
