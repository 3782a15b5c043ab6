/**
 * Sealing and opening the vault: passphrase → argon2id → key-encryption key, which
 * unwraps a random 256-bit vault key, which decrypts the payload. Changing the
 * passphrase re-wraps the vault key; the payload keeps its key.
 * @module
 */
import { open, seal, KEY_LENGTH, AuthenticationError, type Sealed } from '../crypto/aead.ts';
import { deriveKey, SALT_LENGTH, type Argon2idParams, type KdfEngine } from '../crypto/kdf.ts';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/encoding.ts';
import { secureRandomBytes, type RandomBytes } from '../crypto/random.ts';
import {
  CURRENT_VERSION,
  FORMAT,
  envelopeChecksum,
  type Envelope,
  type KdfHeader,
} from './envelope-schema.ts';
import { PayloadSchema, type Payload } from './payload-schema.ts';
import { corrupt, VaultError } from './errors.ts';

export interface SealOptions {
  now?: number;
  random?: RandomBytes;
}

/** An open vault: what the background holds while unlocked. */
export interface OpenVault {
  envelope: Envelope;
  vaultKey: Uint8Array;
  payload: Payload;
}

// The wrapped key is bound to the KDF header, so altered parameters or salt can never
// unwrap it. The payload is bound to the revision, so an older payload cannot be
// spliced under a newer revision.
function keyAssociatedData(kdf: KdfHeader): Uint8Array {
  const { algorithm, memoryKiB, iterations, parallelism, salt } = kdf;
  return utf8(JSON.stringify([FORMAT, CURRENT_VERSION, 'key', algorithm, memoryKiB, iterations, parallelism, salt]));
}

function payloadAssociatedData(revision: number): Uint8Array {
  return utf8(JSON.stringify([FORMAT, CURRENT_VERSION, 'payload', revision]));
}

function encodeSealed(sealed: Sealed) {
  return { nonce: toBase64(sealed.nonce), ciphertext: toBase64(sealed.ciphertext) };
}

function decodeSealed(stored: Envelope['key'], what: string): Sealed {
  try {
    return { nonce: fromBase64(stored.nonce), ciphertext: fromBase64(stored.ciphertext) };
  } catch {
    throw corrupt(`${what} is not readable`);
  }
}

async function wrapKey(
  vaultKey: Uint8Array,
  passphrase: string,
  params: Argon2idParams,
  random: RandomBytes,
): Promise<Pick<Envelope, 'kdf' | 'key'>> {
  const kdf: KdfHeader = { algorithm: 'argon2id', ...params, salt: toBase64(random(SALT_LENGTH)) };
  const kek = await deriveKey(passphrase, fromBase64(kdf.salt), params);
  return { kdf, key: encodeSealed(seal(kek, vaultKey, keyAssociatedData(kdf), random)) };
}

function withPayload(
  base: Pick<Envelope, 'kdf' | 'key' | 'createdAt'>,
  revision: number,
  vaultKey: Uint8Array,
  payload: Payload,
  now: number,
  random: RandomBytes,
): Envelope {
  const sealed = seal(vaultKey, utf8(JSON.stringify(payload)), payloadAssociatedData(revision), random);
  const unchecked = {
    format: FORMAT,
    version: CURRENT_VERSION,
    kdf: base.kdf,
    key: base.key,
    revision,
    createdAt: base.createdAt,
    updatedAt: now,
    payload: encodeSealed(sealed),
  } as const;
  return { ...unchecked, checksum: envelopeChecksum(unchecked) };
}

/** Creates a new vault with a fresh random vault key. */
export async function createVault(
  passphrase: string,
  payload: Payload,
  params: Argon2idParams,
  { now = Date.now(), random = secureRandomBytes }: SealOptions = {},
): Promise<OpenVault> {
  const vaultKey = random(KEY_LENGTH);
  const wrapped = await wrapKey(vaultKey, passphrase, params, random);
  const envelope = withPayload({ ...wrapped, createdAt: now }, 0, vaultKey, payload, now, random);
  return { envelope, vaultKey, payload };
}

/**
 * Derives the key-encryption key and unwraps the vault key.
 * @throws VaultError `wrong-passphrase` when the passphrase does not open the vault.
 */
export async function unwrapVaultKey(
  envelope: Envelope,
  passphrase: string,
  engine?: KdfEngine,
): Promise<Uint8Array> {
  const { algorithm: _algorithm, salt, ...params } = envelope.kdf;
  const sealedKey = decodeSealed(envelope.key, 'the wrapped key');
  const kek = await deriveKey(passphrase, fromBase64(salt), params, engine);
  try {
    const vaultKey = open(kek, sealedKey, keyAssociatedData(envelope.kdf));
    if (vaultKey.length !== KEY_LENGTH) throw corrupt('the vault key has the wrong length');
    return vaultKey;
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    throw new VaultError('wrong-passphrase', 'The passphrase is incorrect.');
  }
}

/**
 * Decrypts and checks the payload with the vault key.
 * @throws VaultError `corrupt` when the payload was altered or is malformed.
 */
export function openPayload(envelope: Envelope, vaultKey: Uint8Array): Payload {
  let text: string;
  try {
    const plain = open(vaultKey, decodeSealed(envelope.payload, 'the payload'), payloadAssociatedData(envelope.revision));
    text = fromUtf8(plain);
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw corrupt('the payload does not decrypt');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt('the payload is not JSON');
  }
  const parsed = PayloadSchema.safeParse(json);
  if (!parsed.success) throw corrupt(`invalid payload ${parsed.error.issues[0]?.path.join('.') ?? ''}`.trim());
  return parsed.data;
}

/** Opens a vault with its passphrase: the slow step (KDF) runs once here. */
export async function unlockVault(envelope: Envelope, passphrase: string, engine?: KdfEngine): Promise<OpenVault> {
  const vaultKey = await unwrapVaultKey(envelope, passphrase, engine);
  return { envelope, vaultKey, payload: openPayload(envelope, vaultKey) };
}

/** Seals a changed payload as the next revision. No KDF: the vault key is reused. */
export function sealPayload(
  vault: OpenVault,
  payload: Payload,
  { now = Date.now(), random = secureRandomBytes }: SealOptions = {},
): OpenVault {
  const envelope = withPayload(vault.envelope, vault.envelope.revision + 1, vault.vaultKey, payload, now, random);
  return { envelope, vaultKey: vault.vaultKey, payload };
}

/** Wraps the same vault key under a new passphrase (new salt), as the next revision. */
export async function changePassphrase(
  vault: OpenVault,
  newPassphrase: string,
  params: Argon2idParams,
  { now = Date.now(), random = secureRandomBytes }: SealOptions = {},
): Promise<OpenVault> {
  const wrapped = await wrapKey(vault.vaultKey, newPassphrase, params, random);
  const base = { ...wrapped, createdAt: vault.envelope.createdAt };
  const envelope = withPayload(base, vault.envelope.revision + 1, vault.vaultKey, vault.payload, now, random);
  return { envelope, vaultKey: vault.vaultKey, payload: vault.payload };
}
