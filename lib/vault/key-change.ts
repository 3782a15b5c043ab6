/**
 * Moving a vault to another vault key, in one atomic write of every record and the
 * header: on a passphrase change (a fresh random key, so an old passphrase with any old
 * copy of the header opens nothing written since), on joining a synced vault, and on
 * taking a newer key made on another browser. The key it replaces is kept, sealed under
 * the new one, so old sync items still open; never the other way round.
 * @module
 */
import { KEY_LENGTH } from '../crypto/aead.ts';
import type { Argon2idParams } from '../crypto/kdf.ts';
import { secureRandomBytes } from '../crypto/random.ts';
import { HEADER_KEY, type StoredItems } from './envelope-schema.ts';
import type { Payload } from './payload-schema.ts';
import {
  PREVIOUS_KEYS,
  buildHeader,
  openVault,
  resealChanged,
  wrapKey,
  type KeyLineage,
  type OpenVault,
  type SealOptions,
  type SealedChange,
  type WrappedKey,
} from './envelope.ts';

const sameKey = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * Whether key line `a` (with its wrapping) is newer than `b`: a later epoch; at the same
 * epoch (two browsers changed the passphrase at once) the greater wrapped key, a rule
 * every browser applies alike.
 */
export function isNewerKey(a: { epoch: number; wrapped: WrappedKey }, b: { epoch: number; wrapped: WrappedKey }): boolean {
  return a.epoch > b.epoch || (a.epoch === b.epoch && a.wrapped.key.ciphertext > b.wrapped.key.ciphertext);
}

/**
 * Moves `vault` (with `payload`) to `lineage`'s key under `wrapped`, as the next
 * revision. Every record is sealed again unless the key stays the same.
 */
export function moveToKey(
  vault: OpenVault,
  wrapped: WrappedKey,
  lineage: KeyLineage,
  payload: Payload,
  { now = Date.now(), random = secureRandomBytes }: SealOptions = {},
): SealedChange {
  const sameVaultKey = sameKey(vault.vaultKey, lineage.vaultKey);
  const { pages, writes } = resealChanged({ vaultKey: lineage.vaultKey, pages: sameVaultKey ? vault.pages : new Map() }, payload, random);
  for (const name of vault.pages.keys()) {
    if (!pages.has(name)) throw new Error('an entry vanished without a tombstone');
  }
  const header = buildHeader({ ...wrapped, createdAt: vault.header.createdAt }, vault.header.revision + 1, lineage, payload, pages, now, random);
  return { vault: { ...lineage, header, payload, pages }, writes: { ...writes, [HEADER_KEY]: header } };
}

/** The lineage after replacing `vault`'s key with a fresh one. */
function rotated(vault: KeyLineage, random: typeof secureRandomBytes): KeyLineage {
  return { vaultKey: random(KEY_LENGTH), epoch: vault.epoch + 1, previousKeys: [vault.vaultKey, ...vault.previousKeys].slice(0, PREVIOUS_KEYS) };
}

/** Changes the passphrase: a fresh vault key under `newPassphrase` (new salt), every record sealed again. */
export async function changePassphrase(
  vault: OpenVault,
  newPassphrase: string,
  params: Argon2idParams,
  { now = Date.now(), random = secureRandomBytes }: SealOptions = {},
): Promise<SealedChange> {
  const lineage = rotated(vault, random);
  return moveToKey(vault, await wrapKey(lineage.vaultKey, newPassphrase, params, random), lineage, vault.payload, { now, random });
}

/**
 * Opens the stored vault with a key line made elsewhere (a synced header unwrapped with
 * the passphrase just typed), if that line reaches this vault and is newer than the
 * vault's own: the stored vault is then moved to it. Undefined when the line does not
 * open this vault or is not newer (an old header sent back), so nothing is taken.
 */
export function adoptNewerKey(items: StoredItems, wrapped: WrappedKey, lineage: KeyLineage, options: SealOptions = {}): SealedChange | undefined {
  for (const key of [lineage.vaultKey, ...lineage.previousKeys]) {
    let local: OpenVault;
    try {
      local = openVault(items, key);
    } catch {
      continue;
    }
    if (!isNewerKey({ epoch: lineage.epoch, wrapped }, { epoch: local.epoch, wrapped: local.header })) return undefined;
    return moveToKey(local, wrapped, lineage, local.payload, options);
  }
  return undefined;
}
