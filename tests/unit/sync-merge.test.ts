import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currentVersions, mergeWithRemote, type VersionMarks } from '../../lib/sync/merge.ts';
import { groupOf } from '../../lib/sync/sync-groups.ts';
import { shareOf, type Stamp, type SyncedVersion } from '../../lib/sync/synced-version.ts';
import { canonicalJson } from '../../lib/crypto/encoding.ts';
import { emptyPayload, type Entry, type Payload } from '../../lib/vault/payload-schema.ts';

const stamp: Stamp = { of: (content) => canonicalJson(content), matches: (value, content) => value === canonicalJson(content) };
const RUNS = 10_000;

interface Browser {
  payload: Payload;
  marks: VersionMarks;
  /** Every marker this browser has held, by entry id. */
  observed: Map<string, Set<string>>;
}

type Op =
  | { kind: 'add'; browser: number }
  | { kind: 'edit'; browser: number; pick: number }
  | { kind: 'delete'; browser: number; pick: number }
  | { kind: 'sync'; browser: number; staleness: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), browser: fc.nat(2) }),
  fc.record({ kind: fc.constant('edit' as const), browser: fc.nat(2), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('delete' as const), browser: fc.nat(2), pick: fc.nat(20) }),
  // Reading an older copy of the area stands for change events dropped, reordered or late.
  fc.record({ kind: fc.constant('sync' as const), browser: fc.nat(2), staleness: fc.nat(3) }),
);

function entry(id: string, notes: string, at: number): Entry {
  return { id, provider: 'openai', name: `Key ${id.slice(-4)}`, secret: `sk-${id}`, fields: {}, tags: [], notes, enabled: true, createdAt: at, updatedAt: at, useCount: 0 };
}

/**
 * Simulates browsers sharing one sync area (last writer wins per item, and an item is a
 * group of keys). The ids here all fall in one group: every write replaces every key's
 * version, the hardest case for the merge.
 */
function simulate(ops: Op[]) {
  const browsers: Browser[] = [0, 1, 2].map(() => ({ payload: emptyPayload(), marks: {}, observed: new Map() }));
  let area = new Map<string, SyncedVersion>();
  const snapshots = [area];
  const authored = new Map<string, string>(); // marker → entry id
  const superseded = new Set<string>();
  let clock = 1_000;
  let revs = 0;
  const newRev = () => `r${String(revs++).padStart(10, '0')}`;

  const observe = (b: Browser) => {
    for (const e of b.payload.entries) {
      const seen = b.observed.get(e.id) ?? new Set<string>();
      seen.add(e.notes);
      b.observed.set(e.id, seen);
    }
  };
  const supersede = (b: Browser, id: string) => b.observed.get(id)?.forEach((marker) => superseded.add(marker));

  const round = (b: Browser, snapshot: Map<string, SyncedVersion>) => {
    const merged = mergeWithRemote(b.payload, b.marks, snapshot, newRev, stamp);
    b.payload = merged.payload;
    b.marks = merged.marks;
    if (merged.publish.length > 0) {
      // As the engine does: every group with something to publish is written whole, with
      // this browser's versions of its keys, replacing what other browsers wrote there.
      area = new Map(area);
      const groups = new Set(merged.publish.map((version) => groupOf(version.id)));
      for (const id of area.keys()) if (groups.has(groupOf(id))) area.delete(id);
      for (const version of currentVersions(merged.payload, merged.marks)) if (groups.has(groupOf(version.id))) area.set(version.id, version);
      snapshots.push(area);
    }
    observe(b);
    return merged.publish.length > 0 || merged.changed;
  };

  for (const step of ops) {
    const b = browsers[step.browser]!;
    clock += 1;
    if (step.kind === 'add') {
      const id = (clock.toString(16) + step.browser).padStart(32, '0');
      const marker = `m${clock}`;
      authored.set(marker, id);
      b.payload = { ...b.payload, entries: [...b.payload.entries, entry(id, marker, clock)] };
    } else if (step.kind === 'edit' && b.payload.entries.length > 0) {
      const target = b.payload.entries[step.pick % b.payload.entries.length]!;
      const marker = `m${clock}`;
      authored.set(marker, target.id);
      supersede(b, target.id);
      b.payload = { ...b.payload, entries: b.payload.entries.map((e) => (e.id === target.id ? { ...e, notes: marker, updatedAt: clock } : e)) };
    } else if (step.kind === 'delete' && b.payload.entries.length > 0) {
      const target = b.payload.entries[step.pick % b.payload.entries.length]!;
      supersede(b, target.id);
      b.payload = {
        ...b.payload,
        entries: b.payload.entries.filter((e) => e.id !== target.id),
        tombstones: [...b.payload.tombstones.filter((t) => t.id !== target.id), { id: target.id, deletedAt: clock }],
      };
    } else if (step.kind === 'sync') {
      round(b, snapshots[Math.max(0, snapshots.length - 1 - step.staleness)]!);
    }
    observe(b);
  }
  // Everyone back online: rounds on fresh reads until nothing moves.
  for (let cycle = 0; cycle < 20; cycle++) {
    let moved = false;
    for (const b of browsers) moved = round(b, area) || moved;
    if (!moved) break;
  }
  return { browsers, authored, superseded, area };
}

