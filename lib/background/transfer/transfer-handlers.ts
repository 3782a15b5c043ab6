/**
 * Import and export. Files are read here, in the background: the page sends the file's
 * text and gets back a masked preview; keys never travel back to it in bulk, except in
 * the plain-text export the user asked for with their passphrase. Exporting, sealed or
 * plain, takes the master passphrase again.
 * @module
 */
import type { Argon2idParams } from '../../crypto/kdf.ts';
import { addEntry } from '../../vault/entries.ts';
import { maskSecret } from '../../vault/summary.ts';
import { providerName } from '../../providers/catalog.ts';
import { parseEnvFile } from '../../transfer/env-file.ts';
import { planBackupImport, planEnvImport, settleAgainst, type ImportCandidate } from '../../transfer/import-plan.ts';
import { createBackup, openBackup } from '../../transfer/backup.ts';
import { ImportError } from '../../transfer/import-error.ts';
import type { Handlers } from '../router.ts';
import type { VaultSession } from '../session/session.ts';
import type { Pending } from '../pending.ts';
import { BackgroundError } from '../errors.ts';
import { words } from '../../words.ts';
import { i18n } from '#i18n';
import { say } from '../../say.ts';

export interface TransferHandlerDeps {
  session: VaultSession;
  /** Import previews waiting for the user's confirmation. */
  imports: Pending<ImportCandidate[]>;
  /** Checks the keys just imported. */
  checkAll: (ids: ReadonlySet<string>) => Promise<void>;
  /** KDF strength for the backup's own passphrase. */
  kdfParams: Argon2idParams;
  now: () => number;
  newId: () => string;
}

async function plan(format: 'env' | 'backup', text: string, passphrase: string | undefined, session: VaultSession) {
  const existing = await session.read((payload) => payload.entries);
  try {
    if (format === 'env') return planEnvImport(parseEnvFile(text), existing, say);
    if (!passphrase) throw new ImportError(words('errors.backupPassphraseNeeded'));
    return planBackupImport(await openBackup(text, passphrase), existing);
  } catch (error) {
    if (error instanceof ImportError) throw new BackgroundError('import-failed', error.words);
    throw error;
  }
}

const row = (candidate: ImportCandidate) => ({
  source: candidate.source,
  status: candidate.status,
  masked: maskSecret(candidate.secret),
  ...(candidate.input ? { provider: providerName(candidate.input.provider), name: candidate.input.name } : {}),
});

/** Handlers for importing a file through a preview and exporting a backup or plain text. */
export function transferHandlers({ session, imports, checkAll, kdfParams, now, newId }: TransferHandlerDeps) {
  return {
    previewImport: async ({ format, text, passphrase }) => {
      const candidates = await plan(format, text, passphrase, session);
      if (candidates.length === 0) throw new BackgroundError('import-failed', words('errors.noKeysInFile'));
      return { token: imports.hold(candidates), rows: candidates.map(row) };
    },
    confirmImport: async ({ token }) => {
      const candidates = imports.take(token);
      const added = await session.mutate((payload) => {
        // The vault may have changed since the preview: settle duplicates and names again.
        let next = payload;
        const ids: string[] = [];
        for (const { status, input } of settleAgainst(candidates, payload.entries)) {
          if (status !== 'new' || !input) continue;
          const id = newId();
          next = addEntry(next, input, id, now()).payload;
          ids.push(id);
        }
        return { payload: next, result: ids };
      });
      void checkAll(new Set(added)).catch(() => undefined);
      return { added: added.length };
    },
    // Both exports prove the master passphrase first (throttled like unlocking): an
    // unlocked, unattended browser must not hand every key to whoever sits at it.
    exportBackup: async ({ masterPassphrase, backupPassphrase }) => {
      const entries = await session.readWithPassphrase(masterPassphrase, (payload) => payload.entries);
      return { text: await createBackup(entries, backupPassphrase, kdfParams, now()) };
    },
    exportPlain: async ({ passphrase }) => {
      const entries = await session.readWithPassphrase(passphrase, (payload) => payload.entries);
      const plain = entries.map(({ provider, name, secret, endpoint, fields, tags, notes, enabled, expiresAt }) => ({
        provider,
        name,
        secret,
        ...(endpoint ? { endpoint } : {}),
        fields,
        tags,
        notes,
        enabled,
        ...(expiresAt !== undefined ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
      }));
      return { text: JSON.stringify({ warning: i18n.t('background.exportWarning'), exportedAt: new Date(now()).toISOString(), keys: plain }, null, 2) };
    },
  } satisfies Partial<Handlers>;
}
