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
  const { secret, validation, usedOn: _sites, ...rest } = entry;
  let brief: EntrySummary['validation'];
  if (validation) {
    const { models, ...others } = validation;
    brief = { ...others, ...(models ? { modelCount: models.length } : {}) };
  }
  return {
    ...rest,
    ...(brief ? { validation: brief } : {}),
    masked: maskSecret(secret),
    hasSecret: secret.length > 0,
    active: payload.active[entry.provider] === entry.id,
    admin: isAdminKey(entry),
  };
}
