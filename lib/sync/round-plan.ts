/**
 * One sync round, planned: given the area as read and this browser's open vault, the
 * merged vault, its bookkeeping, and what to write to the area (whole groups, a new
 * header when one is due) and remove from it (items of the older one-per-key form).
 * Pure: the engine reads, writes and keeps the state.
 * @module
 */
import type { RandomBytes } from '../crypto/random.ts';
import type { OpenVault } from '../vault/envelope.ts';
import type { Payload } from '../vault/payload-schema.ts';
import { currentVersions, mergeWithRemote, type VersionMarks } from './merge.ts';
import { keyedStamp, type SyncedVersion } from './synced-version.ts';
import { SYNC_HEADER_KEY, buildSyncHeader, type ReadHeader } from './sync-header.ts';
import { decideHeader } from './header-decision.ts';
import { groupKey, groupOf, isGroupKey, openGroup, sealGroup } from './sync-groups.ts';
import { usageOf, whyItDoesNotFit, type Usage } from './sync-limits.ts';
import { SyncError } from './sync-error.ts';
import { words, type Words } from '../words.ts';

/** Items of the first sync format (one per key): replaced by groups, then removed. */
const LEGACY_ITEM = /^e[0-9a-f]{32}$/;


export interface RoundInput {
  area: Record<string, unknown>;
  found: ReadHeader | undefined;
  vault: OpenVault;
  vaultId: string;
  marks: VersionMarks;
  newRev: () => string;
  random: RandomBytes;
}

export interface RoundPlan {
  payload: Payload;
  marks: VersionMarks;
  /** Whether the local vault changed. */
  changed: boolean;
  writes: Record<string, unknown>;
  removals: string[];
  /** Why the vault would not fit the area (then nothing is written). */
  tooBig: Words | undefined;
  /** The area's header did not verify and is being replaced: the user should know. */
  replacedHeader: boolean;
  usage: Usage;
}

/** Every version in the area's groups (sealed under the vault key or one it replaced). */
export function versionsIn(area: Record<string, unknown>, vaultKeys: readonly Uint8Array[], vaultId: string): Map<string, SyncedVersion> {
  const versions = new Map<string, SyncedVersion>();
  for (const [key, value] of Object.entries(area)) {
    if (!isGroupKey(key)) continue;
    for (const version of openGroup(vaultKeys, vaultId, key, value)) versions.set(version.id, version);
  }
  return versions;
}

/**
 * Plans the round.
 * @throws SyncError `sync-header-refused` when the passphrase was changed elsewhere; `sync-damaged` for an item that does not open.
 */
export function planRound({ area, found, vault, vaultId, marks, newRev, random }: RoundInput): RoundPlan {
  const decision = decideHeader(found, vault);
  if (decision === 'retired' || decision === 'outranked') throw new SyncError('sync-header-refused', words('errors.syncPassphraseChanged'));
  const remote = versionsIn(area, [vault.vaultKey, ...vault.previousKeys], vaultId);
  const merged = mergeWithRemote(vault.payload, marks, remote, newRev, keyedStamp(vault));
  // A new header (a new key, or one replacing an old or forged header): every group is sealed again under the current key.
  const publishAll = decision !== 'keep';
  const groups = new Set((publishAll ? currentVersions(merged.payload, merged.marks) : merged.publish).map((version) => groupOf(version.id)));
  const byGroup = new Map<string, SyncedVersion[]>();
  for (const version of currentVersions(merged.payload, merged.marks)) {
    const group = groupOf(version.id);
    if (groups.has(group)) byGroup.set(group, [...(byGroup.get(group) ?? []), version]);
  }
  const writes: Record<string, unknown> = {};
  for (const [group, versions] of byGroup) writes[groupKey(group)] = sealGroup(vault.vaultKey, vaultId, group, versions, random);
  if (publishAll) writes[SYNC_HEADER_KEY] = buildSyncHeader(vaultId, vault, random);
  const removals = Object.keys(area).filter((key) => LEGACY_ITEM.test(key));
  const projected = Object.fromEntries(Object.entries({ ...area, ...writes }).filter(([key]) => !removals.includes(key)));
  const tooBig = whyItDoesNotFit(projected, (key) => namesIn(merged.payload, key));
  return {
    payload: merged.payload,
    marks: merged.marks,
    changed: merged.changed,
    writes,
    removals,
    tooBig,
    replacedHeader: decision === 'replace',
    usage: usageOf(tooBig ? area : projected),
  };
}

function namesIn(payload: Payload, key: string): string[] {
  return payload.entries.filter((entry) => groupKey(groupOf(entry.id)) === key).map((entry) => entry.name);
}
