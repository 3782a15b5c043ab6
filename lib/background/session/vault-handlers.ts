/**
 * The vault's own requests: its state (create, unlock, lock, passphrase), the keys'
 * edits and settings, and one secret for one act (copy or reveal). (The list itself is
 * answered from the view: `view/view-handlers.ts`.)
 * @module
 */
import * as entries from '../../vault/entries.ts';
import { restoreEntry } from '../../vault/restore-entry.ts';
import { summarize } from '../../vault/summary.ts';
import { siteOf } from '../../web/address.ts';
import { disabledKeyError } from '../../vault/key-use.ts';
import type { Entry, Payload } from '../../vault/payload-schema.ts';
import type { VaultStatus } from '../../messages.ts';
import type { Handlers } from '../router.ts';
import type { Pending } from '../pending.ts';
import type { FullListing } from '../view/vault-view.ts';
import type { VaultSession } from './session.ts';

export interface VaultHandlerDeps {
  session: VaultSession;
  now: () => number;
  /** A fresh random entry id. */
  newId: () => string;
  /** A key was saved or its check target changed: check it soon. */
  checkSoon: (id: string) => void;
  /** A key was handed out for copying; the clipboard is to be cleared after `seconds`. */
  copied: (secret: string, seconds: number) => void;
  /** Keys deleted moments ago, in memory only, for "Undo" (forgotten when the vault locks). */
  deleted: Pending<Entry>;
  /** The first `count` keys in list order, from the view in memory (undefined when it is not open). */
  firstRows: (count: number) => FullListing | undefined;
}

/** Handlers for the vault's state, its keys and one secret at a time. */
export function vaultHandlers({ session, now, newId, checkSoon, copied, deleted, firstRows }: VaultHandlerDeps) {
  const status = async (): Promise<VaultStatus> => ({ state: await session.status() });
  // The vault just opened: a page that asked for its first rows gets them with the answer.
  const opened = async (first: number | undefined) => {
    const answer = await status();
    const listing = first && answer.state === 'unlocked' ? firstRows(first) : undefined;
    return listing ? { ...answer, listing } : answer;
  };
  const unchanged = (payload: Payload) => ({ payload, result: {} });
  const withSummary = ({ payload, entry }: { payload: Payload; entry: Payload['entries'][number] }) => ({ payload, result: { entry: summarize(entry, payload) } });

  return {
    status,
    create: async ({ passphrase, first }) => (await session.create(passphrase), opened(first)),
    unlock: async ({ passphrase, first }) => (await session.unlock(passphrase), opened(first)),
    lock: async () => (await session.lock(), status()),
    changePassphrase: async ({ current, next }) => (await session.changePassphrase(current, next), {}),
    addEntry: async ({ entry }) => {
      const added = await session.mutate((payload) => withSummary(entries.addEntry(payload, entry, newId(), now())));
      checkSoon(added.entry.id);
      return added;
    },
    updateEntry: async ({ id, changes, expectedUpdatedAt }) => {
      const updated = await session.mutate((payload) => withSummary(entries.updateEntry(payload, id, changes, now(), expectedUpdatedAt)));
      // A changed key, endpoint or provider drops the old result: check again.
      if (!updated.entry.validation) checkSoon(id);
      return updated;
    },
    deleteEntry: async ({ id }) => {
      const entry = await session.mutate((payload) => ({ payload: entries.deleteEntry(payload, id, now()), result: entries.findEntry(payload, id) }));
      return { undo: deleted.hold(entry) };
    },
    restoreEntry: async ({ token }) => {
      const entry = deleted.take(token);
      return session.mutate((payload) => withSummary(restoreEntry(payload, entry, now())));
    },
    entryModels: async ({ id }) => ({ models: await session.read((payload) => entries.findEntry(payload, id).validation?.models ?? []) }),
    setActive: ({ id, site }) => {
      const here = siteOf(site);
      return session.mutate((payload) => unchanged(entries.setActive(here ? entries.rememberOnSite(payload, id, here, now()) : payload, id)));
    },
    duplicateEntry: async ({ id }) => {
      const copy = await session.mutate((payload) => withSummary(entries.duplicateEntry(payload, id, newId(), now())));
      checkSoon(copy.entry.id);
      return copy;
    },
    // One queued step: find the key, refuse a disabled one unless confirmed, count the use.
    getSecret: async ({ id, purpose, allowDisabled }) => {
      const usable = (payload: Payload) => {
        const entry = entries.findEntry(payload, id);
        if (!entry.enabled && !allowDisabled) throw disabledKeyError(entry.name);
        return entry;
      };
      if (purpose === 'reveal') return { secret: await session.read((payload) => usable(payload).secret) };
      const answer = await session.mutate((payload) => {
        const used = entries.recordUse(payload, usable(payload).id, now());
        return { payload: used.payload, result: { secret: used.entry.secret, clearAfterSeconds: payload.settings.clipboardClearSeconds } };
      });
      if (answer.clearAfterSeconds !== null) copied(answer.secret, answer.clearAfterSeconds);
      return answer;
    },
    updateSettings: ({ settings }) =>
      session.mutate((payload) => {
        const next = entries.updateSettings(payload, settings);
        return { payload: next, result: { settings: next.settings } };
      }),
  } satisfies Partial<Handlers>;
}
