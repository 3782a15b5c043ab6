/**
 * What unlock asks of sync: a newer wrapping of the vault key in the sync area (the
 * passphrase was changed on another browser). Reads only; the engine owns the state.
 * @module
 */
import type { WrappedKey } from '../../vault/envelope.ts';
import { SYNC_HEADER_KEY, parseSyncHeader } from '../../sync/sync-items.ts';
import type { SyncArea } from './sync-engine.ts';
import type { SyncStateStore } from './sync-state.ts';

/** The area's wrapping when sync is on, it is this vault's, and it is newer than this browser's. */
export async function newerSyncedWrapping(area: SyncArea, state: SyncStateStore): Promise<WrappedKey | undefined> {
  const current = await state.read();
  if (!current.enabled) return undefined;
  const raw = (await area.get(null))[SYNC_HEADER_KEY];
  if (raw === undefined) return undefined;
  const header = parseSyncHeader(raw);
  return header.vault === current.vault && header.keyChangedAt > (current.keyChangedAt ?? 0) ? header : undefined;
}
