/**
 * Merging this browser's vault with the sync area, entry by entry. Each version carries
 * a revision id and the ids it descends from, so a browser can tell "the other side built
 * on mine" (take theirs), "mine built on theirs" (publish mine) and "both changed it"
 * (a conflict). In a conflict the later change wins and the other is kept as a disabled
 * "conflict copy" whose id and revision are derived from the loser, so every browser that
 * merges the same pair reaches the same vault. A version this browser has already held,
 * or one older than a key it has not changed itself, is never taken back from the area
 * (an old item sent back): the browser publishes its own again. Pure: no storage, no clock.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { toBase64, utf8 } from '../crypto/encoding.ts';
import type { Entry, Payload } from '../vault/payload-schema.ts';
import { successorOf } from '../vault/succession.ts';
import { byListOrder } from '../vault/entry-order.ts';
import {
  HISTORY_LENGTH,
  changedAt,
  isSharedTombstone,
  shareOf,
  withLocalParts,
  type Stamp,
  type SharedEntry,
  type SyncedVersion,
  type Tombstone,
} from './synced-version.ts';

/** What this browser remembers of each entry's last synced version (kept in the clear: ids only). */
export interface VersionMark {
  rev: string;
  history: string[];
  /** Written here and not yet seen built upon elsewhere: worth defending in a conflict. */
  mine: boolean;
  /** The local record's state when marked (see `Stamp`). */
  stamp: string;
  /** Earlier revisions this browser held of this record, newest first (kept here only, a few dozen). */
  seen?: string[];
}
export type VersionMarks = Record<string, VersionMark>;

export interface MergeResult {
  payload: Payload;
  marks: VersionMarks;
  /** Versions the sync area lacks. */
  publish: SyncedVersion[];
  /** Whether the local vault changed. */
  changed: boolean;
}

// Not in the reader's language: every browser that merges the same pair must write the very same copy.
const COPY_SUFFIX = ' (conflict copy)';
/** How many earlier revisions of a record a browser remembers having held. */
export const SEEN_LENGTH = 32;

function derived(...parts: string[]): Uint8Array {
  return sha256(utf8(JSON.stringify(parts)));
}

/** A revision id: 6 bytes (random, or derived from its parts) in base64, 8 characters. */
export const revOf = (bytes: Uint8Array): string => toBase64(bytes.slice(0, 6));

export function derivedRev(...parts: string[]): string {
  return revOf(derived('rev', ...parts));
}

function laterOf(a: SyncedVersion, b: SyncedVersion): [winner: SyncedVersion, loser: SyncedVersion] {
  const order = changedAt(a.content) - changedAt(b.content) || (a.rev > b.rev ? 1 : -1);
  return order > 0 ? [a, b] : [b, a];
}

function conflictCopy(loser: SyncedVersion & { content: SharedEntry }): SyncedVersion {
  const id = bytesToHex(derived('conflict-copy', loser.id, loser.rev).slice(0, 16));
  const name = loser.content.name.slice(0, 100 - COPY_SUFFIX.length) + COPY_SUFFIX;
  return { id, rev: derivedRev('copy', loser.rev), history: [], content: { ...loser.content, id, name, enabled: false } };
}

/**
 * Is the area's version one this browser must not take: one it has held before (an
 * ancestor of its own), or, for a record it has not changed itself, an unrelated version
 * no newer than its own (a descendant is always newer: edits only move `updatedAt` on).
 */
function isStale(theirs: SyncedVersion, mine: { version: SyncedVersion; mine: boolean }, mark: VersionMark | undefined): boolean {
  if (mine.version.history.includes(theirs.rev) || mark?.seen?.includes(theirs.rev)) return true;
  if (mine.mine || theirs.history.includes(mine.version.rev)) return false;
  return changedAt(theirs.content) <= changedAt(mine.version.content);
}

/** This browser's current version of every record, with new revisions for local changes. */
function localVersions(payload: Payload, marks: VersionMarks, newRev: () => string, stamp: Stamp) {
  const versions = new Map<string, { version: SyncedVersion; mine: boolean }>();
  for (const record of [...payload.entries, ...payload.tombstones]) {
    const content = shareOf(record);
    const mark = marks[record.id];
    if (mark && stamp.matches(mark.stamp, content)) {
      versions.set(record.id, { version: { id: record.id, rev: mark.rev, history: mark.history, content }, mine: mark.mine });
    } else {
      const history = mark ? [mark.rev, ...mark.history].slice(0, HISTORY_LENGTH) : [];
      versions.set(record.id, { version: { id: record.id, rev: newRev(), history, content }, mine: true });
    }
  }
  return versions;
}

