/**
 * When a key should not be used without a second thought (disabled, expired, reported
 * as leaked or called invalid by its provider), in the same words on the pages and in
 * the background. Free of schema code, so pages bundle it without zod.
 * @module
 */
import { VaultError } from './errors.ts';
import { LEAKED_ADVICE } from '../providers/leaked-advice.ts';

/** What the rule needs to know of a key (an entry or its summary). */
export interface KeyUseFacts {
  name: string;
  enabled: boolean;
  expiresAt?: number | undefined;
  validation?: { status: string; message?: string | undefined; reason?: string | undefined } | undefined;
}

const disabledWords = (name: string) => `“${name}” is disabled.`;

/** Why using `key` now deserves a confirmation, or undefined when it is fine. */
export function useWarning(key: KeyUseFacts, now: number): string | undefined {
  if (!key.enabled) return disabledWords(key.name);
  if (key.expiresAt !== undefined && key.expiresAt <= now) return `“${key.name}” expired on ${new Date(key.expiresAt).toLocaleDateString()}.`;
  if (key.validation?.reason === 'leaked') return `“${key.name}”: ${LEAKED_ADVICE}.`;
  if (key.validation?.status === 'invalid') return `The provider said “${key.name}” is invalid${key.validation.message ? `: ${key.validation.message}` : '.'}`;
  return undefined;
}

/** The background's refusal to hand out a disabled key the user did not confirm. */
export function disabledKeyError(name: string): VaultError {
  return new VaultError('disabled', `${disabledWords(name)} Enable it, or confirm to use it anyway.`);
}
