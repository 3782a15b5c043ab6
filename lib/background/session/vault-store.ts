/**
 * The vault in `storage.local`: a small header under `vault` and one sealed record per
 * entry. Every change is one `set` call (atomic in Chrome's and Firefox's storage), and
 * names the header it was based on; unless that exact header is still stored (same
 * checksum, not merely the same revision number), the change is refused.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { HEADER_KEY, isVaultItem, type Header, type StoredItems } from '../../vault/envelope-schema.ts';
import { VaultError } from '../../vault/errors.ts';
import { BackgroundError } from '../errors.ts';
import { words } from '../../words.ts';

export type LocalArea = WxtBrowser['storage']['local'];

const RETIRED_KEY = 'retiredWrapping';

export class VaultStore {
  constructor(private readonly local: LocalArea) {}

  /** The header and records as stored, not yet verified (empty when there is no vault). */
  async readItems(): Promise<StoredItems> {
    const everything = await this.local.get(null);
    const items: StoredItems = {};
    for (const [key, value] of Object.entries(everything)) {
      if (isVaultItem(key)) items[key] = value;
    }
    return items;
  }

  /** The stored header, not yet verified, or undefined when there is no vault. */
  async readHeader(): Promise<unknown> {
    return (await this.local.get(HEADER_KEY))[HEADER_KEY];
  }

  /**
   * Stores `writes` (a header and changed records, and any items that must land with
   * them), which must follow the header `basedOn` (null: there must be no vault yet).
   * @throws VaultError `stale-revision` when the stored vault is not the one the change was based on.
   * @throws BackgroundError `storage-full` when the browser has no room left.
   */
  async write(writes: StoredItems, basedOn: Header | null): Promise<void> {
    const stored = await this.readHeader();
    const current = stored === undefined ? undefined : (stored as { checksum?: unknown }).checksum;
    if ((basedOn === null && stored !== undefined) || (basedOn !== null && current !== basedOn.checksum)) {
      throw new VaultError('stale-revision', words('errors.staleRevision'));
    }
    try {
      await this.local.set(writes);
    } catch (error) {
      if (/quota/i.test(String((error as Error)?.message ?? error))) {
        throw new BackgroundError('storage-full', words('errors.storageFull'));
      }
      throw error;
    }
  }

  /** Removes items that no longer belong to the vault (a format-1 vault's records, once it is stored in pages). */
  async remove(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.local.remove(keys);
  }

  /** Remembers that `header`'s wrapping was retired by a passphrase change on another browser: it never opens the vault again. */
  async markRetired(header: Header): Promise<void> {
    await this.local.set({ [RETIRED_KEY]: header.key.ciphertext });
  }

  /** Whether `header`'s wrapping was retired (see `markRetired`). */
  async isRetired(header: Header): Promise<boolean> {
    return (await this.local.get(RETIRED_KEY))[RETIRED_KEY] === header.key.ciphertext;
  }

  /** Is the header with `checksum` the stored one (a write landed although its call failed)? */
  async isStored(checksum: string): Promise<boolean> {
    const stored = await this.readHeader().catch(() => undefined);
    return (stored as { checksum?: unknown } | undefined)?.checksum === checksum;
  }
}
