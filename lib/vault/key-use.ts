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

/** The background's refusal to hand out a disabled key the user did not confirm. */
export function disabledKeyError(name: string): VaultError {
  return new VaultError('disabled', words('keyUse.disabledRefused', name));
}
