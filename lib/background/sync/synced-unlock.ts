/**
 * What unlock asks of sync: the synced header of the vault this browser belongs to (on
 * or off: a passphrase changed elsewhere applies here either way), of this version
 * (authenticated), within this browser's KDF settings — nothing stronger ever runs
 * here. Reads only; the engine owns the state, and unlock verifies the rest (see
 * `VaultSession.unlock`).
 * @module
 */
import type { Argon2idParams } from '../../crypto/kdf.ts';
import { SYNC_HEADER_KEY, readSyncHeader, retiresKey, verifySyncHeader, withinKdfCap } from '../../sync/sync-header.ts';
import type { AlternateWrapping } from '../session/session.ts';
import type { SyncArea } from './sync-engine.ts';
import type { SyncStateStore } from './sync-state.ts';

/** The synced header as a wrapping unlock may try, or undefined. */
export async function syncedWrapping(area: SyncArea, state: SyncStateStore, kdfCap: Argon2idParams): Promise<AlternateWrapping | undefined> {
  const current = await state.read();
  if (!current.vault) return undefined;
  const raw = (await area.get(SYNC_HEADER_KEY))[SYNC_HEADER_KEY];
  if (raw === undefined) return undefined;
  let found;
  try {
    found = readSyncHeader(raw);
  } catch {
    return undefined;
  }
  if (found.kind !== 'current' || found.header.vault !== current.vault || !withinKdfCap(found.header.kdf, kdfCap)) return undefined;
  const { header } = found;
  return { wrapped: header, lineageOf: (vaultKey) => verifySyncHeader(header, vaultKey), retires: (vault) => retiresKey(header, vault) };
}