/** Merges the area's versions (`remote`, by id) into the local payload. */
export function mergeWithRemote(
  payload: Payload,
  marks: VersionMarks,
  remote: ReadonlyMap<string, SyncedVersion>,
  newRev: () => string,
  stamp: Stamp,
): MergeResult {
  const local = localVersions(payload, marks, newRev, stamp);
  const entries = new Map<string, Entry>(payload.entries.map((e) => [e.id, e]));
  const tombstones = new Map<string, Tombstone>(payload.tombstones.map((t) => [t.id, t]));
  const nextMarks: VersionMarks = {};
  const publish: SyncedVersion[] = [];
  const copies: SyncedVersion[] = [];
  let changed = false;

  const keep = (version: SyncedVersion, mine: boolean) => {
    const before = marks[version.id];
    const seen = before ? [...new Set([before.rev, ...(before.seen ?? [])])].filter((rev) => rev !== version.rev).slice(0, SEEN_LENGTH) : [];
    nextMarks[version.id] = { rev: version.rev, history: version.history, mine, stamp: stamp.of(version.content), ...(seen.length ? { seen } : {}) };
  };
  const adopt = (version: SyncedVersion, mine: boolean) => {
    const { id, content } = version;
    if (isSharedTombstone(content)) {
      entries.delete(id);
      tombstones.set(id, content);
    } else {
      entries.set(id, withLocalParts(content, entries.get(id)));
      tombstones.delete(id);
    }
    keep(version, mine);
    changed = true;
  };

  for (const id of new Set([...local.keys(), ...remote.keys()])) {
    const mine = local.get(id);
    const theirs = remote.get(id);
    if (!theirs) {
      keep(mine!.version, mine!.mine);
      publish.push(mine!.version);
    } else if (!mine) {
      adopt(theirs, false);
    } else if (mine.version.rev === theirs.rev) {
      keep(mine.version, mine.mine);
    } else if (isStale(theirs, mine, marks[id])) {
      keep(mine.version, mine.mine);
      publish.push(mine.version);
    } else if (theirs.history.includes(mine.version.rev) || !mine.mine) {
      adopt(theirs, false);
    } else if (mine.version.history.includes(theirs.rev)) {
      keep(mine.version, true);
      publish.push(mine.version);
    } else {
      const [winner, loser] = laterOf(mine.version, theirs);
      const revs = [mine.version.rev, theirs.rev].sort();
      const merged: SyncedVersion = {
        id,
        rev: derivedRev('merge', ...revs),
        history: [...new Set([...revs, ...winner.history])].slice(0, HISTORY_LENGTH),
        content: winner.content,
      };
      if (winner === mine.version) keep(merged, true);
      else adopt(merged, true);
      publish.push(merged);
      const sameContent = stamp.of(loser.content) === stamp.of(winner.content);
      if (!sameContent && !isSharedTombstone(loser.content)) copies.push(conflictCopy(loser as SyncedVersion & { content: SharedEntry }));
    }
  }
  for (const copy of copies) {
    if (nextMarks[copy.id]) continue; // already here, or in the area: merged above
    adopt(copy, true);
    publish.push(copy);
  }
  const next: Payload = { ...payload, entries: sortEntries([...entries.values()]), tombstones: [...tombstones.values()] };
  return { payload: changed ? withActiveRepaired(next) : payload, marks: nextMarks, publish, changed };
}

/** Every record's version as last merged (each record of `payload` has its mark after a merge). */
export function currentVersions(payload: Payload, marks: VersionMarks): SyncedVersion[] {
  return [...payload.entries, ...payload.tombstones].flatMap((record) => {
    const mark = marks[record.id];
    return mark ? [{ id: record.id, rev: mark.rev, history: mark.history, content: shareOf(record) }] : [];
  });
}

function sortEntries(entries: Entry[]): Entry[] {
  return entries.sort(byListOrder);
}

/** Every provider with keys keeps an active key that exists. */
function withActiveRepaired(payload: Payload): Payload {
  const active: Payload['active'] = {};
  const ids = new Set(payload.entries.map((e) => e.id));
  for (const provider of new Set(payload.entries.map((e) => e.provider))) {
    const current = payload.active[provider];
    const chosen = current && ids.has(current) && payload.entries.find((e) => e.id === current)?.provider === provider ? current : successorOf(payload.entries, provider, '')?.id;
    if (chosen) active[provider] = chosen;
  }
  return { ...payload, active };
}
