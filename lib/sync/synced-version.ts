/**
 * What travels to the sync area for one entry: the parts every browser shares, a
 * revision id and the revisions it descends from. Device-local parts (uses, last use,
 * check results, usage read from the provider, budget, when it was revoked here, the
 * sites it was filled on) never
 * leave this browser.
 * @module
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson, toBase64, utf8 } from '../crypto/encoding.ts';
import type { Entry, Payload } from '../vault/payload-schema.ts';
import { checkTarget } from '../vault/entries.ts';

export type Tombstone = Payload['tombstones'][number];
/** The parts of an entry that only make sense on this machine. */
export const LOCAL_PARTS = ['useCount', 'lastUsedAt', 'validation', 'usage', 'budget', 'revokedAt', 'usedOn'] as const;
/** An entry without what only makes sense on this machine. */
export type SharedEntry = Omit<Entry, (typeof LOCAL_PARTS)[number]>;

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
 * Kept in the clear, so it is keyed (an HMAC under a key derived from the vault key),
 * and taken over canonical JSON, so a record whose fields come back from storage in
 * another order is not mistaken for an edit.
 */
export interface Stamp {
  /** The stamp of `content` now. */
  of(content: SharedEntry | Tombstone): string;
  /** Whether `stamp` was taken of this very content (under this vault key or one it replaced, or by an older version of the rule). */
  matches(stamp: string, content: SharedEntry | Tombstone): boolean;
}

const STAMP_CONTEXT = utf8('ai-key-vault sync stamp');

/** Stamps keyed by the vault key; stamps made under the keys it replaced still match. */
export function keyedStamp({ vaultKey, previousKeys }: { vaultKey: Uint8Array; previousKeys: readonly Uint8Array[] }): Stamp {
  const keys = [vaultKey, ...previousKeys].map((key) => hmac(sha256, key, STAMP_CONTEXT));
  const mac = (key: Uint8Array, text: string) => toBase64(hmac(sha256, key, utf8(text)).slice(0, 12));
  const of = (content: SharedEntry | Tombstone) => mac(keys[0]!, canonicalJson(content));
  return {
    of,
    matches: (stamp, content) => {
      if (stamp === of(content)) return true;
      const canonical = canonicalJson(content);
      const legacy = JSON.stringify(content); // stamps written before they were canonical
      return keys.some((key, i) => (i > 0 && mac(key, canonical) === stamp) || mac(key, legacy) === stamp);
    },
  };
}

export function shareOf(content: Entry | Tombstone): SharedEntry | Tombstone {
  if ('deletedAt' in content) return content;
  const { useCount: _uses, lastUsedAt: _lastUse, validation: _validation, usage: _usage, budget: _budget, revokedAt: _revoked, usedOn: _sites, ...shared } = content;
  return shared;
}

/**
 * A synced entry as this browser keeps it: with its own uses and budget and, if still
 * about the same key, its check, usage and revocation.
 */
export function withLocalParts(shared: SharedEntry, local: Entry | undefined): Entry {
  const entry: Entry = { ...shared, useCount: local?.useCount ?? 0 };
  if (local?.lastUsedAt !== undefined) entry.lastUsedAt = local.lastUsedAt;
  if (local?.budget !== undefined) entry.budget = local.budget;
  if (local?.usedOn) entry.usedOn = local.usedOn;
  if (!local || checkTarget(local) !== checkTarget(entry)) return entry;
  if (local.validation) entry.validation = local.validation;
  if (local.usage) entry.usage = local.usage;
  if (local.revokedAt !== undefined) entry.revokedAt = local.revokedAt;
  return entry;
}
