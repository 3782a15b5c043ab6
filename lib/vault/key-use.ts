/**
 * When a key should not be used without a second thought (disabled, expired, reported
 * as leaked or called invalid by its provider), in the same words on the pages and in
 * the background (by reference: the page or background says them). Free of schema code,
 * so pages bundle it without zod.
 * @module
 */
import { VaultError } from './errors.ts';
import { words, type Words } from '../words.ts';

/** What the rule needs to know of a key (an entry or its summary). */
export interface KeyUseFacts {
  name: string;
  enabled: boolean;
  expiresAt?: number | undefined;
  validation?: { status: string; message?: string | undefined; reason?: string | undefined } | undefined;
}

/** Why using `key` now deserves a confirmation, or undefined when it is fine. */
export function useConcern(key: KeyUseFacts, now: number): Words | undefined {
  if (!key.enabled) return words('keyUse.disabled', key.name);
  if (key.expiresAt !== undefined && key.expiresAt <= now) return words('keyUse.expired', key.name, new Date(key.expiresAt).toLocaleDateString());
  if (key.validation?.reason === 'leaked') return words('keyUse.leaked', key.name);
  if (key.validation?.status === 'invalid') return key.validation.message ? words('keyUse.invalidSaying', key.name, key.validation.message) : words('keyUse.invalid', key.name);
  return undefined;
}

/**
 * `useConcern` in English, for the options page until it says words by reference too
 * (issue 18: the options page moves to locales/en.yml on its own branch); then this goes.
 */
export function useWarning(key: KeyUseFacts, now: number): string | undefined {
  const concern = useConcern(key, now);
  if (!concern) return undefined;
  const [name, detail] = concern.values ?? [];
  if (concern.key === 'keyUse.disabled') return `“${name}” is disabled.`;
  if (concern.key === 'keyUse.expired') return `“${name}” expired on ${detail}.`;
  if (concern.key === 'keyUse.leaked') return `“${name}”: Reported as leaked — create a new key.`;
  return `The provider said “${name}” is invalid${detail ? `: ${detail}` : '.'}`;
}

/** The background's refusal to hand out a disabled key the user did not confirm. */
export function disabledKeyError(name: string): VaultError {
  return new VaultError('disabled', words('keyUse.disabledRefused', name));
}
