/**
 * Passphrase → key-encryption key with argon2id (RFC 9106).
 *
 * Two implementations give the same bytes: ours in WebAssembly (`argon2id.ts`, many
 * times faster, so a strong setting still unlocks in well under a second) and
 * @noble/hashes' JavaScript build, used where WebAssembly is unavailable. Tests check
 * they agree.
 * @module
 */
import { argon2id as argon2idJs } from '@noble/hashes/argon2.js';
import { argon2idWasm } from './argon2id.ts';

export interface Argon2idParams {
  /** Memory in KiB. */
  memoryKiB: number;
  /** Passes over memory. */
  iterations: number;
  /** Lanes. */
  parallelism: number;
}

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane. Nothing weaker is accepted. */
export const MINIMUM_PARAMS: Readonly<Argon2idParams> = {
  memoryKiB: 19 * 1024,
  iterations: 2,
  parallelism: 1,
};

/** The default for new vaults: 64 MiB, 3 passes, 1 lane (Bitwarden's default strength). */
export const DEFAULT_PARAMS: Readonly<Argon2idParams> = {
  memoryKiB: 64 * 1024,
  iterations: 3,
  parallelism: 1,
};

/** Upper bounds that keep a tampered header from making unlock hang or exhaust memory. */
export const MAXIMUM_PARAMS: Readonly<Argon2idParams> = {
  memoryKiB: 1024 * 1024,
  iterations: 20,
  parallelism: 8,
};

export const SALT_LENGTH = 16;
const KEY_LENGTH = 32;

/** Which implementation to use; `auto` prefers WebAssembly. */
export type KdfEngine = 'auto' | 'wasm' | 'js';

/**
 * Checks that params lie between the minimum and maximum.
 * @throws RangeError naming the parameter that is out of range.
 */
export function assertParams(params: Argon2idParams): void {
  for (const name of ['memoryKiB', 'iterations', 'parallelism'] as const) {
    const value = params[name];
    if (!Number.isInteger(value) || value < MINIMUM_PARAMS[name] || value > MAXIMUM_PARAMS[name]) {
      throw new RangeError(
        `${name} must be an integer from ${MINIMUM_PARAMS[name]} to ${MAXIMUM_PARAMS[name]}`,
      );
    }
  }
}

/**
 * Derives a 32-byte key from a passphrase and a 16-byte salt.
 * @throws RangeError for params out of range or a salt of the wrong length.
 */
export async function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  params: Argon2idParams,
  engine: KdfEngine = 'auto',
): Promise<Uint8Array> {
  assertParams(params);
  if (salt.length !== SALT_LENGTH) throw new RangeError(`salt must be ${SALT_LENGTH} bytes`);
  const password = passphrase.normalize('NFC');
  if (engine !== 'js' && typeof WebAssembly === 'object') {
    try {
      return await argon2idWasm(new TextEncoder().encode(password), salt, params, KEY_LENGTH);
    } catch (error) {
      // A CSP without 'wasm-unsafe-eval' refuses to compile: fall back to JavaScript.
      if (engine === 'wasm') throw error;
    }
  }
  return argon2idJs(password, salt, {
    m: params.memoryKiB,
    t: params.iterations,
    p: params.parallelism,
    dkLen: KEY_LENGTH,
  });
}
