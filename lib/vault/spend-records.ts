/**
 * Pure payload operations for spend: storing what providers reported, budgets, and a key
 * revoked at its provider. Each returns a new payload (the same one when nothing
 * changed) and leaves its input alone.
 * @module
 */
import type { Payload } from './payload-schema.ts';
import type { Usage } from './usage-schema.ts';
import { checkTarget, findEntry } from './entries.ts';
import { VaultError } from './errors.ts';
import { words } from '../words.ts';

/** Usage read for one key; `target` is its `checkTarget` when the read began. */
export interface UsageUpdate {
  id: string;
  target: string;
  /** The new usage; undefined removes what was stored. */
  usage: Usage | undefined;
}

/** Stores usage on keys that still exist and still hold the key that was read; not an edit (`updatedAt` stays). */
export function recordUsage(payload: Payload, updates: readonly UsageUpdate[]): Payload {
  const byId = new Map(updates.map((update) => [update.id, update]));
  let changed = false;
  const entries = payload.entries.map((entry) => {
    const update = byId.get(entry.id);
    if (!update || checkTarget(entry) !== update.target) return entry;
    if (JSON.stringify(entry.usage) === JSON.stringify(update.usage)) return entry;
    changed = true;
    const { usage: _old, ...rest } = entry;
    return update.usage ? { ...rest, usage: update.usage } : rest;
  });
  return changed ? { ...payload, entries } : payload;
}

/** Sets (or, with undefined, removes) a key's monthly budget; device-local, not an edit. */
export function setKeyBudget(payload: Payload, id: string, budget: number | undefined): Payload {
  const current = findEntry(payload, id);
  const { budget: _old, ...rest } = current;
  const entry = budget === undefined ? rest : { ...rest, budget };
  return { ...payload, entries: payload.entries.map((e) => (e.id === id ? entry : e)) };
}

/** Sets (or, with undefined, removes) a provider's monthly budget. */
export function setProviderBudget(payload: Payload, provider: string, budget: number | undefined): Payload {
  const { [provider]: _old, ...others } = payload.settings.providerBudgets ?? {};
  const providerBudgets = budget === undefined ? others : { ...others, [provider]: budget };
  const { providerBudgets: _before, ...settings } = payload.settings;
  return { ...payload, settings: Object.keys(providerBudgets).length ? { ...settings, providerBudgets } : settings };
}

/**
 * The key was revoked at its provider: it is disabled (an edit, which travels with sync)
 * and this browser records when.
 * @throws VaultError `not-found`, or `conflict` when the entry now holds another key than the one revoked.
 */
export function markRevoked(payload: Payload, id: string, target: string, now: number): Payload {
  const current = findEntry(payload, id);
  if (checkTarget(current) !== target) throw new VaultError('conflict', words('errors.revokedKeyChanged', current.name));
  const entry = { ...current, enabled: false, revokedAt: now, updatedAt: Math.max(now, current.updatedAt + 1) };
  return { ...payload, entries: payload.entries.map((e) => (e.id === id ? entry : e)) };
}