const sharedView = (payload: Payload) =>
  JSON.stringify([
    [...payload.entries].map(shareOf).sort((a, b) => (a.id < b.id ? -1 : 1)),
    [...payload.tombstones].sort((a, b) => (a.id < b.id ? -1 : 1)),
  ]);

describe('sync merge, three browsers sharing one area', () => {
  it(`converges and loses no edit over ${RUNS.toLocaleString('en')} random offline edit, delete and reconnect sequences`, () => {
    let conflicts = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        const { browsers, authored, superseded } = simulate(ops);
        const views = browsers.map((b) => sharedView(b.payload));
        expect(views[1]).toBe(views[0]);
        expect(views[2]).toBe(views[0]);
        const present = new Set(browsers[0]!.payload.entries.map((e) => e.notes));
        for (const marker of authored.keys()) {
          if (!present.has(marker) && !superseded.has(marker)) throw new Error(`edit ${marker} was lost`);
        }
        conflicts += browsers[0]!.payload.entries.filter((e) => e.name.endsWith('(conflict copy)')).length;
      }),
      { numRuns: RUNS },
    );
    expect(conflicts).toBeGreaterThan(0); // the sequences did reach conflicts
  });

  it('keeps the losing side of a conflict as a disabled copy, on both browsers alike', () => {
    const { browsers } = simulate([
      { kind: 'add', browser: 0 },
      { kind: 'sync', browser: 0, staleness: 0 },
      { kind: 'sync', browser: 1, staleness: 0 },
      { kind: 'edit', browser: 0, pick: 0 },
      { kind: 'edit', browser: 1, pick: 0 },
      { kind: 'sync', browser: 0, staleness: 0 },
      { kind: 'sync', browser: 1, staleness: 0 },
    ]);
    const entries = browsers[0]!.payload.entries;
    expect(entries).toHaveLength(2);
    const copy = entries.find((e) => e.name.endsWith(' (conflict copy)'))!;
    const kept = entries.find((e) => e !== copy)!;
    expect(copy.enabled).toBe(false);
    expect(Number(kept.notes.slice(1))).toBeGreaterThan(Number(copy.notes.slice(1))); // the later edit wins
    expect(sharedView(browsers[1]!.payload)).toBe(sharedView(browsers[0]!.payload));
  });

  it('brings back an entry deleted on one side and edited later on the other', () => {
    const { browsers } = simulate([
      { kind: 'add', browser: 0 },
      { kind: 'sync', browser: 0, staleness: 0 },
      { kind: 'sync', browser: 1, staleness: 0 },
      { kind: 'delete', browser: 0, pick: 0 },
      { kind: 'edit', browser: 1, pick: 0 },
      { kind: 'sync', browser: 0, staleness: 0 },
      { kind: 'sync', browser: 1, staleness: 0 },
    ]);
    expect(browsers[0]!.payload.entries).toHaveLength(1);
    expect(browsers[0]!.payload.tombstones).toHaveLength(0);
  });
});
