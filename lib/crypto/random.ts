/**
 * Randomness, injectable so tests can be deterministic.
 * @module
 */
import { randomBytes as nobleRandomBytes } from '@noble/ciphers/utils.js';

/** Returns `length` random bytes. */
export type RandomBytes = (length: number) => Uint8Array;

/** Cryptographically secure randomness from the platform (crypto.getRandomValues). */
export const secureRandomBytes: RandomBytes = (length) => nobleRandomBytes(length);
