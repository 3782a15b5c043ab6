/**
 * Whether a binding substitutes right now, given its key as the vault holds it, and
 * how it looks on the options page. Pure.
 * @module
 */
import type { Entry } from '../vault/payload-schema.ts';
import type { Binding } from './binding.ts';
import { currentCounts, nextChange, pauseOf, PAUSE_WORDS, type Pause } from './limits.ts';
import { siteHost } from './site.ts';
import { substitutionFor, substitutionRule, type Substitution, type SubstitutionRule } from './substitution.ts';

/** Substituting (with how), paused by a limit, or off because of its key. */
export type BindingState = { substitution: Substitution } | { substitution: Substitution; pause: Pause } | { off: string };

/** The state of `binding` whose key is `entry` (undefined: deleted), at `now`, with `inFlight` uncounted requests. */
export function bindingState(binding: Binding, entry: Entry | undefined, now: number, inFlight = 0): BindingState {
  if (!entry) return { off: 'Its key is no longer in the vault.' };
  if (!entry.enabled) return { off: 'Its key is disabled.' };
  const substitution = substitutionFor(entry);
  if ('refusal' in substitution) return { off: substitution.refusal };
  const pause = pauseOf(binding.limits, binding.usage, now, inFlight);
  return pause ? { substitution, pause } : { substitution };
}

/** Is the binding substituting? */
export function isActive(state: BindingState): state is { substitution: Substitution } {
  return 'substitution' in state && !('pause' in state);
}

/**
 * The browser rules `bindings` ask for at `now` (with `inFlight` uncounted requests per
 * binding id), the bindings that have ended, and when this can next change by time alone.
 */
export function rulesAt(bindings: readonly Binding[], entries: readonly Entry[], now: number, inFlight: (bindingId: string) => number) {
  const rules: SubstitutionRule[] = [];
  const ended: Binding[] = [];
  let wake: number | undefined;
  for (const binding of bindings) {
    const state = bindingState(binding, entries.find(({ id }) => id === binding.entryId), now, inFlight(binding.id));
    if (isActive(state)) rules.push(substitutionRule(binding.ruleId, siteHost(binding.site), state.substitution));
    if ('pause' in state && state.pause === 'ended') ended.push(binding);
    const next = nextChange(binding.limits, binding.usage, now);
    if (next !== undefined) wake = Math.min(wake ?? next, next);
  }
  return { rules, ended, wake };
}

/** One binding as the options page shows it: never the key, and the stand-in only masked. */
export interface BindingView {
  id: string;
  site: string;
  keyName: string;
  provider: string;
  limits: Binding['limits'];
  today: number;
  total: number;
  lastUsedAt?: number;
  active: boolean;
  /** Why it does not substitute now, in words. */
  status?: string;
}

/** The view of `binding` at `now`. */
export function bindingView(binding: Binding, entry: Entry | undefined, now: number): BindingView {
  const state = bindingState(binding, entry, now);
  const status = 'off' in state ? state.off : 'pause' in state ? `Paused: ${PAUSE_WORDS[state.pause]}.` : undefined;
  return {
    id: binding.id,
    site: binding.site,
    keyName: entry?.name ?? 'Deleted key',
    provider: entry?.provider ?? '',
    limits: binding.limits,
    today: currentCounts(binding.usage, now).today,
    total: binding.usage.total,
    ...(binding.usage.lastUsedAt !== undefined ? { lastUsedAt: binding.usage.lastUsedAt } : {}),
    active: status === undefined,
    ...(status ? { status } : {}),
  };
}
