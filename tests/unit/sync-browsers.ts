/**
 * Two simulated browsers (each its own storage and a fresh worker per step) sharing one
 * fake sync area, for the sync tests.
 */
import { expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clock, must, startWorker } from './background-harness.ts';
import { FakeSyncArea } from './fake-sync-area.ts';
import type { Background } from '../../lib/background/create-background.ts';

export const A_PASSPHRASE = 'first browser passphrase';
export const B_PASSPHRASE = 'second browser passphrase';
export const WORK = { provider: 'openai', name: 'Work laptop', secret: 'sk-proj-SYNCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1111', notes: 'billing team' };
export const HOBBY = { provider: 'groq', name: 'Hobby', secret: 'gsk_SYNCbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' };
export const LAPTOP = { provider: 'anthropic', name: 'Laptop', secret: 'sk-ant-api03-SYNCcccccccccccccccccccccccccccccccccccc' };

export interface Profile {
  local: Record<string, unknown>;
  session: Record<string, unknown>;
}

/** The shared area and the two profiles, fresh for each test. */
export const world = {
  area: new FakeSyncArea(),
  a: { local: {}, session: {} } as Profile,
  b: { local: {}, session: {} } as Profile,
};

export function resetWorld(): void {
  fakeBrowser.reset();
  world.area = new FakeSyncArea();
  world.a = { local: {}, session: {} };
  world.b = { local: {}, session: {} };
  clock.now = 1_700_000_000_000;
}

/** Runs `steps` in one browser profile: its own storage, a fresh worker, the shared sync area. */
export async function inBrowser(profile: Profile, steps: (worker: Background) => Promise<void>): Promise<void> {
  await fakeBrowser.storage.local.clear();
  await fakeBrowser.storage.local.set(profile.local);
  await fakeBrowser.storage.session.clear();
  await fakeBrowser.storage.session.set(profile.session);
  const worker = startWorker({ syncArea: world.area, syncDelayMs: 3_600_000 });
  await steps(worker);
  await worker.checks.settled();
  await worker.sync.settled();
  profile.local = await fakeBrowser.storage.local.get(null);
  profile.session = await fakeBrowser.storage.session.get(null);
}

/** The names of the keys in the open vault, sorted. */
export const names = async () => (await must('listEntries', {})).entries.map((e) => e.name).sort();

/** A creates a vault with two keys and turns sync on. */
export async function firstBrowserSyncing(): Promise<void> {
  await inBrowser(world.a, async () => {
    await must('create', { passphrase: A_PASSPHRASE });
    await must('addEntry', { entry: WORK });
    await must('addEntry', { entry: HOBBY });
    expect(await must('enableSync', {})).toMatchObject({ enabled: true });
  });
}

/** B creates its own vault with one key and joins A's with A's passphrase. */
export async function secondBrowserJoined(): Promise<void> {
  await inBrowser(world.b, async () => {
    await must('create', { passphrase: B_PASSPHRASE });
    await must('addEntry', { entry: LAPTOP });
    await must('enableSync', { passphrase: A_PASSPHRASE });
  });
}
