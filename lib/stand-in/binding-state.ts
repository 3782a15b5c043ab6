/**
 * Whether a binding substitutes right now, given its key as the vault holds it, and
 * how it looks on the options page. Pure: its words are by reference, said by the caller.
 * @module
 */
import type { Entry } from '../vault/payload-schema.ts';
import type { Binding } from './binding.ts';
import { currentCounts, nextChange, pauseOf, type Pause } from './limits.ts';
import { words, type MessageKey, type Words } from '../words.ts';
import { siteHost } from './site.ts';
import { substitutionFor, substitutionRule, type Substitution, type SubstitutionRule } from './substitution.ts';

/** Substituting (with how), paused by a limit, or off because of its key. */
export type BindingState = { substitution: Substitution } | { substitution: Substitution; pause: Pause } | { off: Words };

/** The state of `binding` whose key is `entry` (undefined: deleted), at `now`, with `inFlight` uncounted requests. */
export function bindingState(binding: Binding, entry: Entry | undefined, now: number, inFlight = 0): BindingState {
  if (!entry) return { off: words('background.standInKeyGone') };
  if (!entry.enabled) return { off: words('background.standInKeyOff') };
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

/** Why a binding is paused, by the limit that paused it. */
const PAUSED: Readonly<Record<Pause, MessageKey>> = {
  day: 'background.standInPausedDay',
  minute: 'background.standInPausedMinute',
  ended: 'background.standInPausedEnded',
};

/** The view of `binding` at `now`, its words said by `say` (the caller's i18n). */
export function bindingView(binding: Binding, entry: Entry | undefined, now: number, say: (words: Words) => string): BindingView {
  const state = bindingState(binding, entry, now);
  const status = 'off' in state ? say(state.off) : 'pause' in state ? say(words(PAUSED[state.pause])) : undefined;
  return {
    id: binding.id,
    site: binding.site,
    keyName: entry?.name ?? say(words('background.deletedKey')),
    provider: entry?.provider ?? '',
    limits: binding.limits,
    today: currentCounts(binding.usage, now).today,
    total: binding.usage.total,
    ...(binding.usage.lastUsedAt !== undefined ? { lastUsedAt: binding.usage.lastUsedAt } : {}),
    active: status === undefined,
    ...(status ? { status } : {}),
  };
}
