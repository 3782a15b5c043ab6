/**
 * What an organization's admin key reads, in one shape for every provider: the
 * organization's keys (each with the provider's hint of it), spend per key, and the
 * organization's own totals for today and this month.
 * @module
 */

/** A key as its organization lists it. */
export interface OrgKey {
  /** The provider's id of the key (`key_…`, `apikey_…`). */
  id: string;
  /** The provider's hint of the key (`sk-proj-...9f2c`). */
  hint: string;
  name?: string;
  /** The project or workspace it belongs to. */
  project?: { id: string; name?: string };
  lastUsedAt?: number;
  /** Whether it still works (Anthropic lists inactive and archived keys too). */
  active: boolean;
}

/** One key's spend this month; dollars where the provider gives them per key, tokens and requests where it gives those. */
export interface KeySpend {
  today?: number;
  month?: number;
  requests?: number;
  tokens?: number;
}

/** An organization as its admin key sees it. */
export interface OrgReport {
  /** The organization's name, where the provider says it. */
  name?: string;
  keys: OrgKey[];
  perKey: Map<string, KeySpend>;
  /** The organization's dollars today and this month (UTC). */
  today: number;
  month: number;
}

/** Adds `more` to the spend of `id`. */
export function addSpend(perKey: Map<string, KeySpend>, id: string, more: KeySpend): void {
  const spend = perKey.get(id) ?? {};
  for (const field of ['today', 'month', 'requests', 'tokens'] as const) {
    if (more[field] !== undefined) spend[field] = (spend[field] ?? 0) + more[field];
  }
  perKey.set(id, spend);
}
