/**
 * The envelope in `storage.local`: one key, so every write is atomic. Writes name the
 * revision they were based on; a write based on an outdated one is refused.
 * @module
 */
import { browser } from 'wxt/browser';
import type { Envelope } from '../vault/envelope-schema.ts';
import { VaultError } from '../vault/errors.ts';

export const VAULT_KEY = 'vault';

/** The stored value, unchecked, or undefined when there is no vault. */
export async function readStoredVault(): Promise<unknown> {
  const stored = await browser.storage.local.get(VAULT_KEY);
  return stored[VAULT_KEY];
}

function storedRevision(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const revision = (raw as { revision?: unknown }).revision;
  return typeof revision === 'number' ? revision : -1;
}

/**
 * Stores `envelope`, which must be the successor of revision `basedOn` (null: there must
 * be no vault yet).
 * @throws VaultError `stale-revision` when the stored vault is not the one the write was based on.
 */
export async function writeVault(envelope: Envelope, basedOn: number | null): Promise<void> {
  const current = storedRevision(await readStoredVault());
  if ((basedOn === null && current !== undefined) || (basedOn !== null && current !== basedOn)) {
    throw new VaultError(
      'stale-revision',
      'The vault was changed elsewhere since it was opened here; your change was not saved. Try again.',
    );
  }
  await browser.storage.local.set({ [VAULT_KEY]: envelope });
}
