/**
 * Changes to the list of bindings, and which binding a request belongs to. Pure: the
 * list and the vault's keys go in, a new list comes out.
 * @module
 */
import { randomId, type RandomBytes } from '../crypto/random.ts';
import type { Entry } from '../vault/payload-schema.ts';
import { DEFAULT_PER_DAY, type Binding, type Limits } from './binding.ts';
import { freshUsage } from './limits.ts';
import { siteHost } from './site.ts';
import { makeStandIn } from './stand-in-token.ts';
import { substitutionFor, withinDomain } from './substitution.ts';

const apiHostOf = (entry: Entry | undefined) => {
  const substitution = entry && substitutionFor(entry);
  return substitution && 'apiHost' in substitution ? substitution.apiHost : undefined;
};

/**
 * `bindings` with `site` bound to `entry`: the binding it has already, or `fresh` (made
 * only when needed) in place of any binding of the site to a key of the same API host,
 * whose stand-in then stops working (one rule per site and API host).
 */
export function withBinding(bindings: readonly Binding[], entries: readonly Entry[], entry: Entry, site: string, fresh: () => Binding): { bindings: Binding[]; binding: Binding; created: boolean } {
  const existing = bindings.find((binding) => binding.site === site && binding.entryId === entry.id);
  if (existing) return { bindings: [...bindings], binding: existing, created: false };
  const apiHost = apiHostOf(entry);
  const replaced = (binding: Binding) => binding.site === site && apiHostOf(entries.find(({ id }) => id === binding.entryId)) === apiHost;
  const binding = fresh();
  return { bindings: [...bindings.filter((other) => !replaced(other)), binding], binding, created: true };
}

/** A new binding of `site` to `entry`, with a new stand-in, the default limits and the next free rule id. */
export function newBinding(bindings: readonly Binding[], entry: Entry, site: string, now: number, random: RandomBytes): Binding {
  return {
    id: randomId(random),
    ruleId: Math.max(0, ...bindings.map(({ ruleId }) => ruleId)) + 1,
    site,
    entryId: entry.id,
    standIn: makeStandIn(entry.provider, random),
    limits: { perDay: DEFAULT_PER_DAY },
    usage: freshUsage(now),
    createdAt: now,
  };
}

/** `bindings` with `id`'s limits replaced. */
export function withLimits(bindings: readonly Binding[], id: string, limits: Limits): Binding[] {
  return bindings.map((binding) => (binding.id === id ? { ...binding, limits } : binding));
}

/** The request a browser reported: where it went, who started it, and (once sent) the value of the header a binding sets. */
export interface RequestFacts {
  host: string;
  initiatorHost: string;
  /** The request's headers as sent, names in lower case (absent before they are). */
  headers?: ReadonlyMap<string, string>;
}

/**
 * The binding whose rule a request matches (from its site, or a host under it, to its
 * key's API host), and, when the headers are known, only one whose key they carry.
 */
export function bindingForRequest(bindings: readonly Binding[], entries: readonly Entry[], request: RequestFacts): Binding | undefined {
  return bindings.find((binding) => {
    const entry = entries.find(({ id }) => id === binding.entryId);
    const substitution = entry && substitutionFor(entry);
    if (!substitution || 'refusal' in substitution) return false;
    if (!withinDomain(request.host, substitution.apiHost) || !withinDomain(request.initiatorHost, siteHost(binding.site))) return false;
    return !request.headers || request.headers.get(substitution.header) === substitution.value;
  });
}
