/**
 * One synced version in the compact form it travels in (the whole sync area holds 100
 * KB): `[id, rev, history, content]`, where content is a tombstone's time, or an entry's
 * shared fields as an array — rarely used fields last and left out when empty, the
 * update time as an offset from the creation time. Rebuilt entries are checked by the
 * vault's own entry schema.
 * @module
 */
import { z } from 'zod/mini';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import { EntrySchema } from '../vault/payload-schema.ts';
import { HISTORY_LENGTH, LOCAL_PARTS, isSharedTombstone, type SharedEntry, type SyncedVersion } from './synced-version.ts';

const TIME = z.int().check(z.nonnegative());
const REV = z.string().check(z.regex(/^[A-Za-z0-9+/]{8}$/));
const SharedEntrySchema = z.omit(EntrySchema, Object.fromEntries(LOCAL_PARTS.map((part) => [part, true])) as { [K in (typeof LOCAL_PARTS)[number]]: true });
/** The encoded form, before its content is rebuilt. */
const EncodedSchema = z.tuple([
  z.string().check(z.regex(/^[A-Za-z0-9+/]{22}$/)),
  REV,
  z.array(REV).check(z.maxLength(HISTORY_LENGTH)),
  z.union([TIME, z.array(z.unknown()).check(z.minLength(6), z.maxLength(11))]),
]);

// An id (32 hex digits) travels as its 16 bytes in base64, without padding: 22 characters.
const hexToBytes = (hex: string) => Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
const bytesToHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

function encodeEntry(entry: SharedEntry): unknown[] {
  const fields = [
    entry.provider,
    entry.name,
    entry.secret,
    entry.enabled ? 1 : 0,
    entry.createdAt,
    entry.updatedAt - entry.createdAt,
    entry.tags,
    entry.notes,
    entry.endpoint ?? null,
    entry.fields,
    entry.expiresAt ?? null,
  ];
  const empty = (value: unknown) => value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
  while (fields.length > 6 && empty(fields[fields.length - 1])) fields.pop();
  return fields;
}

function decodeEntry(id: string, fields: unknown[]): SharedEntry | undefined {
  const [provider, name, secret, enabled, createdAt, updatedBy, tags = [], notes = '', endpoint = null, extra = {}, expiresAt = null] = fields;
  const entry = {
    id,
    provider,
    name,
    secret,
    enabled: enabled === 1,
    createdAt,
    updatedAt: typeof createdAt === 'number' && typeof updatedBy === 'number' ? createdAt + updatedBy : undefined,
    tags,
    notes,
    fields: extra,
    ...(endpoint !== null ? { endpoint } : {}),
    ...(expiresAt !== null ? { expiresAt } : {}),
  };
  const parsed = SharedEntrySchema.safeParse(entry);
  return parsed.success && (enabled === 0 || enabled === 1) ? parsed.data : undefined;
}

/** The compact form of one version. */
export function encodeVersion(version: SyncedVersion): unknown[] {
  const content = isSharedTombstone(version.content) ? version.content.deletedAt : encodeEntry(version.content);
  return [toBase64(hexToBytes(version.id)).slice(0, 22), version.rev, version.history, content];
}

/** One version rebuilt from its compact form, or undefined when it is not a valid one. */
export function decodeVersion(encoded: unknown): SyncedVersion | undefined {
  const parsed = EncodedSchema.safeParse(encoded);
  if (!parsed.success) return undefined;
  const [shortId, rev, history, content] = parsed.data;
  let id: string;
  try {
    id = bytesToHex(fromBase64(`${shortId}==`));
  } catch {
    return undefined;
  }
  const rebuilt = typeof content === 'number' ? { id, deletedAt: content } : decodeEntry(id, content);
  return rebuilt && { id, rev, history, content: rebuilt };
}
