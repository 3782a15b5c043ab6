/**
 * The backup file's name tag, and how a page tells a backup from a `.env` file before
 * sending it (a backup needs its passphrase). No dependencies.
 * @module
 */

export const BACKUP_FORMAT = 'ai-key-vault-backup';
export const BACKUP_VERSION = 1;

/** Whether a file's text claims to be one of our backups (the background still checks everything). */
export function looksLikeBackup(text: string): boolean {
  return new RegExp(`"format"\\s*:\\s*"${BACKUP_FORMAT}"`).test(text);
}
