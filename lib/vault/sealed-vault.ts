/**
 * The stored vault read as far as it can be without the vault key: its header checked,
 * its pages decoded. What is left to opening is the decryption (`envelope.ts`), so this
 * part can be done before the passphrase is typed.
 * @module
 */
import { HEADER_KEY, parseHeader, parsePages, type Header, type StoredItems } from './envelope-schema.ts';
import { decodePage, type DecodedPage } from './pages.ts';
import { VaultError } from './errors.ts';

/** The stored vault, checked and decoded as far as it can be without the vault key. */
export interface SealedVault {
  /** The items as stored. */
  items: StoredItems;
  header: Header;
  /**
   * The pages, decoded (none for format 1, whose records open from `items`), or why they
   * cannot be: said only once the key is proven, so a wrong passphrase is told first.
   */
  pages: ReadonlyMap<string, DecodedPage> | VaultError;
}

/**
 * Reads the stored items as a sealed vault (no key needed).
 * @throws VaultError `corrupt` or `unsupported-version` when the header is damaged or newer.
 */
export function readSealedVault(items: StoredItems): SealedVault {
  const header = parseHeader(items[HEADER_KEY]);
  let pages: SealedVault['pages'] = new Map();
  try {
    if (header.version !== 1) pages = new Map([...parsePages(items)].map(([name, sealed]) => [name, decodePage(sealed)]));
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    pages = error;
  }
  return { items, header, pages };
}
