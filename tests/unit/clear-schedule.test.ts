import { beforeEach, describe, expect, it } from 'vitest';
import { ClearSchedule, type ClearTimers } from '../../lib/clipboard/clear-schedule.ts';

/** A clock that moves only when told, and the timers on it. */
function fakeTimers() {
  let now = 0;
  let nextId = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: ClearTimers = {
    set: (run, delayMs) => (due.set(++nextId, { at: now + delayMs, run }), nextId),
    cancel: (timer) => void due.delete(timer as number),
    now: () => now,
  };
  async function advanceTo(time: number) {
    for (;;) {
      const [id, next] = [...due].filter(([, timer]) => timer.at <= time).sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
      if (!next) break;
      due.delete(id!);
      now = next.at;
      next.run();
      await Promise.resolve();
    }
    now = time;
  }
  return { timers, advanceTo, pending: () => due.size };
}

let clock: ReturnType<typeof fakeTimers>;
let cleared: { digest: string; at: number }[];
let idle: number;
let schedule: ClearSchedule;

beforeEach(() => {
  clock = fakeTimers();
  cleared = [];
  idle = 0;
  schedule = new ClearSchedule({
    timers: clock.timers,
    clear: async (digest) => void cleared.push({ digest, at: clock.timers.now() }),
    idle: () => void (idle += 1),
  });
});

describe('the clipboard clear schedule', () => {
  it('clears a copied key at its deadline, then has nothing left to wait for', async () => {
    schedule.add({ digest: 'a', copiedAt: 0, clearAt: 10_000 });
    await clock.advanceTo(9_999);
    expect(cleared).toEqual([]);
    await clock.advanceTo(10_000);
    expect(cleared).toEqual([{ digest: 'a', at: 10_000 }]);
    expect([schedule.size, idle]).toEqual([0, 1]);
  });

  it('copying the same key again keeps the later copy’s deadline: the first one clears nothing', async () => {
    schedule.add({ digest: 'a', copiedAt: 0, clearAt: 10_000 });
    schedule.add({ digest: 'a', copiedAt: 7_000, clearAt: 17_000 });
    await clock.advanceTo(16_999);
    expect(cleared).toEqual([]);
    await clock.advanceTo(30_000);
    expect(cleared).toEqual([{ digest: 'a', at: 17_000 }]);
    expect(clock.pending()).toBe(0);
  });

  it('an older copy’s request that arrives late does not bring the deadline forward', async () => {
    schedule.add({ digest: 'a', copiedAt: 7_000, clearAt: 17_000 });
    schedule.add({ digest: 'a', copiedAt: 0, clearAt: 10_000 });
    await clock.advanceTo(30_000);
    expect(cleared).toEqual([{ digest: 'a', at: 17_000 }]);
  });

  it('different keys each keep their own deadline', async () => {
    schedule.add({ digest: 'a', copiedAt: 0, clearAt: 10_000 });
    schedule.add({ digest: 'b', copiedAt: 2_000, clearAt: 12_000 });
    await clock.advanceTo(10_000);
    expect([cleared, idle]).toEqual([[{ digest: 'a', at: 10_000 }], 0]);
    await clock.advanceTo(12_000);
    expect(cleared.map(({ digest }) => digest)).toEqual(['a', 'b']);
    expect(idle).toBe(1);
  });

  it('clearing now (the vault locked) clears every waiting key at once, and nothing later', async () => {
    schedule.add({ digest: 'a', copiedAt: 0, clearAt: 120_000 });
    schedule.add({ digest: 'b', copiedAt: 0, clearAt: 30_000 });
    await clock.advanceTo(5_000);
    await schedule.clearNow();
    expect(cleared).toEqual([{ digest: 'a', at: 5_000 }, { digest: 'b', at: 5_000 }]);
    expect([schedule.size, clock.pending(), idle]).toEqual([0, 0, 1]);
    await clock.advanceTo(200_000);
    expect(cleared).toHaveLength(2);
  });

  it('a clearing that fails does not stop the others', async () => {
    const failing = new ClearSchedule({
      timers: clock.timers,
      clear: async (digest) => {
        if (digest === 'a') throw new Error('no clipboard');
        cleared.push({ digest, at: clock.timers.now() });
      },
    });
    failing.add({ digest: 'a', copiedAt: 0, clearAt: 60_000 });
    failing.add({ digest: 'b', copiedAt: 0, clearAt: 60_000 });
    await failing.clearNow();
    expect(cleared.map(({ digest }) => digest)).toEqual(['b']);
  });
});
