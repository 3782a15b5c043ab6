/**
 * The synced header `h`: the vault's id, the KDF settings and the vault key wrapped
 * under the passphrase (as in the local header), the key's epoch (how many times the
 * passphrase changed), and, sealed under the vault key, the keys it replaced. That seal's
 * associated data is every other field, so only a holder of the vault key can make a
 * header that verifies: a number raised, a wrapping swapped or an old header sent back
 * never passes for a newer passphrase. Each replaced key also gets a retirement notice
 * sealed under itself, so a browser still on an old key can tell a real passphrase
 * change (which it then asks for) from a forged header (which it replaces).
 * @module
 */
import { z } from 'zod/mini';
import { KEY_LENGTH, open, seal } from '../crypto/aead.ts';
import { canonicalJson, fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/encoding.ts';
import type { Argon2idParams } from '../crypto/kdf.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { KdfSchema, SealedTextSchema } from '../vault/envelope-schema.ts';
import { PREVIOUS_KEYS, type KeyLineage, type WrappedKey } from '../vault/envelope.ts';
import { ENTRY_ID } from '../vault/payload-schema.ts';
import { SyncError } from './sync-error.ts';
import { words } from '../words.ts';

export const SYNC_FORMAT = 'ai-key-vault-sync';
export const SYNC_HEADER_KEY = 'h';
/** The header's version: 2 authenticates its epoch and wrapping (version 1 did not). */
export const SYNC_HEADER_VERSION = 2;

const LegacyHeaderSchema = z.object({ format: z.literal(SYNC_FORMAT), version: z.literal(1), vault: ENTRY_ID, kdf: KdfSchema, key: SealedTextSchema });

export const SyncHeaderSchema = z.strictObject({
  format: z.literal(SYNC_FORMAT),
  version: z.literal(SYNC_HEADER_VERSION),
  /** Random: tells this vault from another one synced by the same account. */
  vault: ENTRY_ID,
  kdf: KdfSchema,
  key: SealedTextSchema,
  /** How many times the vault key was replaced: the newest verified epoch wins. */
  epoch: z.int().check(z.nonnegative()),
  /** One notice per replaced key, sealed under that key: "this key was replaced at this epoch". */
  retires: z.array(SealedTextSchema).check(z.maxLength(PREVIOUS_KEYS)),
  /** The keys this one replaced, sealed under it; the seal authenticates every field above. */
  lineage: SealedTextSchema,
});
export type SyncHeader = z.infer<typeof SyncHeaderSchema>;

/** A header as read from the area: this version's, or an older one that proves nothing but its vault id. */
export type ReadHeader = { kind: 'current'; header: SyncHeader } | { kind: 'legacy'; vault: string; wrapped: WrappedKey };

function associatedData(header: Omit<SyncHeader, 'lineage'>): Uint8Array {
  const { format, version, vault, kdf, key, epoch, retires } = header;
  return utf8(canonicalJson(['lineage', format, version, vault, kdf, key, epoch, retires]));
}

function retirementData(vaultId: string, epoch: number): Uint8Array {
  return utf8(canonicalJson(['retired', SYNC_FORMAT, SYNC_HEADER_VERSION, vaultId, epoch]));
}

const sealed = (key: Uint8Array, plain: Uint8Array, ad: Uint8Array, random: RandomBytes) => {
  const { nonce, ciphertext } = seal(key, plain, ad, random);
  return { nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) };
};

/** The header that publishes `vault`'s wrapping and key line under the synced vault's id. */
export function buildSyncHeader(vaultId: string, vault: KeyLineage & { header: WrappedKey }, random: RandomBytes): SyncHeader {
  const retires = vault.previousKeys.map((old) => sealed(old, new Uint8Array(0), retirementData(vaultId, vault.epoch), random));
  const fields = { format: SYNC_FORMAT, version: SYNC_HEADER_VERSION, vault: vaultId, kdf: vault.header.kdf, key: vault.header.key, epoch: vault.epoch, retires } as const;
  const plain = utf8(JSON.stringify(vault.previousKeys.map(toBase64)));
  return { ...fields, lineage: sealed(vault.vaultKey, plain, associatedData(fields), random) };
}

/**
 * Whether `header` says that `vault`'s key was replaced by a newer one: a notice sealed
 * under that very key, for a later epoch. Only a holder of the key can write one.
 */
export function retiresKey(header: SyncHeader, vault: Pick<KeyLineage, 'vaultKey' | 'epoch'>): boolean {
  if (header.epoch <= vault.epoch) return false;
  const ad = retirementData(header.vault, header.epoch);
  return header.retires.some((notice) => {
    try {
      open(vault.vaultKey, { nonce: fromBase64(notice.nonce), ciphertext: fromBase64(notice.ciphertext) }, ad);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The key line a header carries, if `vaultKey` (the key it wraps, just unwrapped, or
 * this browser's own) verifies it; undefined when it does not.
 */
export function verifySyncHeader(header: SyncHeader, vaultKey: Uint8Array): KeyLineage | undefined {
  const { lineage, ...fields } = header;
  try {
    const plain = open(vaultKey, { nonce: fromBase64(lineage.nonce), ciphertext: fromBase64(lineage.ciphertext) }, associatedData(fields));
    const previous = z.array(z.string()).check(z.maxLength(PREVIOUS_KEYS)).parse(JSON.parse(fromUtf8(plain))).map((text) => fromBase64(text));
    if (previous.some((key) => key.length !== KEY_LENGTH)) return undefined;
    return { vaultKey, epoch: header.epoch, previousKeys: previous };
  } catch {
    return undefined;
  }
}

/** @throws SyncError `sync-damaged` for a header that is not a synced vault's. */
export function readSyncHeader(raw: unknown): ReadHeader {
  const current = SyncHeaderSchema.safeParse(raw);
  if (current.success) return { kind: 'current', header: current.data };
  const legacy = LegacyHeaderSchema.safeParse(raw);
  if (legacy.success) return { kind: 'legacy', vault: legacy.data.vault, wrapped: { kdf: legacy.data.kdf, key: legacy.data.key } };
  throw new SyncError('sync-damaged', words('errors.syncHeaderDamaged'));
}

/** Whether a header's KDF settings are within what this browser makes for a new vault (`cap`): no stronger ones run here. */
export function withinKdfCap(kdf: Argon2idParams, cap: Argon2idParams): boolean {
  return kdf.memoryKiB <= cap.memoryKiB && kdf.iterations <= cap.iterations && kdf.parallelism <= cap.parallelism;
}
