/**
 * The vault in `storage.local`: a small header under `vault` and one sealed record per
 * entry. Every change is one `set` call (atomic in Chrome's and Firefox's storage), and
 * names the revision it was based on; a change based on an outdated one is refused.
 * @module
 */
import { browser } from 'wxt/browser';
import { HEADER_KEY, RECORD_PREFIX, type StoredItems } from '../vault/envelope-schema.ts';
import { VaultError } from '../vault/errors.ts';

/** The header and records as stored, unchecked (empty when there is no vault). */
export async function readStoredItems(): Promise<StoredItems> {
  const everything = await browser.storage.local.get(null);
  const items: StoredItems = {};
  for (const [key, value] of Object.entries(everything)) {
    if (key === HEADER_KEY || key.startsWith(RECORD_PREFIX)) items[key] = value;
  }
  return items;
}

/** The stored header, unchecked, or undefined when there is no vault. */
export async function readStoredHeader(): Promise<unknown> {
  return (await browser.storage.local.get(HEADER_KEY))[HEADER_KEY];
}

/**
 * Stores `writes` (a header and changed records), which must follow revision `basedOn`
 * (null: there must be no vault yet).
 * @throws VaultError `stale-revision` when the stored vault is not the one the change was based on.
 */
export async function writeVault(writes: StoredItems, basedOn: number | null): Promise<void> {
  const header = await readStoredHeader();
  const current = header === undefined ? undefined : (header as { revision?: unknown }).revision;
  if ((basedOn === null && header !== undefined) || (basedOn !== null && current !== basedOn)) {
    throw new VaultError(
      'stale-revision',
      'The vault was changed elsewhere since it was opened here; your change was not saved. Try again.',
    );
  }
  await browser.storage.local.set(writes);
}
