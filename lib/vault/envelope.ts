/**
 * Sealing and opening the vault: passphrase → argon2id → key-encryption key, which
 * unwraps a random 256-bit vault key, which seals the meta and every page of records. A
 * change re-seals only what changed: the pages of the touched records and the small
 * header. (Changing the passphrase moves everything to a new vault key: see
 * `key-change.ts`.)
 * @module
 */
import { z } from 'zod/mini';
import { open, seal, KEY_LENGTH, AuthenticationError } from '../crypto/aead.ts';
import { deriveKey, SALT_LENGTH, type Argon2idParams, type KdfEngine } from '../crypto/kdf.ts';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/encoding.ts';
import { secureRandomBytes, type RandomBytes } from '../crypto/random.ts';
import {
  CURRENT_VERSION,
  FORMAT,
  HEADER_KEY,
  PAGE_PREFIX,
  headerChecksum,
  type Header,
  type KdfHeader,
  type SealedText,
  type StoredItems,
} from './envelope-schema.ts';
import { ENTRY_ID, PROVIDER_ID, SettingsSchema, type Payload } from './payload-schema.ts';
import { groupByPage, isTombstone, openDecodedPage, rootOf, sameContents, sealPage, type RecordContent, type SealedPage } from './pages.ts';
import { readSealedVault, type SealedVault } from './sealed-vault.ts';
import { openLegacyRecords } from './legacy-records.ts';
import { byListOrder } from './entry-order.ts';
import { corrupt, VaultError } from './errors.ts';
import { words } from '../words.ts';

export interface SealOptions {
  now?: number;
  random?: RandomBytes;
}

/** Where the vault key stands in its line of keys: one step per passphrase change. */
export interface KeyLineage {
  vaultKey: Uint8Array;
  /** How many times the vault key was replaced (a passphrase change); authenticated in the sealed meta. */
  epoch: number;
  /** The keys it replaced, newest first (a few): they open old sync items, never current records. */
  previousKeys: readonly Uint8Array[];
}

/** An open vault: what the background holds while unlocked. */
export interface OpenVault extends KeyLineage {
  header: Header;
  payload: Payload;
  /** The sealed pages as stored (empty for a format-1 vault until it is stored in pages). */
  pages: ReadonlyMap<string, SealedPage>;
}

/** How many replaced keys a vault remembers. */
export const PREVIOUS_KEYS = 8;

/** An open vault and the storage items to write (in one `set` call) to store it. */
export interface SealedChange {
  vault: OpenVault;
  writes: StoredItems;
}

const MetaSchema = z.strictObject({
  active: z.record(PROVIDER_ID, ENTRY_ID),
  settings: SettingsSchema,
  root: z.string(),
  // Absent in vaults written before keys were rotated: epoch 0, nothing replaced.
  epoch: z.optional(z.int().check(z.nonnegative())),
  previous: z.optional(z.array(z.string()).check(z.maxLength(PREVIOUS_KEYS))),
});

// The wrapped key is bound to the KDF header, so altered parameters or salt never
// unwrap it (its form has not changed since format 1). The meta is bound to the format
// and revision, so an older meta (and with it an older set of pages) cannot stand under
// a newer revision.
function keyAssociatedData(kdf: KdfHeader): Uint8Array {
  const { algorithm, memoryKiB, iterations, parallelism, salt } = kdf;
  return utf8(JSON.stringify([FORMAT, 1, 'key', algorithm, memoryKiB, iterations, parallelism, salt]));
}

function metaAssociatedData(version: number, revision: number): Uint8Array {
  return utf8(JSON.stringify([FORMAT, version, 'meta', revision]));
}

function sealText(key: Uint8Array, plaintext: Uint8Array, ad: Uint8Array, random: RandomBytes): SealedText {
  const { nonce, ciphertext } = seal(key, plaintext, ad, random);
  return { nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) };
}

function openText(key: Uint8Array, sealed: SealedText, ad: Uint8Array): Uint8Array {
  return open(key, { nonce: fromBase64(sealed.nonce), ciphertext: fromBase64(sealed.ciphertext) }, ad);
}

/** Wraps `vaultKey` under `passphrase` with a fresh salt. */
export async function wrapKey(vaultKey: Uint8Array, passphrase: string, params: Argon2idParams, random: RandomBytes = secureRandomBytes): Promise<WrappedKey> {
  const kdf: KdfHeader = { algorithm: 'argon2id', ...params, salt: toBase64(random(SALT_LENGTH)) };
  const kek = await deriveKey(passphrase, fromBase64(kdf.salt), params);
  return { kdf, key: sealText(kek, vaultKey, keyAssociatedData(kdf), random) };
}

