/**
 * Authenticated encryption: XChaCha20-Poly1305 with a fresh random 24-byte nonce per
 * seal. The 192-bit nonce makes random nonces safe for any number of seals under one key.
 * @module
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { secureRandomBytes, type RandomBytes } from './random.ts';

export const KEY_LENGTH = 32;
export const NONCE_LENGTH = 24;

/** A sealed value: the nonce and the ciphertext with its 16-byte tag. */
export interface Sealed {
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

/** Thrown when a ciphertext, its nonce or its associated data was altered, or the key is wrong. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
  constructor() {
    super('authentication failed');
  }
}

function assertKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== KEY_LENGTH) {
    throw new RangeError(`key must be ${KEY_LENGTH} bytes`);
  }
}

/**
 * Encrypts `plaintext` under `key`, binding `associatedData` (authenticated, not encrypted).
 * @throws RangeError if the key is not 32 bytes.
 */
export function seal(
  key: Uint8Array,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
  random: RandomBytes = secureRandomBytes,
): Sealed {
  assertKey(key);
  const nonce = random(NONCE_LENGTH);
  const ciphertext = xchacha20poly1305(key, nonce, associatedData).encrypt(plaintext);
  return { nonce, ciphertext };
}

/**
 * Decrypts and authenticates a sealed value.
 * @throws AuthenticationError if anything was altered or the key is wrong.
 */
export function open(key: Uint8Array, sealed: Sealed, associatedData: Uint8Array): Uint8Array {
  assertKey(key);
  if (sealed.nonce.length !== NONCE_LENGTH) throw new AuthenticationError();
  try {
    return xchacha20poly1305(key, sealed.nonce, associatedData).decrypt(sealed.ciphertext);
  } catch {
    throw new AuthenticationError();
  }
}
