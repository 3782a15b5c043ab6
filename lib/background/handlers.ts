/**
 * What each request does. Secrets leave only through `getSecret`, one at a time.
 * @module
 */
import { bytesToHex } from '@noble/ciphers/utils.js';
import { secureRandomBytes } from '../crypto/random.ts';
import * as entries from '../vault/entries.ts';
import { summarize } from '../vault/summary.ts';
import type { Payload } from '../vault/payload-schema.ts';
import type { VaultStatus } from '../messages.ts';
import type { Handlers } from './router.ts';
import type { VaultSession } from './session.ts';
import type { Checks } from './checks.ts';
import { VaultError } from '../vault/errors.ts';
import { BackgroundError } from './errors.ts';

const newId = () => bytesToHex(secureRandomBytes(16));

type CoreHandlers = Omit<
  Handlers,
  | 'previewImport'
  | 'confirmImport'
  | 'exportBackup'
  | 'exportPlain'
  | 'fillTab'
  | 'takeCapture'
  | 'inlineSites'
  | 'enableInlineSite'
  | 'disableInlineSite'
  | 'inlineKeys'
  | 'inlineFill'
  | 'captureKey'
  | 'syncStatus'
  | 'enableSync'
  | 'disableSync'
  | 'syncNow'
>;

export function createHandlers(
  session: VaultSession,
  checks: Checks,
  now: () => number,
  /** Called after a key is handed out for copying, with the clear-clipboard delay. */
  onCopied: (secret: string, seconds: number) => void,
): CoreHandlers {
  const status = async (): Promise<VaultStatus> => ({ state: await session.status() });
  const unchanged = (payload: Payload) => ({ payload, result: {} });

  return {
    status,
    create: async ({ passphrase }) => (await session.create(passphrase), status()),
    unlock: async ({ passphrase }) => (await session.unlock(passphrase), status()),
    lock: async () => (await session.lock(), status()),
    changePassphrase: async ({ current, next }) => (await session.changePassphrase(current, next), {}),
    listEntries: () =>
      session.read((payload) => ({
        entries: payload.entries.map((entry) => summarize(entry, payload)),
        settings: payload.settings,
        kdf: session.openVaultKdf!,
      })),
    addEntry: async ({ entry }) => {
      const added = await session.mutate((payload) => {
        const added = entries.addEntry(payload, entry, newId(), now());
        return { payload: added.payload, result: { entry: summarize(added.entry, added.payload) } };
      });
      checks.checkSoon(added.entry.id);
      return added;
    },
    updateEntry: async ({ id, changes, expectedUpdatedAt }) => {
      const updated = await session.mutate((payload) => {
        const updated = entries.updateEntry(payload, id, changes, now(), expectedUpdatedAt);
        return { payload: updated.payload, result: { entry: summarize(updated.entry, updated.payload) } };
      });
      // A changed key, endpoint or provider drops the old result: check again.
      if (!updated.entry.validation) checks.checkSoon(id);
      return updated;
    },
    deleteEntry: ({ id }) => session.mutate((payload) => unchanged(entries.deleteEntry(payload, id, now()))),
    setActive: ({ id }) => session.mutate((payload) => unchanged(entries.setActive(payload, id))),
    duplicateEntry: async ({ id }) => {
      const copy = await session.mutate((payload) => {
        const copied = entries.duplicateEntry(payload, id, newId(), now());
        return { payload: copied.payload, result: { entry: summarize(copied.entry, copied.payload) } };
      });
      checks.checkSoon(copy.entry.id);
      return copy;
    },
    getSecret: async ({ id, purpose, allowDisabled }) => {
      const entry = await session.read((payload) => entries.findEntry(payload, id));
      if (!entry.enabled && !allowDisabled) throw new BackgroundError('disabled', `“${entry.name}” is disabled. Enable it, or confirm to use it anyway.`);
      if (purpose === 'reveal') return { secret: entry.secret };
      const answer = await session.mutate((payload) => {
        const used = entries.recordUse(payload, id, now());
        return { payload: used.payload, result: { secret: used.entry.secret, clearAfterSeconds: payload.settings.clipboardClearSeconds } };
      });
      if (answer.clearAfterSeconds !== null) onCopied(answer.secret, answer.clearAfterSeconds);
      return answer;
    },
    checkEntry: async ({ id }) => {
      const validation = await checks.checkOne(id);
      if (!validation) throw new VaultError('conflict', 'The key was changed or deleted while it was being checked. Check it again.');
      return { validation };
    },
    checkAll: async () => (await checks.checkAll(), {}),
    cancelChecks: async () => (checks.cancel(), {}),
    updateSettings: ({ settings }) =>
      session.mutate((payload) => {
        const next = entries.updateSettings(payload, settings);
        return { payload: next, result: { settings: next.settings } };
      }),
  };
}
