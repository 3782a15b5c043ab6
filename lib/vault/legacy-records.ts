/**
 * Opening a format-1 vault, which sealed one record per entry under `entry.<id>`: its
 * records are read once, checked against the meta's root as before, and the vault is
 * then stored again in pages (see `envelope.ts`).
 * @module
 */
import { z } from 'zod/mini';
import { open } from '../crypto/aead.ts';
import { fromBase64, fromUtf8, utf8 } from '../crypto/encoding.ts';
import { FORMAT, LEGACY_RECORD_PREFIX, parseLegacyRecords, type StoredItems } from './envelope-schema.ts';
import { EntrySchema, TombstoneSchema } from './payload-schema.ts';
import { digestOf, rootOf, type RecordContent } from './pages.ts';
import { corrupt } from './errors.ts';
import { words } from '../words.ts';

const RecordSchema = z.union([EntrySchema, TombstoneSchema]);

/**
 * The records of a format-1 vault and the root over them.
 * @throws VaultError `corrupt` when a record was altered, moved to another id, or is malformed.
 */
export function openLegacyRecords(items: StoredItems, vaultKey: Uint8Array): { contents: RecordContent[]; root: string } {
  const contents: RecordContent[] = [];
  const digests = new Map<string, { digest: string }>();
  for (const [id, sealed] of parseLegacyRecords(items)) {
    let content: unknown;
    try {
      const ad = utf8(JSON.stringify([FORMAT, 1, 'entry', id]));
      content = JSON.parse(fromUtf8(open(vaultKey, { nonce: fromBase64(sealed.nonce), ciphertext: fromBase64(sealed.ciphertext) }, ad)));
    } catch {
      throw corrupt(words('vaultDamage.recordUndecryptable'));
    }
    const parsed = RecordSchema.safeParse(content);
    if (!parsed.success || parsed.data.id !== id) throw corrupt(words('vaultDamage.recordMalformed'));
    contents.push(parsed.data);
    digests.set(id, { digest: digestOf(sealed) });
  }
  return { contents, root: rootOf(digests) };
}

/** The storage keys of a format-1 vault's records, to remove once it is stored in pages. */
export function legacyRecordKeys(items: StoredItems): string[] {
  return Object.keys(items).filter((key) => key.startsWith(LEGACY_RECORD_PREFIX));
}
