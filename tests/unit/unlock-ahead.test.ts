import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SealedCopy } from '../../lib/background/session/sealed-copy.ts';
import { takeMemory } from '../../lib/crypto/kdf-memory.ts';
import type { StoredItems } from '../../lib/vault/envelope-schema.ts';
import { clock, must, send, startWorker } from './background-harness.ts';

const PASSPHRASE = 'copper meadow 31 quartz';
const KEY = { provider: 'openai', name: 'Read ahead', secret: 'sk-proj-Zq81s0dXkP3mT7vB2nL9aWcE4rY6uI0o' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  fakeBrowser.reset();
  clock.now = 1_700_000_000_000;
  startWorker();
});

/** How many WebAssembly memories are made while `run` runs. */
async function newMemories(run: () => Promise<unknown>): Promise<number> {
  const Original = WebAssembly.Memory;
  let made = 0;
  WebAssembly.Memory = class extends Original {
    constructor(descriptor: WebAssembly.MemoryDescriptor) {
      super(descriptor);
      made += 1;
    }
  };
  try {
    await run();
    return made;
  } finally {
    WebAssembly.Memory = Original;
  }
}

/** How many times the whole of `storage.local` is read while `run` runs. */
async function wholeReads(run: () => Promise<unknown>): Promise<number> {
  const get = vi.spyOn(fakeBrowser.storage.local, 'get');
  try {
    await run();
    return get.mock.calls.filter(([keys]) => keys === null || keys === undefined).length;
  } finally {
    get.mockRestore();
  }
}

describe('unlock from the vault read ahead', () => {
  it('reads the stored vault while locked, so that unlocking reads none of it', async () => {
    await must('create', { passphrase: PASSPHRASE });
    const { entry } = await must('addEntry', { entry: KEY });
    await must('lock', {});
    await settle();
    expect(await wholeReads(() => must('unlock', { passphrase: PASSPHRASE }))).toBe(0);
    expect((await must('listEntries', {})).entries.map((listed) => listed.id)).toEqual([entry.id]);
  });

  it('reads it again after any change to it in storage, so a page damaged while the vault was open is found at the next unlock', async () => {
    await must('create', { passphrase: PASSPHRASE });
    await must('addEntry', { entry: KEY });
    const items = await fakeBrowser.storage.local.get(null);
    const pageKey = Object.keys(items).find((key) => key.startsWith('page.'))!;
    const page = items[pageKey] as { nonce: string; ciphertext: string };
    await fakeBrowser.storage.local.set({ [pageKey]: { ...page, ciphertext: (page.ciphertext[0] === 'A' ? 'B' : 'A') + page.ciphertext.slice(1) } });
    await must('lock', {});
    await settle();
    expect(await send('unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: false, code: 'corrupt' });
  });

  it('makes the KDF memory ready while locked, so that unlocking makes none (it would fault in 64 MiB at the click)', async () => {
    await must('create', { passphrase: PASSPHRASE });
    await must('lock', {});
    await settle();
    expect(await newMemories(() => must('unlock', { passphrase: PASSPHRASE }))).toBe(0);
    await must('lock', {});
    startWorker();
    await settle();
    expect(await newMemories(() => must('unlock', { passphrase: PASSPHRASE }))).toBe(0);
  });

  it('makes the KDF memory ready again when a page asks anything while locked, after it was let go', async () => {
    await must('create', { passphrase: PASSPHRASE });
    await must('lock', {});
    await settle();
    takeMemory(1); // as if let go after KEEP_MS
    await must('status', {});
    await settle();
    expect(await newMemories(() => must('unlock', { passphrase: PASSPHRASE }))).toBe(0);
  });

  it('makes no KDF memory ready for a worker that restarts with the vault open (its kept key reopens it)', async () => {
    await must('create', { passphrase: PASSPHRASE });
    await settle();
    takeMemory(1);
    expect(await newMemories(async () => (startWorker(), await settle()))).toBe(0);
    await must('lock', {});
    await settle();
    takeMemory(1);
    expect(await newMemories(async () => (startWorker(), await settle()))).toBe(1);
  });

  it('is read by a worker as it starts, so that its first unlock reads none of it either', async () => {
    await must('create', { passphrase: PASSPHRASE });
    await must('addEntry', { entry: KEY });
    await must('lock', {});
    startWorker();
    await settle();
    expect(await wholeReads(() => must('unlock', { passphrase: PASSPHRASE }))).toBe(0);
    expect((await must('listEntries', {})).entries.map((listed) => listed.name)).toEqual([KEY.name]);
  });
});

describe('the copy of the stored vault', () => {
  function deferredReads() {
    const reads: ((items: StoredItems) => void)[] = [];
    const copy = new SealedCopy(() => new Promise((resolve) => reads.push(resolve)));
    return { copy, reads };
  }

  it('is read once and kept while storage does not change', async () => {
    const { copy, reads } = deferredReads();
    const first = copy.current();
    reads[0]!({ vault: 'first' });
    expect((await first).items).toEqual({ vault: 'first' });
    expect((await copy.current()).items).toEqual({ vault: 'first' });
    expect(reads).toHaveLength(1);
  });

  it('does not keep a read that a change overtook: the next use reads again', async () => {
    const { copy, reads } = deferredReads();
    const racing = copy.current();
    copy.changed();
    reads[0]!({ vault: 'before the change' });
    expect((await racing).items).toEqual({ vault: 'before the change' });
    const next = copy.current();
    expect(reads).toHaveLength(2);
    reads[1]!({ vault: 'after the change' });
    expect((await next).items).toEqual({ vault: 'after the change' });
  });

  it('forgets a read that failed, and tells a damaged header to whoever opens it, every time', async () => {
    let fail = true;
    const copy = new SealedCopy(async () => {
      if (fail) throw new Error('storage unavailable');
      return { vault: { format: 'not a vault' } };
    });
    await expect(copy.current()).rejects.toThrow('storage unavailable');
    fail = false;
    const stored = await copy.current();
    expect(stored.exists).toBe(true);
    expect(() => stored.sealed()).toThrow(expect.objectContaining({ code: 'corrupt' }));
    expect(() => stored.sealed()).toThrow(expect.objectContaining({ code: 'corrupt' }));
  });
});
