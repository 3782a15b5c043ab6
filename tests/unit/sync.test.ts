import { beforeEach, describe, expect, it } from 'vitest';
import { clock, must, send } from './background-harness.ts';
import { SYNC_STATE_KEY } from '../../lib/background/sync/sync-state.ts';
import { groupKey, groupOf } from '../../lib/sync/sync-groups.ts';
import { A_PASSPHRASE, B_PASSPHRASE, HOBBY, LAPTOP, WORK, firstBrowserSyncing, inBrowser, names, resetWorld, secondBrowserJoined, world } from './sync-browsers.ts';

const vaultItems = (local: Record<string, unknown>) => JSON.stringify(Object.entries(local).filter(([key]) => key !== SYNC_STATE_KEY));

beforeEach(resetWorld);

describe('sync between two browsers', () => {
  it('puts only ciphertext in the sync area, and says how much of the quota it uses', async () => {
    await firstBrowserSyncing();
    const text = JSON.stringify(world.area.items);
    // The header and the groups of the two keys (random ids: one group or two).
    let ids: string[] = [];
    await inBrowser(world.a, async () => void (ids = (await must('listEntries', {})).entries.map(({ id }) => id)));
    const items = ['h', ...new Set(ids.map((id) => groupKey(groupOf(id))))].sort();
    expect(Object.keys(world.area.items).sort()).toEqual(items);
    for (const plain of [WORK.secret, WORK.name, WORK.notes, HOBBY.secret, 'openai', 'groq', A_PASSPHRASE]) expect(text).not.toContain(plain);
    await inBrowser(world.a, async () => {
      const status = await must('syncStatus', {});
      const bytes = Object.entries(world.area.items).reduce((sum, [key, value]) => sum + key.length + JSON.stringify(value).length, 0);
      expect(status.usage!.bytes).toBe(bytes);
      expect(status.usage!.items).toBe(items.length);
      expect(status.lastSyncedAt).toBe(clock.now);
      expect(status.problem).toBeUndefined();
    });
  });

  it('joins a synced vault with its passphrase: both browsers hold every key, and that passphrase opens both', async () => {
    await firstBrowserSyncing();
    await inBrowser(world.b, async () => {
      await must('create', { passphrase: B_PASSPHRASE });
      await must('addEntry', { entry: LAPTOP });
      expect(await send('enableSync', {})).toMatchObject({ ok: false, code: 'sync-needs-passphrase' });
      expect(await send('enableSync', { passphrase: 'not the synced one' })).toMatchObject({ ok: false, code: 'wrong-passphrase' });
      expect(await names()).toEqual(['Laptop']);
      await must('enableSync', { passphrase: A_PASSPHRASE });
      expect(await names()).toEqual(['Hobby', 'Laptop', 'Work laptop']);
      await must('lock', {});
      expect(await send('unlock', { passphrase: B_PASSPHRASE })).toMatchObject({ ok: false, code: 'wrong-passphrase' });
      await must('unlock', { passphrase: A_PASSPHRASE });
    });
    await inBrowser(world.a, async () => {
      await must('syncNow', {});
      expect(await names()).toEqual(['Hobby', 'Laptop', 'Work laptop']);
    });
  });

  it('merges offline edits to different keys, and keeps both sides of an edit to the same key', async () => {
    await firstBrowserSyncing();
    await secondBrowserJoined();
    const idOf = async (name: string) => (await must('listEntries', {})).entries.find((e) => e.name === name)!.id;
    await inBrowser(world.a, async () => {
      await must('syncNow', {});
      clock.now += 1000;
      await must('updateEntry', { id: await idOf('Hobby'), changes: { notes: 'edited on A' } });
      await must('updateEntry', { id: await idOf('Work laptop'), changes: { notes: 'A’s words' } });
    });
    await inBrowser(world.b, async () => {
      clock.now += 1000;
      await must('updateEntry', { id: await idOf('Laptop'), changes: { notes: 'edited on B' } });
      await must('updateEntry', { id: await idOf('Work laptop'), changes: { notes: 'B’s words, later' } });
      await must('syncNow', {});
    });
    const notes = async () => Object.fromEntries((await must('listEntries', {})).entries.map((e) => [e.name, [e.notes, e.enabled]]));
    let seenOnA: unknown;
    await inBrowser(world.a, async () => {
      await must('syncNow', {});
      seenOnA = await notes();
    });
    await inBrowser(world.b, async () => {
      await must('syncNow', {});
      expect(await notes()).toEqual(seenOnA);
    });
    expect(seenOnA).toEqual({
      Hobby: ['edited on A', true],
      Laptop: ['edited on B', true],
      'Work laptop': ['B’s words, later', true],
      'Work laptop (conflict copy)': ['A’s words', false],
    });
  });

  it('keeps uses, check results and budgets on the browser where they happened', async () => {
    await firstBrowserSyncing();
    await inBrowser(world.a, async () => {
      const writes = world.area.writes;
      const { id } = (await must('listEntries', {})).entries[0]!;
      await must('getSecret', { id, purpose: 'copy' });
      await must('setBudget', { target: { id }, budget: 20 });
      await must('syncNow', {});
      expect(world.area.writes).toBe(writes);
    });
  });

  it('refuses a tampered or truncated sync item with a clear error and leaves the local vault as it was', async () => {
    await firstBrowserSyncing();
    await secondBrowserJoined();
    const key = Object.keys(world.area.items).find((k) => k !== 'h')!;
    const original = world.area.items[key] as string;
    for (const damaged of [`${original[0] === 'A' ? 'B' : 'A'}${original.slice(1)}`, original.slice(0, -8), 42]) {
      world.area.items[key] = damaged;
      const before = vaultItems(world.b.local);
      await inBrowser(world.b, async () => {
        await must('syncNow', {});
        expect((await must('syncStatus', {})).problem).toMatch(/damaged or was altered/);
        expect(await names()).toEqual(['Hobby', 'Laptop', 'Work laptop']);
      });
      expect(vaultItems(world.b.local)).toBe(before);
    }
  });

  it('syncs nothing of a vault over the quota, says so, and keeps the local vault whole', async () => {
    await inBrowser(world.a, async () => {
      await must('create', { passphrase: A_PASSPHRASE });
      for (let i = 0; i < 20; i++) await must('addEntry', { entry: { ...WORK, name: `Key ${i}`, notes: 'n'.repeat(4_000) } });
      const status = await must('enableSync', {});
      expect(status.problem).toMatch(/needs? \d+\.\d KB in sync; the browser allows (100\.0 KB in all|8\.0 KB per key)/);
      expect(world.area.writes).toBe(0);
      expect(await names()).toHaveLength(20);
      const { id } = (await must('listEntries', {})).entries.find((e) => e.name === 'Key 0')!;
      for (let i = 1; i < 20; i++) await must('deleteEntry', { id: (await must('listEntries', {})).entries.find((e) => e.name === `Key ${i}`)!.id });
      await must('updateEntry', { id, changes: { notes: 'n'.repeat(7_000) } });
      expect((await must('syncNow', {})).problem).toMatch(/The key “Key 0” needs 9\.\d KB in sync; the browser allows 8\.0 KB per key/);
      expect(world.area.writes).toBe(0);
    });
  });

  it('asks every browser for a passphrase changed on one of them', async () => {
    await firstBrowserSyncing();
    await secondBrowserJoined();
    await inBrowser(world.a, async () => {
      clock.now += 1000;
      await must('changePassphrase', { current: A_PASSPHRASE, next: 'a brand new passphrase' });
    });
    await inBrowser(world.b, async () => {
      await must('lock', {});
      expect(await send('unlock', { passphrase: A_PASSPHRASE })).toMatchObject({ ok: false, code: 'wrong-passphrase' });
      await must('unlock', { passphrase: 'a brand new passphrase' });
      expect(await names()).toEqual(['Hobby', 'Laptop', 'Work laptop']);
    });
  });

  it('moves an area of the first format (one item per key, an unauthenticated header) to groups and a verified header', async () => {
    await firstBrowserSyncing();
    const { h } = world.area.items as { h: Record<string, unknown> };
    world.area.items = { h: { format: h.format, version: 1, vault: h.vault, kdf: h.kdf, key: h.key, keyChangedAt: 1 }, [`e${'f'.repeat(32)}`]: 'an item of the first format' };
    await inBrowser(world.a, async () => {
      await must('syncNow', {});
      expect((await must('syncStatus', {})).problem).toBeUndefined();
    });
    expect(Object.keys(world.area.items).filter((key) => key.startsWith('e'))).toEqual([]);
    expect((world.area.items.h as { version: number }).version).toBe(2);
    await inBrowser(world.b, async () => {
      await must('create', { passphrase: B_PASSPHRASE });
      await must('enableSync', { passphrase: A_PASSPHRASE });
      expect(await names()).toEqual(['Hobby', 'Work laptop']);
    });
  });
});
