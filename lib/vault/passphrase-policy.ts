/**
 * Rules for a new master passphrase: a minimum length (enforced by the background) and
 * a rough strength estimate (to warn, not to forbid).
 * @module
 */

export const MIN_PASSPHRASE_LENGTH = 10;

const COMMON = ['password', 'passw0rd', 'qwerty', 'azerty', '123456', 'letmein', 'welcome', 'iloveyou', 'admin', 'abc123', 'monkey', 'dragon'];

export type Strength = 'weak' | 'fair' | 'strong';

/** Bits of a brute-force search over the character classes used, minus obvious patterns. */
export function estimateBits(passphrase: string): number {
  const lower = passphrase.toLowerCase();
  if (COMMON.some((word) => lower.includes(word))) return Math.min(20, passphrase.length * 2);
  if (/^(.)\1*$/.test(passphrase)) return 4;
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/\d/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z\d]/.test(passphrase)) pool += 33;
  const distinct = new Set(passphrase).size;
  // Many repeats of few characters are far weaker than the length suggests.
  const effectiveLength = Math.min(passphrase.length, distinct * 3);
  return Math.round(effectiveLength * Math.log2(Math.max(pool, 2)));
}

export function strengthOf(passphrase: string): Strength {
  const bits = estimateBits(passphrase);
  if (bits < 60) return 'weak';
  if (bits < 80) return 'fair';
  return 'strong';
}