/** Builds the header of a vault's next revision: KDF and wrapped key in the clear, the rest sealed in the meta. */
export function buildHeader(
  base: Pick<Header, 'kdf' | 'key' | 'createdAt'>,
  revision: number,
  lineage: KeyLineage,
  payload: Payload,
  pages: ReadonlyMap<string, SealedPage>,
  now: number,
  random: RandomBytes,
): Header {
  const { vaultKey, epoch, previousKeys } = lineage;
  const meta = { active: payload.active, settings: payload.settings, root: rootOf(pages), epoch, previous: previousKeys.map(toBase64) };
  const fields = {
    format: FORMAT,
    version: CURRENT_VERSION,
    kdf: base.kdf,
    key: base.key,
    revision,
    createdAt: base.createdAt,
    updatedAt: now,
    meta: sealText(vaultKey, utf8(JSON.stringify(meta)), metaAssociatedData(CURRENT_VERSION, revision), random),
  } as const;
  return { ...fields, checksum: headerChecksum(fields) };
}

interface Resealed {
  pages: Map<string, SealedPage>;
  writes: StoredItems;
}

// One page sealed per step, so that a caller that must stay responsive can pause between them.
function* resealSteps(vault: Pick<OpenVault, 'vaultKey' | 'pages'>, payload: Payload, random: RandomBytes): Generator<void, Resealed> {
  const pages = new Map(vault.pages);
  const writes: StoredItems = {};
  const groups = groupByPage(payload);
  for (const [name, contents] of groups) {
    const old = pages.get(name);
    if (old && sameContents(old, contents)) continue;
    const page = sealPage(vault.vaultKey, name, contents, random);
    pages.set(name, page);
    writes[PAGE_PREFIX + name] = page.sealed;
    yield;
  }
  for (const name of pages.keys()) {
    // A record is only ever replaced (by a tombstone on delete), never dropped, so no page
    // empties: one `set` call then stores every change, with no second, non-atomic `remove`.
    if (!groups.has(name)) throw new Error('an entry vanished without a tombstone');
  }
  return { pages, writes };
}

/**
 * Seals the pages holding a record whose entry or tombstone object changed since the
 * page was sealed (pure operations replace exactly the objects they change, so identity
 * tells what changed); with no previous pages, all of them.
 */
