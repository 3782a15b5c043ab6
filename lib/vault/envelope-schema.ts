/**
 * The stored envelope: one JSON value under one storage key. Outside the ciphertext:
 * format, version, KDF parameters, revision and timestamps; nothing a user typed.
 * @module
 */
import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { MAXIMUM_PARAMS, MINIMUM_PARAMS } from '../crypto/kdf.ts';
import { toBase64, utf8 } from '../crypto/encoding.ts';
import { corrupt, VaultError } from './errors.ts';

export const FORMAT = 'ai-key-vault';
export const CURRENT_VERSION = 1;

const BASE64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const TIME = z.number().int().nonnegative();

const SealedSchema = z.strictObject({ nonce: BASE64, ciphertext: BASE64 });

const KdfSchema = z.strictObject({
  algorithm: z.literal('argon2id'),
  memoryKiB: z.number().int().min(MINIMUM_PARAMS.memoryKiB).max(MAXIMUM_PARAMS.memoryKiB),
  iterations: z.number().int().min(MINIMUM_PARAMS.iterations).max(MAXIMUM_PARAMS.iterations),
  parallelism: z.number().int().min(MINIMUM_PARAMS.parallelism).max(MAXIMUM_PARAMS.parallelism),
  salt: BASE64,
});

export const EnvelopeSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(CURRENT_VERSION),
  kdf: KdfSchema,
  /** The random vault key, sealed under the key derived from the passphrase. */
  key: SealedSchema,
  /** Increases by one on every write; a write based on an older revision is refused. */
  revision: z.number().int().nonnegative(),
  createdAt: TIME,
  updatedAt: TIME,
  /** The payload, sealed under the vault key. */
  payload: SealedSchema,
  /** SHA-256 of every other field: tells damage from a wrong passphrase before the KDF runs. */
  checksum: BASE64,
});
export type Envelope = z.infer<typeof EnvelopeSchema>;
export type KdfHeader = Envelope['kdf'];

/** The checksum over every field but itself, in a fixed order. */
export function envelopeChecksum(envelope: Omit<Envelope, 'checksum'>): string {
  const { kdf, key, payload } = envelope;
  const fields = [
    envelope.format,
    envelope.version,
    kdf.algorithm,
    kdf.memoryKiB,
    kdf.iterations,
    kdf.parallelism,
    kdf.salt,
    key.nonce,
    key.ciphertext,
    envelope.revision,
    envelope.createdAt,
    envelope.updatedAt,
    payload.nonce,
    payload.ciphertext,
  ];
  return toBase64(sha256(utf8(JSON.stringify(fields))));
}

/**
 * Checks a stored value and returns it as an envelope.
 * @throws VaultError `unsupported-version` for a newer format, `corrupt` for anything
 *   malformed or whose checksum does not match.
 */
export function parseEnvelope(raw: unknown): Envelope {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw corrupt('not an object');
  }
  const { format, version } = raw as { format?: unknown; version?: unknown };
  if (format !== FORMAT) throw corrupt('not an AI Key Vault');
  if (typeof version === 'number' && Number.isInteger(version) && version > CURRENT_VERSION) {
    throw new VaultError(
      'unsupported-version',
      `This vault was written by a newer version of AI Key Vault (format ${version}). Update the extension to open it.`,
    );
  }
  const parsed = EnvelopeSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'envelope';
    throw corrupt(`invalid ${where}`);
  }
  if (envelopeChecksum(parsed.data) !== parsed.data.checksum) throw corrupt('checksum mismatch');
  return parsed.data;
}
