/**
 * What the vault stores. One small header under `vault` (format, version, KDF
 * parameters, the wrapped vault key, revision, timestamps, the sealed meta) and the
 * sealed pages of records under `page.<first byte of the ids>` (format 1 kept one record
 * per entry under `entry.<id>`; such vaults still open, and move to pages). Outside the
 * ciphertext: only those header fields and the pages' names; nothing a user typed.
 * @module
 */
import { z } from 'zod/mini';
import { sha256 } from '@noble/hashes/sha2.js';
import { MAXIMUM_PARAMS, MINIMUM_PARAMS } from '../crypto/kdf.ts';
import { toBase64, utf8 } from '../crypto/encoding.ts';
import { corrupt, VaultError } from './errors.ts';
import { ENTRY_ID } from './payload-schema.ts';
import { words } from '../words.ts';

export const FORMAT = 'ai-key-vault';
/** 2: records in pages. 1: one record per entry. */
export const CURRENT_VERSION = 2;
export const HEADER_KEY = 'vault';
export const PAGE_PREFIX = 'page.';
/** Where format 1 kept each entry's record. */
export const LEGACY_RECORD_PREFIX = 'entry.';
const PAGE_NAME = /^[0-9a-f]{2}$/;

const BASE64 = z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'));
const TIME = z.int().check(z.nonnegative());

export const SealedTextSchema = z.strictObject({ nonce: BASE64, ciphertext: BASE64 });
export type SealedText = z.infer<typeof SealedTextSchema>;

export const KdfSchema = z.strictObject({
  algorithm: z.literal('argon2id'),
  memoryKiB: z.int().check(z.minimum(MINIMUM_PARAMS.memoryKiB), z.maximum(MAXIMUM_PARAMS.memoryKiB)),
  iterations: z.int().check(z.minimum(MINIMUM_PARAMS.iterations), z.maximum(MAXIMUM_PARAMS.iterations)),
  parallelism: z.int().check(z.minimum(MINIMUM_PARAMS.parallelism), z.maximum(MAXIMUM_PARAMS.parallelism)),
  salt: BASE64,
});

export const HeaderSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.int().check(z.minimum(1), z.maximum(CURRENT_VERSION)),
  kdf: KdfSchema,
  /** The random vault key, sealed under the key derived from the passphrase. */
  key: SealedTextSchema,
  /** Increases by one on every write; a write based on an older revision is refused. */
  revision: z.int().check(z.nonnegative()),
  createdAt: TIME,
  updatedAt: TIME,
  /** Settings, active keys and the root hash of all records, sealed under the vault key. */
  meta: SealedTextSchema,
  /** SHA-256 of every other field: tells damage from a wrong passphrase before the KDF runs. */
  checksum: BASE64,
});
export type Header = z.infer<typeof HeaderSchema>;
export type KdfHeader = Header['kdf'];

/** The storage items of a vault: the header and the records, by storage key. */
export type StoredItems = Record<string, unknown>;

/** The checksum over every header field but itself, in a fixed order. */
export function headerChecksum(header: Omit<Header, 'checksum'>): string {
  const { kdf, key, meta } = header;
  const fields = [
    header.format,
    header.version,
    kdf.algorithm,
    kdf.memoryKiB,
    kdf.iterations,
    kdf.parallelism,
    kdf.salt,
    key.nonce,
    key.ciphertext,
    header.revision,
    header.createdAt,
    header.updatedAt,
    meta.nonce,
    meta.ciphertext,
  ];
  return toBase64(sha256(utf8(JSON.stringify(fields))));
}

/**
 * Checks a stored header.
 * @throws VaultError `unsupported-version` for a newer format, `corrupt` for anything
 *   malformed or whose checksum does not match.
 */
export function parseHeader(raw: unknown): Header {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw corrupt(words('vaultDamage.notAnObject'));
  const { format, version } = raw as { format?: unknown; version?: unknown };
  if (format !== FORMAT) throw corrupt(words('vaultDamage.notAVault'));
  if (typeof version === 'number' && Number.isInteger(version) && version > CURRENT_VERSION) {
    throw new VaultError('unsupported-version', words('errors.newerVault', version));
  }
  const parsed = HeaderSchema.safeParse(raw);
  if (!parsed.success) throw corrupt(words('vaultDamage.invalid', parsed.error.issues[0]?.path.join('.') || 'header'));
  if (headerChecksum(parsed.data) !== parsed.data.checksum) throw corrupt(words('vaultDamage.checksum'));
  return parsed.data;
}

/** Whether a storage key holds part of the vault: its header, a page, or a format-1 record. */
export function isVaultItem(key: string): boolean {
  return key === HEADER_KEY || key.startsWith(PAGE_PREFIX) || key.startsWith(LEGACY_RECORD_PREFIX);
}

/**
 * The sealed pages among the stored items, by page name. Their base64 is checked where
 * it is decoded (`pages.ts`), strictly: running a pattern over megabytes of it here too
 * would cost as much as the decoding.
 * @throws VaultError `corrupt` for a page key or value of the wrong shape.
 */
export function parsePages(items: StoredItems): Map<string, SealedText> {
  return sealedUnder(items, PAGE_PREFIX, (name) => PAGE_NAME.test(name));
}

/**
 * The sealed records of a format-1 vault, by entry id.
 * @throws VaultError `corrupt` for a record key or value of the wrong shape.
 */
export function parseLegacyRecords(items: StoredItems): Map<string, SealedText> {
  return sealedUnder(items, LEGACY_RECORD_PREFIX, (id) => ENTRY_ID.safeParse(id).success);
}

function sealedUnder(items: StoredItems, prefix: string, validName: (name: string) => boolean): Map<string, SealedText> {
  const found = new Map<string, SealedText>();
  for (const [key, value] of Object.entries(items)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (!validName(name) || !isSealedText(value)) throw corrupt(words('vaultDamage.storedRecord'));
    found.set(name, { nonce: value.nonce, ciphertext: value.ciphertext });
  }
  return found;
}

// The shape of `SealedTextSchema`, without its pattern: an object of exactly two strings.
function isSealedText(value: unknown): value is SealedText {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { nonce, ciphertext } = value as Partial<SealedText>;
  return typeof nonce === 'string' && typeof ciphertext === 'string' && Object.keys(value).length === 2;
}
