/**
 * Old sync items sent back, bookkeeping that a fault cut off, and records whose keys
 * come back from storage in another order: none of them may bring back an old version
 * or invent a conflict that no one made.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clock, must } from './background-harness.ts';
import { firstBrowserSyncing, inBrowser, names, resetWorld, secondBrowserJoined, world } from './sync-browsers.ts';
import { keyedStamp, shareOf } from '../../lib/sync/synced-version.ts';
import type { Entry } from '../../lib/vault/payload-schema.ts';

const notesOf = async () => Object.fromEntries((await must('listEntries', {})).entries.map((e) => [e.name, e.notes]));
const idOf = async (name: string) => (await must('listEntries', {})).entries.find((e) => e.name === name)!.id;

beforeEach(resetWorld);

describe('a replayed sync item', () => {
  it('is never adopted by a browser that has seen a newer version, even one that did not write it', async () => {
    await firstBrowserSyncing();
    await secondBrowserJoined();
    const before = structuredClone(world.area.items);
    await inBrowser(world.a, async () => {
      clock.now += 1000;
      await must('updateEntry', { id: await idOf('Hobby'), changes: { notes: 'second version' } });
      await must('syncNow', {});
    });
    await inBrowser(world.b, async () => {
      await must('syncNow', {});
      expect((await notesOf()).Hobby).toBe('second version');
    });
    // Someone puts the first version's item back.
    const replayed = Object.keys(before).filter((key) => key !== 'h' && before[key] !== world.area.items[key]);
    expect(replayed).toHaveLength(1);
    for (const key of replayed) world.area.items[key] = before[key];
    for (const profile of [world.b, world.a]) {
      await inBrowser(profile, async () => {
        await must('syncNow', {});
        expect((await notesOf()).Hobby).toBe('second version');
        expect(await names()).not.toContain('Hobby (conflict copy)');
      });
    }
  });
});

describe('sync bookkeeping', () => {
  it('stamps a record by its content, not by the order its fields come back from storage in', () => {
    const stamp = keyedStamp({ vaultKey: new Uint8Array(32).fill(7), previousKeys: [] });
    const entry: Entry = { id: 'a'.repeat(32), provider: 'openai', name: 'n', secret: 's', endpoint: 'https://x.example', fields: { b: '2', a: '1' }, tags: [], notes: '', enabled: true, createdAt: 1, updatedAt: 2, useCount: 0 };
    const reordered = { ...Object.fromEntries(Object.entries(entry).reverse()), fields: { a: '1', b: '2' } } as unknown as Entry;
    expect(stamp.of(shareOf(reordered))).toBe(stamp.of(shareOf(entry)));
  });

  it('publishes nothing for an edited key with an endpoint after a worker restart', async () => {
    await firstBrowserSyncing();
    await inBrowser(world.a, async () => {
      await must('updateEntry', { id: await idOf('Hobby'), changes: { endpoint: 'https://gateway.example.com/v1', fields: {} } });
      await must('syncNow', {});
    });
    const writes = world.area.writes;
    await inBrowser(world.a, async () => void (await must('syncNow', {})));
    expect(world.area.writes).toBe(writes);
  });
});

describe('a sync round cut short by a fault', () => {
  const local = fakeBrowser.storage.local;
  let original: typeof local.set;
  afterEach(() => Object.assign(local, { set: original }));

  it('makes no conflict copy of a key no one else edited, whichever local write fails', async () => {
    for (let failAt = 1; failAt <= 4; failAt++) {
      for (const mode of ['fail before', 'apply, then fail'] as const) {
        resetWorld();
        await firstBrowserSyncing();
        await secondBrowserJoined();
        await inBrowser(world.a, async () => {
          clock.now += 1000;
          await must('updateEntry', { id: await idOf('Work laptop'), changes: { notes: 'edited on A' } });
          await must('syncNow', {});
        });
        await inBrowser(world.b, async () => {
          original = local.set.bind(local);
          let calls = 0;
          vi.spyOn(console, 'error').mockImplementation(() => undefined);
          Object.assign(local, {
            set: async (items: Record<string, unknown>) => {
              calls += 1;
              if (calls !== failAt) return original(items);
              if (mode === 'apply, then fail') await original(items);
              throw new Error('the worker stopped');
            },
          });
          await must('syncNow', {});
          Object.assign(local, { set: original });
          vi.restoreAllMocks();
        });
        for (const profile of [world.b, world.a, world.b]) await inBrowser(profile, async () => void (await must('syncNow', {})));
        for (const profile of [world.a, world.b]) {
          await inBrowser(profile, async () => {
            expect(await names(), `${mode} at write ${failAt}`).toEqual(['Hobby', 'Laptop', 'Work laptop']);
            expect((await notesOf())['Work laptop']).toBe('edited on A');
          });
        }
      }
    }
  });
});
