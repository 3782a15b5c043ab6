/**
 * What travels to the sync area for one entry: the parts every browser shares, a
 * revision id and the revisions it descends from. Device-local parts (uses, last use,
 * check results) never leave this browser.
 * @module
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64, utf8 } from '../crypto/encoding.ts';
import type { Entry, Payload } from '../vault/payload-schema.ts';
import { checkTarget } from '../vault/entries.ts';

export type Tombstone = Payload['tombstones'][number];
/** An entry without what only makes sense on this machine. */
export type SharedEntry = Omit<Entry, 'useCount' | 'lastUsedAt' | 'validation'>;

export interface SyncedVersion {
  id: string;
  /** This version's id: random for an edit, derived from both sides for a merge. */
  rev: string;
  /** The revisions this one descends from, newest first (a few, bounded). */
  history: string[];
  content: SharedEntry | Tombstone;
}

/** How many ancestor revisions a version keeps. */
export const HISTORY_LENGTH = 6;

export function isSharedTombstone(content: SharedEntry | Tombstone): content is Tombstone {
  return 'deletedAt' in content;
}

/** When this content was last changed. */
export function changedAt(content: SharedEntry | Tombstone): number {
  return isSharedTombstone(content) ? content.deletedAt : content.updatedAt;
}

/**
 * A fingerprint of a record's shared content: tells a local change since the last sync.
 * Kept in the clear, so it is keyed (an HMAC under a key derived from the vault key).
 */
export type Stamp = (content: SharedEntry | Tombstone) => string;

export function keyedStamp(vaultKey: Uint8Array): Stamp {
  const key = hmac(sha256, vaultKey, utf8('ai-key-vault sync stamp'));
  return (content) => toBase64(hmac(sha256, key, utf8(JSON.stringify(content))).slice(0, 12));
}

export function shareOf(content: Entry | Tombstone): SharedEntry | Tombstone {
  if ('deletedAt' in content) return content;
  const { useCount: _uses, lastUsedAt: _lastUse, validation: _validation, ...shared } = content;
  return shared;
}

/** A synced entry as this browser keeps it: with its own uses and, if still about the same key, its check. */
export function withLocalParts(shared: SharedEntry, local: Entry | undefined): Entry {
  const entry: Entry = { ...shared, useCount: local?.useCount ?? 0 };
  if (local?.lastUsedAt !== undefined) entry.lastUsedAt = local.lastUsedAt;
  if (local?.validation && checkTarget(local) === checkTarget(entry)) entry.validation = local.validation;
  return entry;
}
