/**
 * The encrypted backup file: the same sealed format as the vault itself, under a
 * passphrase the user chooses for the backup, wrapped in a small JSON envelope.
 * @module
 */
import type { Argon2idParams } from '../crypto/kdf.ts';
import { createVault, unlockVault } from '../vault/envelope.ts';
import { emptyPayload, type Entry, type Payload } from '../vault/payload-schema.ts';
import { VaultError } from '../vault/errors.ts';
import { ImportError } from './import-error.ts';
import { BACKUP_FORMAT, BACKUP_VERSION } from './backup-format.ts';
import { words } from '../words.ts';

/** Seals `entries` into a backup file's text, without the sites they were filled on (this browser's history, not the keys'). */
export async function createBackup(entries: readonly Entry[], passphrase: string, params: Argon2idParams, now = Date.now()): Promise<string> {
  const payload: Payload = { ...emptyPayload(), entries: entries.map(({ usedOn: _sites, ...entry }) => entry) };
  const { writes } = await createVault(passphrase, payload, params, { now });
  return JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now, vault: writes });
}

/**
 * Opens a backup file's text with its passphrase.
 * @throws ImportError saying whether the file is not a backup, damaged, or the passphrase is wrong.
 */
export async function openBackup(text: string, passphrase: string): Promise<Entry[]> {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new ImportError(words('errors.notABackup'));
  }
  const { format, version, vault } = (file ?? {}) as { format?: unknown; version?: unknown; vault?: unknown };
  if (format !== BACKUP_FORMAT || typeof vault !== 'object' || vault === null) throw new ImportError(words('errors.notABackup'));
  if (version !== BACKUP_VERSION) throw new ImportError(words('errors.newerBackup'));
  try {
    return (await unlockVault(vault as Record<string, unknown>, passphrase)).payload.entries;
  } catch (error) {
    if (error instanceof VaultError && error.code === 'wrong-passphrase') throw new ImportError(words('errors.backupPassphraseWrong'));
    throw new ImportError(words('errors.backupDamaged'));
  }
}
