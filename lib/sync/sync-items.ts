/**
 * The sync area's entry items (the header `h` is in `sync-header.ts`). `e<id>` is one
 * entry (or tombstone), sealed under the vault key and bound to its vault and id, in a
 * compact array form because the whole area holds 100 KB. Nothing readable travels.
 * @module
 */
import { z } from 'zod';
import { open, seal, NONCE_LENGTH } from '../crypto/aead.ts';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/encoding.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { ENTRY_ID, EntrySchema } from '../vault/payload-schema.ts';
import { SYNC_FORMAT } from './sync-header.ts';
import { HISTORY_LENGTH, LOCAL_PARTS, isSharedTombstone, type SyncedVersion } from './synced-version.ts';
import { SyncError } from './sync-error.ts';

/** The entry items' version (part of what each item is bound to). */
export const SYNC_ITEM_VERSION = 1;
export const SYNC_ENTRY_PREFIX = 'e';

const TIME = z.number().int().nonnegative();
const REV = z.string().regex(/^[A-Za-z0-9+/]{8}$/);

// An entry travels as an array of its shared fields, in this order; once rebuilt into an
// object it is checked by the vault's own entry schema.
const SHARED_FIELDS = ['provider', 'name', 'secret', 'endpoint', 'fields', 'tags', 'notes', 'enabled', 'createdAt', 'updatedAt', 'expiresAt'] as const;
const SharedEntrySchema = EntrySchema.omit(Object.fromEntries(LOCAL_PARTS.map((part) => [part, true])) as { [K in (typeof LOCAL_PARTS)[number]]: true });
const VersionArraySchema = z.tuple([REV, z.array(REV).max(HISTORY_LENGTH), z.union([TIME, z.array(z.unknown()).length(SHARED_FIELDS.length)])]);

function associatedData(vaultId: string, id: string): Uint8Array {
  return utf8(JSON.stringify([SYNC_FORMAT, SYNC_ITEM_VERSION, vaultId, id]));
}

function toArray(content: SyncedVersion['content']): number | unknown[] {
  if (isSharedTombstone(content)) return content.deletedAt;
  return SHARED_FIELDS.map((field) => content[field] ?? null);
}

function fromArray(id: string, content: number | unknown[]): SyncedVersion['content'] | undefined {
  if (typeof content === 'number') return { id, deletedAt: content };
  const entry: Record<string, unknown> = { id };
  SHARED_FIELDS.forEach((field, i) => {
    if (content[i] !== null) entry[field] = content[i];
  });
  const parsed = SharedEntrySchema.safeParse(entry);
  return parsed.success ? parsed.data : undefined;
}

export const entryKey = (id: string) => SYNC_ENTRY_PREFIX + id;

/** Seals one version as the value of its item: base64 of nonce and ciphertext. */
export function sealVersion(vaultKey: Uint8Array, vaultId: string, version: SyncedVersion, random: RandomBytes): string {
  const plain = utf8(JSON.stringify([version.rev, version.history, toArray(version.content)]));
  const { nonce, ciphertext } = seal(vaultKey, plain, associatedData(vaultId, version.id), random);
  const joined = new Uint8Array(nonce.length + ciphertext.length);
  joined.set(nonce);
  joined.set(ciphertext, nonce.length);
  return toBase64(joined);
}

// The item opened with the first key that fits (the vault key, or one it replaced).
function openWithAny(vaultKeys: readonly Uint8Array[], joined: Uint8Array, ad: Uint8Array): Uint8Array {
  for (const vaultKey of vaultKeys) {
    try {
      return open(vaultKey, { nonce: joined.slice(0, NONCE_LENGTH), ciphertext: joined.slice(NONCE_LENGTH) }, ad);
    } catch {
      // not sealed under this key: try the next
    }
  }
  throw damaged();
}

/**
 * Opens one entry item with the vault key or a key it replaced (items written before a
 * passphrase change).
 * @throws SyncError `sync-damaged` when it was altered, moved, truncated or is not ours.
 */
export function openVersion(vaultKeys: readonly Uint8Array[], vaultId: string, key: string, value: unknown): SyncedVersion {
  const id = key.slice(SYNC_ENTRY_PREFIX.length);
  if (!key.startsWith(SYNC_ENTRY_PREFIX) || !ENTRY_ID.safeParse(id).success || typeof value !== 'string') throw damaged();
  let parsed;
  try {
    parsed = VersionArraySchema.safeParse(JSON.parse(fromUtf8(openWithAny(vaultKeys, fromBase64(value), associatedData(vaultId, id)))));
  } catch {
    throw damaged();
  }
  const content = parsed.success ? fromArray(id, parsed.data[2]) : undefined;
  if (!parsed.success || !content) throw damaged();
  const [rev, history] = parsed.data;
  return { id, rev, history, content };
}

function damaged(): SyncError {
  return new SyncError('sync-damaged', 'An item in your browser’s sync storage is damaged or was altered. Nothing was taken from it; the vault on this browser is unchanged.');
}
