/**
 * Requests about sync: its status, turning it on (or joining a synced vault) and off,
 * and a round now.
 * @module
 */
import type { Handlers } from '../router.ts';
import type { SyncEngine } from './sync-engine.ts';

/** Handlers for sync's status and switches. */
export function syncHandlers(engine: SyncEngine) {
  return {
    syncStatus: () => engine.status(),
    enableSync: ({ passphrase }) => engine.enable(passphrase),
    disableSync: () => engine.disable(),
    syncNow: async () => (await engine.syncNow(), engine.status()),
  } satisfies Partial<Handlers>;
}
