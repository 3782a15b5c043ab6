/**
 * What pages see of an entry: everything but the secret, which is masked.
 * @module
 */
import type { Entry, Payload } from './payload-schema.ts';
import { isAdminKey } from '../providers/admin-key.ts';

type Validation = NonNullable<Entry['validation']>;

export type EntrySummary = Omit<Entry, 'secret' | 'validation' | 'usedOn'> & {
  /** The last check, with the number of models instead of their list (which can be long). */
  validation?: Omit<Validation, 'models'> & { modelCount?: number };
  /** First 4 … last 4 characters, or dots for keys too short to show any. */
  masked: string;
  hasSecret: boolean;
  active: boolean;
  /** An organization admin key, by its shape. */
  admin: boolean;
};

/** Masks a secret as first 4 … last 4; short secrets show nothing of themselves. */
export function maskSecret(secret: string): string {
  if (!secret) return '';
  if (secret.length < 16) return '••••••••';
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}

/** The entry without its secret, nor the sites it was filled on (the background alone reads those). */
export function summarize(entry: Entry, payload: Payload): EntrySummary {
  // One copy of the entry, its own fields then set on it: an object literal with two
  // spreads is built property by property, several times slower at 10,000 keys.
  const { secret, validation, usedOn: _sites, ...rest } = entry;
  const summary = rest as EntrySummary;
  if (validation) {
    const { models, ...others } = validation;
    summary.validation = models ? { ...others, modelCount: models.length } : others;
  }
  summary.masked = maskSecret(secret);
  summary.hasSecret = secret.length > 0;
  summary.active = payload.active[entry.provider] === entry.id;
  summary.admin = isAdminKey(entry);
  return summary;
}
