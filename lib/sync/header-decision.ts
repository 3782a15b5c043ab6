/**
 * What a sync round does with the header it finds in the area, given this browser's open
 * vault: keep it, publish this browser's own (with every key sealed again under the
 * current vault key), or refuse to go on. Pure.
 * @module
 */
import type { KeyLineage, WrappedKey } from '../vault/envelope.ts';
import { isNewerKey } from '../vault/key-change.ts';
import { retiresKey, verifySyncHeader, type ReadHeader } from './sync-header.ts';

/**
 * Keep the area's header; publish ours (`replace`: over a newer one that must be forged,
 * which the user is told of); or stop: the passphrase was changed elsewhere (`retired`)
 * or at the same time (`outranked`).
 */
export type HeaderDecision = 'keep' | 'publish' | 'replace' | 'retired' | 'outranked';

const sameWrapping = (a: WrappedKey, b: WrappedKey) => a.key.nonce === b.key.nonce && a.key.ciphertext === b.key.ciphertext;

/**
 * - none, or an older version's header (unauthenticated): publish ours;
 * - verified by our key: keep it when it is ours, else publish ours (we hold the key);
 * - not verified and not newer than ours: an old or forged header, publish ours;
 * - not verified, newer, and retiring our key: the passphrase was changed on another
 *   browser: stop until it is typed here;
 * - not verified, newer, of our own epoch: changed elsewhere at the same time, and that
 *   change outranks ours: stop likewise;
 * - not verified, of a later epoch, without a notice for our key: forged, replace it.
 */
export function decideHeader(found: ReadHeader | undefined, vault: KeyLineage & { header: WrappedKey }): HeaderDecision {
  if (!found || found.kind === 'legacy') return 'publish';
  const { header } = found;
  if (verifySyncHeader(header, vault.vaultKey)) return header.epoch === vault.epoch && sameWrapping(header, vault.header) ? 'keep' : 'publish';
  if (!isNewerKey({ epoch: header.epoch, wrapped: header }, { epoch: vault.epoch, wrapped: vault.header })) return 'publish';
  if (retiresKey(header, vault)) return 'retired';
  return header.epoch === vault.epoch ? 'outranked' : 'replace';
}
