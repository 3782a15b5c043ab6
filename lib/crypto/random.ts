/**
 * Randomness, injectable so tests can be deterministic.
 * @module
 */
import { randomBytes as nobleRandomBytes } from '@noble/ciphers/utils.js';

/** Returns `length` random bytes. */
export type RandomBytes = (length: number) => Uint8Array;

/** Cryptographically secure randomness from the platform (crypto.getRandomValues). */
export const secureRandomBytes: RandomBytes = (length) => nobleRandomBytes(length);

/** A random 128-bit id in hex (32 characters): entry ids, vault ids, one-time tokens. */
export function randomId(random: RandomBytes = secureRandomBytes): string {
  return Array.from(random(16), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
