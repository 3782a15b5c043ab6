/**
 * The vault's records, sealed in pages: every entry (or deleted entry's tombstone) lives
 * in the page named by the first byte of its random id, so a vault of 10,000 keys is
 * about 256 sealed pages rather than 10,000 tiny ones (each seal has a fixed cost that
 * would dwarf the bytes). Each page is bound to its name; the sealed meta carries a root
 * over every page, so a page dropped, added, swapped or rolled back no longer matches.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { open, seal } from '../crypto/aead.ts';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/encoding.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { FORMAT, type SealedText } from './envelope-schema.ts';
import type { Entry, Payload } from './payload-schema.ts';
import { corrupt } from './errors.ts';
import { words } from '../words.ts';

/** What a page holds: entries, and the tombstones of deleted ones. */
export type RecordContent = Entry | Payload['tombstones'][number];

// A page opens only with the vault key, so its content was written by this code, from
// input checked when it was typed, imported or received from sync. Opening checks only
// that it is a list of records of this page: running the whole entry schema over 10,000
// entries would cost more than every other step of an unlock together.
function isPageContent(value: unknown, page: string): value is RecordContent[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((record: unknown) => typeof record === 'object' && record !== null && typeof (record as RecordContent).id === 'string' && pageOf((record as RecordContent).id) === page)
  );
}

/** A page as stored, with its digest and the objects it was sealed from (in id order). */
export interface SealedPage {
  sealed: SealedText;
  digest: string;
  contents: readonly RecordContent[];
}

/** The page a record belongs in: the first byte of its id, in hex. */
export const pageOf = (id: string): string => id.slice(0, 2);

function associatedData(page: string): Uint8Array {
  return utf8(JSON.stringify([FORMAT, 2, 'page', page]));
}

// A page's nonce and Poly1305 tag identify it: no other ciphertext opens with that tag
// unless the tag is forged, which needs the vault key. No hash over the page needed.
const TAG_TEXT_LENGTH = 24; // the last 16 bytes of the ciphertext, in base64

export function digestOf(sealed: SealedText): string {
  return `${sealed.nonce}.${sealed.ciphertext.slice(-TAG_TEXT_LENGTH)}`;
}

const byId = (a: RecordContent, b: RecordContent) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Seals the records of one page under the vault key. */
export function sealPage(vaultKey: Uint8Array, page: string, contents: readonly RecordContent[], random: RandomBytes): SealedPage {
  const sorted = [...contents].sort(byId);
  const { nonce, ciphertext } = seal(vaultKey, utf8(JSON.stringify(sorted)), associatedData(page), random);
  const sealed = { nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) };
  return { sealed, digest: digestOf(sealed), contents: sorted };
}

/** A stored page with its nonce and ciphertext decoded: all of opening that needs no key. */
export interface DecodedPage {
  sealed: SealedText;
  digest: string;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

/**
 * Decodes one stored page (ahead of the vault key, which opens it).
 * @throws VaultError `corrupt` when its nonce or ciphertext is not canonical base64.
 */
export function decodePage(sealed: SealedText): DecodedPage {
  try {
    return { sealed, digest: digestOf(sealed), nonce: fromBase64(sealed.nonce), ciphertext: fromBase64(sealed.ciphertext) };
  } catch {
    throw corrupt(words('vaultDamage.storedRecord'));
  }
}

/**
 * Opens one decoded page.
 * @throws VaultError `corrupt` when it was altered, moved to another page, or is malformed.
 */
export function openDecodedPage(vaultKey: Uint8Array, page: string, decoded: DecodedPage): SealedPage {
  let content: unknown;
  try {
    content = JSON.parse(fromUtf8(open(vaultKey, decoded, associatedData(page))));
  } catch {
    throw corrupt(words('vaultDamage.pageUndecryptable'));
  }
  if (!isPageContent(content, page)) throw corrupt(words('vaultDamage.pageMalformed'));
  return { sealed: decoded.sealed, digest: decoded.digest, contents: content.sort(byId) };
}

/** The records of `payload`, grouped by page, each group in id order. */
export function groupByPage(payload: Payload): Map<string, RecordContent[]> {
  const groups = new Map<string, RecordContent[]>();
  for (const record of [...payload.entries, ...payload.tombstones]) {
    const page = pageOf(record.id);
    const group = groups.get(page);
    if (group) group.push(record);
    else groups.set(page, [record]);
  }
  for (const group of groups.values()) group.sort(byId);
  return groups;
}

/** Whether a page was sealed from exactly these objects (pure operations replace what they change, so identity tells). */
export function sameContents(page: SealedPage, contents: readonly RecordContent[]): boolean {
  return page.contents.length === contents.length && page.contents.every((record, i) => record === contents[i]);
}

/** The root hash over every page's (or, in format 1, record's) name and digest (nonce and tag), in name order. */
export function rootOf(pages: ReadonlyMap<string, { digest: string }>): string {
  const pairs = [...pages].map(([page, sealed]) => [page, sealed.digest]);
  pairs.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  return toBase64(sha256(utf8(JSON.stringify(pairs))));
}

/** True for a tombstone (a record of a deleted entry). */
export function isTombstone(content: RecordContent): content is Payload['tombstones'][number] {
  return 'deletedAt' in content;
}
