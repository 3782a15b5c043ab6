/**
 * The bindings as stored: one item sealed (XChaCha20-Poly1305) under a key derived from
 * the vault key, so sites, stand-ins, key ids and counts are never in the clear. A
 * passphrase change moves the vault to a new key; the item still opens with one of the
 * vault's previous keys and is sealed again under the new one. Pure.
 * @module
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod/mini';
import { open, seal, type Sealed } from '../crypto/aead.ts';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/encoding.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { BindingsSchema, type Binding } from './binding.ts';

/** The storage.local item that holds them. */
export const BINDINGS_ITEM = 'standIns';

const INFO = utf8('ai-key-vault stand-ins 1');
const ASSOCIATED = utf8(`ai-key-vault:${BINDINGS_ITEM}:1`);

const StoredSchema = z.strictObject({ v: z.literal(1), nonce: z.string(), ciphertext: z.string() });
export type StoredBindings = z.infer<typeof StoredSchema>;

/** The key that seals bindings, derived from a vault key (never the vault key itself). */
export function bindingsKey(vaultKey: Uint8Array): Uint8Array {
  return hkdf(sha256, vaultKey, undefined, INFO, 32);
}

/** Seals `bindings` under `key` (from `bindingsKey`). */
export function sealBindings(key: Uint8Array, bindings: readonly Binding[], random?: RandomBytes): StoredBindings {
  const sealed = seal(key, utf8(JSON.stringify({ bindings })), ASSOCIATED, random);
  return { v: 1, nonce: toBase64(sealed.nonce), ciphertext: toBase64(sealed.ciphertext) };
}

/**
 * Opens the stored item with the first of `keys` that fits (current key first).
 * @returns the bindings and the index of the key that opened them; undefined when nothing
 * is stored or no key fits (a vault older than the item's key, or another vault).
 */
export function openBindings(keys: readonly Uint8Array[], stored: unknown): { bindings: Binding[]; keyIndex: number } | undefined {
  const item = StoredSchema.safeParse(stored);
  if (!item.success) return undefined;
  let sealed: Sealed;
  try {
    sealed = { nonce: fromBase64(item.data.nonce), ciphertext: fromBase64(item.data.ciphertext) };
  } catch {
    return undefined;
  }
  for (const [keyIndex, key] of keys.entries()) {
    try {
      const parsed = BindingsSchema.safeParse(JSON.parse(fromUtf8(open(key, sealed, ASSOCIATED))));
      return parsed.success ? { bindings: parsed.data.bindings, keyIndex } : undefined;
    } catch {
      // Not this key: try the next.
    }
  }
  return undefined;
}