export function resealChanged(vault: Pick<OpenVault, 'vaultKey' | 'pages'>, payload: Payload, random: RandomBytes): Resealed {
  const steps = resealSteps(vault, payload, random);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Creates a new vault with a fresh random vault key. */
export async function createVault(
  passphrase: string,
  payload: Payload,
  params: Argon2idParams,
  { now = Date.now(), random = secureRandomBytes }: SealOptions = {},
): Promise<SealedChange> {
  const lineage: KeyLineage = { vaultKey: random(KEY_LENGTH), epoch: 0, previousKeys: [] };
  const wrapped = await wrapKey(lineage.vaultKey, passphrase, params, random);
  const { pages, writes } = resealChanged({ vaultKey: lineage.vaultKey, pages: new Map() }, payload, random);
  const header = buildHeader({ ...wrapped, createdAt: now }, 0, lineage, payload, pages, now, random);
  return { vault: { ...lineage, header, payload, pages }, writes: { ...writes, [HEADER_KEY]: header } };
}

/**
 * Derives the key-encryption key and unwraps the vault key.
 * @throws VaultError `wrong-passphrase` when the passphrase does not open the vault.
 */
export async function unwrapVaultKey(header: Pick<Header, 'kdf' | 'key'>, passphrase: string, engine?: KdfEngine): Promise<Uint8Array> {
  const { algorithm: _algorithm, salt, ...params } = header.kdf;
  const kek = await deriveKey(passphrase, fromBase64(salt), params, engine);
  let vaultKey: Uint8Array;
  try {
    vaultKey = openText(kek, header.key, keyAssociatedData(header.kdf));
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw corrupt(words('vaultDamage.wrappedKey'));
    throw new VaultError('wrong-passphrase', words('errors.wrongPassphrase'));
  }
  if (vaultKey.length !== KEY_LENGTH) throw corrupt(words('vaultDamage.keyLength'));
  return vaultKey;
}

// Every page, checked against the meta's root before any is decrypted (the root covers
// each page's nonce and tag, which decrypting then authenticates); format 1: every record.
function openRecords(sealed: SealedVault, vaultKey: Uint8Array, root: string) {
  if (sealed.header.version === 1) {
    const legacy = openLegacyRecords(sealed.items, vaultKey);
    if (legacy.root !== root) throw corrupt(words('vaultDamage.recordsMismatch'));
    return { pages: new Map<string, SealedPage>(), contents: legacy.contents };
  }
  if (sealed.pages instanceof VaultError) throw sealed.pages;
  if (rootOf(sealed.pages) !== root) throw corrupt(words('vaultDamage.pagesMismatch'));
  const pages = new Map<string, SealedPage>();
  const contents: RecordContent[] = [];
  for (const [name, decoded] of sealed.pages) {
    const page = openDecodedPage(vaultKey, name, decoded);
    pages.set(name, page);
    for (const record of page.contents) contents.push(record);
  }
  return { pages, contents };
}

/**
 * Opens the stored items with the vault key: the meta, every page, and the check that
 * the pages are exactly those the meta names.
 * @throws VaultError `corrupt` when anything was altered, dropped or added.
 */
export function openVault(items: StoredItems, vaultKey: Uint8Array): OpenVault {
  return openSealedVault(readSealedVault(items), vaultKey);
}

/**
 * Opens a sealed vault with the vault key (see `openVault`).
 * @throws VaultError `corrupt` when anything was altered, dropped or added.
 */
export function openSealedVault(sealed: SealedVault, vaultKey: Uint8Array): OpenVault {
  const { header } = sealed;
  let meta: z.infer<typeof MetaSchema>;
  try {
    const parsed = MetaSchema.safeParse(JSON.parse(fromUtf8(openText(vaultKey, header.meta, metaAssociatedData(header.version, header.revision)))));
    if (!parsed.success) throw corrupt(words('vaultDamage.metaMalformed'));
    meta = parsed.data;
  } catch (error) {
    throw error instanceof VaultError ? error : corrupt(words('vaultDamage.metaUndecryptable'));
  }
  const { pages, contents } = openRecords(sealed, vaultKey, meta.root);
  const payload: Payload = { entries: [], tombstones: [], active: meta.active, settings: meta.settings };
  for (const content of contents) {
    if (isTombstone(content)) payload.tombstones.push(content);
    else payload.entries.push(content);
  }
  payload.entries.sort(byListOrder);
  let previousKeys: Uint8Array[];
  try {
    previousKeys = (meta.previous ?? []).map((text) => fromBase64(text));
  } catch {
    throw corrupt(words('vaultDamage.metaMalformed'));
  }
  if (previousKeys.some((key) => key.length !== KEY_LENGTH)) throw corrupt(words('vaultDamage.metaMalformed'));
  return { header, vaultKey, epoch: meta.epoch ?? 0, previousKeys, payload, pages };
}

/** Opens a vault with its passphrase: the slow step (KDF) runs once, here. */
export async function unlockVault(items: StoredItems, passphrase: string, engine?: KdfEngine): Promise<OpenVault> {
  return unlockSealedVault(readSealedVault(items), passphrase, engine);
}

/** Opens a sealed vault with its passphrase (see `unlockVault`). */
export async function unlockSealedVault(sealed: SealedVault, passphrase: string, engine?: KdfEngine): Promise<OpenVault> {
  return openSealedVault(sealed, await unwrapVaultKey(sealed.header, passphrase, engine));
}

function nextRevision(vault: OpenVault, payload: Payload, { pages, writes }: Resealed, now: number, random: RandomBytes): SealedChange {
  const header = buildHeader(vault.header, vault.header.revision + 1, vault, payload, pages, now, random);
  return { vault: { ...vault, header, payload, pages }, writes: { ...writes, [HEADER_KEY]: header } };
}

/** Seals a changed payload as the next revision: only changed records and the header. No KDF. */
export function sealChanges(vault: OpenVault, payload: Payload, { now = Date.now(), random = secureRandomBytes }: SealOptions = {}): SealedChange {
  return nextRevision(vault, payload, resealChanged(vault, payload, random), now, random);
}

/**
 * `sealChanges`, handing the thread back between pages: after each page it asks `pause`,
 * and waits when that returns a promise. The background pauses there, so a request that
 * arrives while a large change is sealed (the popup opening) is answered meanwhile.
 */
export async function sealChangesInSlices(
  vault: OpenVault,
  payload: Payload,
  pause: () => Promise<void> | undefined,
  { now = Date.now(), random = secureRandomBytes }: SealOptions = {},
): Promise<SealedChange> {
  const steps = resealSteps(vault, payload, random);
  for (;;) {
    const step = steps.next();
    if (step.done) return nextRevision(vault, payload, step.value, now, random);
    const waiting = pause();
    if (waiting) await waiting;
  }
}

/** A vault key wrapped under a passphrase: the KDF settings with their salt, and the sealed key. */
export type WrappedKey = Pick<Header, 'kdf' | 'key'>;
