/**
 * The sync area's key items: the keys travel in 32 groups (`g00`…`g1f`, by the first byte
 * of their id), each sealed under the vault key and bound to its vault and group. One
 * nonce, tag and item name per group instead of per key leaves room for over 300 keys
 * in the area's 100 KB. A group is written whole: a browser writes the versions it has
 * of every key in it, and a version another browser's write pushed out is published
 * again by the browser that has it, at its next round.
 * @module
 */
import { z } from 'zod/mini';
import { open, seal, NONCE_LENGTH } from '../crypto/aead.ts';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/encoding.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { SYNC_FORMAT } from './sync-header.ts';
import { decodeVersion, encodeVersion } from './version-codec.ts';
import type { SyncedVersion } from './synced-version.ts';
import { SyncError } from './sync-error.ts';
import { words } from '../words.ts';

export const GROUP_PREFIX = 'g';
/** How many groups the keys are spread over. */
export const GROUPS = 32;
const GROUP_NAME = /^[0-9a-f]{2}$/;

/** The group of the record with `id`. */
export const groupOf = (id: string): string => (parseInt(id.slice(0, 2), 16) % GROUPS).toString(16).padStart(2, '0');

/** The item key of a group. */
export const groupKey = (group: string): string => GROUP_PREFIX + group;

/** Whether `key` names a group item. */
export const isGroupKey = (key: string): boolean => key.startsWith(GROUP_PREFIX) && GROUP_NAME.test(key.slice(GROUP_PREFIX.length));

function associatedData(vaultId: string, group: string): Uint8Array {
  return utf8(JSON.stringify([SYNC_FORMAT, 2, vaultId, 'group', group]));
}

/** Seals the versions of one group as the value of its item: base64 of nonce and ciphertext. */
export function sealGroup(vaultKey: Uint8Array, vaultId: string, group: string, versions: readonly SyncedVersion[], random: RandomBytes): string {
  const plain = utf8(JSON.stringify(versions.map(encodeVersion)));
  const { nonce, ciphertext } = seal(vaultKey, plain, associatedData(vaultId, group), random);
  const joined = new Uint8Array(nonce.length + ciphertext.length);
  joined.set(nonce);
  joined.set(ciphertext, nonce.length);
  return toBase64(joined);
}

/**
 * Opens one group item with the vault key or a key it replaced (items written before a
 * passphrase change).
 * @throws SyncError `sync-damaged` when it was altered, moved, truncated or is not ours.
 */
export function openGroup(vaultKeys: readonly Uint8Array[], vaultId: string, key: string, value: unknown): SyncedVersion[] {
  const group = key.slice(GROUP_PREFIX.length);
  if (!isGroupKey(key) || typeof value !== 'string') throw damaged();
  let encoded: unknown;
  try {
    const joined = fromBase64(value);
    const sealed = { nonce: joined.slice(0, NONCE_LENGTH), ciphertext: joined.slice(NONCE_LENGTH) };
    const plain = vaultKeys.map((vaultKey) => tryOpen(vaultKey, sealed, associatedData(vaultId, group))).find((opened) => opened !== undefined);
    if (!plain) throw damaged();
    encoded = JSON.parse(fromUtf8(plain));
  } catch {
    throw damaged();
  }
  const list = z.array(z.unknown()).safeParse(encoded);
  if (!list.success) throw damaged();
  const versions = list.data.map(decodeVersion);
  if (versions.some((version) => version === undefined || groupOf(version.id) !== group)) throw damaged();
  return versions as SyncedVersion[];
}

function tryOpen(vaultKey: Uint8Array, sealed: { nonce: Uint8Array; ciphertext: Uint8Array }, ad: Uint8Array): Uint8Array | undefined {
  try {
    return open(vaultKey, sealed, ad);
  } catch {
    return undefined;
  }
}

function damaged(): SyncError {
  return new SyncError('sync-damaged', words('errors.syncItemDamaged'));
}
