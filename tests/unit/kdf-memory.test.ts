import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { argon2id } from '@noble/hashes/argon2.js';
import { argon2idWasm } from '../../lib/crypto/argon2id.ts';
import { KEEP_MS, pagesFor, prepareMemory, takeMemory } from '../../lib/crypto/kdf-memory.ts';

const COST = { memoryKiB: 512, iterations: 2, parallelism: 1 };
const PASSWORD = new TextEncoder().encode('a long enough passphrase');
const SALT = new Uint8Array(16).fill(3);
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
  takeMemory(1); // nothing prepared is left for the next test
});

describe('the KDF memory made ready ahead', () => {
  it('is taken by the next derivation, which leaves it zeroed', async () => {
    const prepared = (await prepareMemory(COST, () => undefined))!;
    const key = await argon2idWasm(PASSWORD, SALT, COST, 32);
    expect(Buffer.from(key).toString('hex')).toBe(Buffer.from(argon2id(PASSWORD, SALT, { m: COST.memoryKiB, t: COST.iterations, p: 1, dkLen: 32 })).toString('hex'));
    expect(prepared.buffer.byteLength).toBe(pagesFor(COST) * 65_536);
    expect(new Uint8Array(prepared.buffer).every((byte) => byte === 0)).toBe(true);
    // Taken, not kept: the next one is another memory.
    expect(takeMemory(pagesFor(COST))).not.toBe(prepared);
  });

  it('does not change what a derivation that overlaps its preparation derives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 8, max: 300 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.uint8Array({ maxLength: 24 }), async (memoryKiB, iterations, prepareFirst, password) => {
        const cost = { memoryKiB, iterations, parallelism: 1 };
        // Every page written waits for the next task, so the two interleave at every await.
        const before = prepareFirst ? prepareMemory(cost, nextTask) : undefined;
        const derivation = argon2idWasm(password, SALT, cost, 32);
        const after = prepareFirst ? undefined : prepareMemory(cost, nextTask);
        const key = await derivation;
        await Promise.all([before, after]);
        expect(Buffer.from(key).toString('hex')).toBe(Buffer.from(argon2id(password, SALT, { m: memoryKiB, t: iterations, p: 1, dkLen: 32 })).toString('hex'));
      }),
      { numRuns: 20 },
    );
  });

  it('stops writing once a derivation has taken it', async () => {
    let pauses = 0;
    const preparing = prepareMemory({ memoryKiB: 4096, parallelism: 1 }, () => (pauses++, nextTask()));
    await nextTask();
    await argon2idWasm(PASSWORD, SALT, { memoryKiB: 4096, iterations: 1, parallelism: 1 }, 32);
    const pausesWhenTaken = pauses;
    await preparing;
    expect(pausesWhenTaken).toBeLessThan(4096 / 4);
    expect(pauses).toBeLessThanOrEqual(pausesWhenTaken + 1);
  });

  it('is let go when no derivation takes it within KEEP_MS', async () => {
    vi.useFakeTimers();
    const prepared = await prepareMemory(COST, () => undefined);
    vi.advanceTimersByTime(KEEP_MS - 1);
    const kept = takeMemory(pagesFor(COST));
    expect(kept).toBe(prepared);

    const again = await prepareMemory(COST, () => undefined);
    vi.advanceTimersByTime(KEEP_MS);
    expect(takeMemory(pagesFor(COST))).not.toBe(again);
  });
});
