/**
 * The pages' view of the vault: the key list and the popup's rows, answered from the
 * view in memory, never queued behind the session's work. Only when the view is closed
 * (locked, or a worker just started) is the session asked, which reopens it or says why not.
 * @module
 */
import { providerGroups } from '../../vault/provider-groups.ts';
import { usedOnAt } from '../../vault/site-memory.ts';
import type { Handlers } from '../router.ts';
import type { VaultSession } from '../session/session.ts';
import type { VaultView } from './vault-view.ts';

/** Handlers for the list and the popup's rows. */
export function viewHandlers(session: VaultSession, view: VaultView) {
  // After a worker restart the session reopens with the kept key and the view follows; locked: it throws why.
  const opened = async () => {
    if (!view.isOpen) await session.read(() => undefined);
  };
  return {
    listEntries: async ({ first }) => (await opened(), view.listing(first)),
    listChanges: async ({ since }) => (await opened(), view.catchUp(since)),
    popupList: async ({ site }) => {
      await opened();
      return { ...view.version, popup: view.popupVersion, groups: providerGroups(view.summaries(), (id) => usedOnAt(view.usedOn(id), site)) };
    },
  } satisfies Partial<Handlers>;
}
