/**
 * One sealed record per entry (or per deleted entry's tombstone), each bound to its id,
 * and the root hash over all of them that the sealed meta carries: a record dropped,
 * added, swapped or rolled back on disk no longer matches the root.
 * @module
 */
import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { open, seal } from '../crypto/aead.ts';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/encoding.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { CURRENT_VERSION, FORMAT, type SealedText } from './envelope-schema.ts';
import { EntrySchema, TombstoneSchema, type Entry, type Payload } from './payload-schema.ts';
import { corrupt } from './errors.ts';

/** What a record holds: an entry, or the tombstone of a deleted one. */
export type RecordContent = Entry | Payload['tombstones'][number];
const RecordContentSchema = z.union([EntrySchema, TombstoneSchema]);

/** A record as stored, with its digest and the object it was sealed from. */
export interface SealedRecord {
  sealed: SealedText;
  digest: string;
  content: RecordContent;
}

function associatedData(id: string): Uint8Array {
  return utf8(JSON.stringify([FORMAT, CURRENT_VERSION, 'entry', id]));
}

// A record's nonce and Poly1305 tag identify it: no other ciphertext opens with that
// tag unless the tag is forged, which needs the vault key. No hash over the record needed.
const TAG_TEXT_LENGTH = 24; // the last 16 bytes of the ciphertext, in base64

function digestOf(sealed: SealedText): string {
  return `${sealed.nonce}.${sealed.ciphertext.slice(-TAG_TEXT_LENGTH)}`;
}

/** Seals one entry or tombstone under the vault key. */
export function sealRecord(vaultKey: Uint8Array, content: RecordContent, random: RandomBytes): SealedRecord {
  const { nonce, ciphertext } = seal(vaultKey, utf8(JSON.stringify(content)), associatedData(content.id), random);
  const sealed = { nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) };
  return { sealed, digest: digestOf(sealed), content };
}

/**
 * Opens one stored record.
 * @throws VaultError `corrupt` when it was altered, moved to another id, or is malformed.
 */
export function openRecord(vaultKey: Uint8Array, id: string, sealed: SealedText): SealedRecord {
  let content: unknown;
  try {
    const plain = open(vaultKey, { nonce: fromBase64(sealed.nonce), ciphertext: fromBase64(sealed.ciphertext) }, associatedData(id));
    content = JSON.parse(fromUtf8(plain));
  } catch {
    throw corrupt('a record does not decrypt');
  }
  const parsed = RecordContentSchema.safeParse(content);
  if (!parsed.success || parsed.data.id !== id) throw corrupt('a record is malformed');
  return { sealed, digest: digestOf(sealed), content: parsed.data };
}

/** The root hash over every record's id and digest (nonce and tag), in id order. */
export function rootOf(records: ReadonlyMap<string, SealedRecord>): string {
  const pairs = [...records].map(([id, record]) => [id, record.digest]);
  pairs.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  return toBase64(sha256(utf8(JSON.stringify(pairs))));
}

/** True for a tombstone (a record of a deleted entry). */
export function isTombstone(content: RecordContent): content is Payload['tombstones'][number] {
  return 'deletedAt' in content;
}
