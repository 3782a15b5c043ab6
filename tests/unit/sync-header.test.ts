/**
 * The synced header `h` (the vault key wrapped under the passphrase) is written by
 * anyone who holds the browser account's sync data. None of it may lock a user out,
 * bring an old passphrase back, or undo a passphrase change.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { must, send } from './background-harness.ts';
import { A_PASSPHRASE, firstBrowserSyncing, inBrowser, names, resetWorld, secondBrowserJoined, world } from './sync-browsers.ts';

const NEWER = 'the newer passphrase 1';
const NEWEST = 'the newest passphrase 2';

type Header = Record<string, unknown> & { key: { nonce: string; ciphertext: string }; kdf: Record<string, unknown> };
const header = () => structuredClone(world.area.items.h) as Header;

/** The header with every counter or time it carries raised far into the future. */
function raised(h: Header): Header {
  const copy = structuredClone(h);
  for (const field of ['keyChangedAt', 'epoch']) if (field in copy) copy[field] = 9_000_000_000_000;
  return copy;
}

beforeEach(resetWorld);

describe('a synced header written by someone else', () => {
  it('cannot bring back an old passphrase by replaying an old header with a larger counter', async () => {
    await firstBrowserSyncing();
    await secondBrowserJoined();
    const old = header();
    await inBrowser(world.a, async () => void (await must('changePassphrase', { current: A_PASSPHRASE, next: NEWER })));
    await inBrowser(world.b, async () => {
      await must('lock', {});
      await must('unlock', { passphrase: NEWER });
    });
    world.area.items.h = raised(old);
    await inBrowser(world.b, async () => {
      await must('lock', {});
      expect(await send('unlock', { passphrase: A_PASSPHRASE })).toMatchObject({ ok: false, code: 'wrong-passphrase' });
      await must('unlock', { passphrase: NEWER });
      expect(await names()).toEqual(['Hobby', 'Laptop', 'Work laptop']);
    });
  });

  it('cannot undo the next passphrase change by raising the counter of the current header', async () => {
    await firstBrowserSyncing();
    await secondBrowserJoined();
    world.area.items.h = raised(header());
    await inBrowser(world.b, async () => {
      await must('changePassphrase', { current: A_PASSPHRASE, next: NEWEST });
      await must('syncNow', {});
      await must('lock', {});
      expect(await send('unlock', { passphrase: A_PASSPHRASE })).toMatchObject({ ok: false, code: 'wrong-passphrase' });
      await must('unlock', { passphrase: NEWEST });
    });
    // The change reached the area: the other browser takes it at its next unlock.
    await inBrowser(world.a, async () => {
      await must('lock', {});
      await must('unlock', { passphrase: NEWEST });
      await must('syncNow', {});
      expect(await names()).toEqual(['Hobby', 'Laptop', 'Work laptop']);
      expect((await must('syncStatus', {})).problem).toBeUndefined();
    });
  });

  it('cannot lock the user out with garbage in the header: the right passphrase opens, and the status says the header was refused', async () => {
    await firstBrowserSyncing();
    await secondBrowserJoined();
    const garbage = raised(header());
    garbage.key = { nonce: 'A'.repeat(32), ciphertext: 'B'.repeat(64) };
    world.area.items.h = garbage;
    await inBrowser(world.b, async () => {
      for (let attempt = 0; attempt < 7; attempt++) {
        await must('lock', {});
        await must('unlock', { passphrase: A_PASSPHRASE });
      }
      expect(await names()).toEqual(['Hobby', 'Laptop', 'Work laptop']);
      await must('syncNow', {});
      expect((await must('syncStatus', {})).problem).toMatch(/refused/);
    });
  });

  it('never takes KDF settings stronger than this browser would make for a new vault', async () => {
    await firstBrowserSyncing();
    await secondBrowserJoined();
    const costly = raised(header());
    costly.kdf = { ...costly.kdf, memoryKiB: 64 * 1024, iterations: 3 };
    world.area.items.h = costly;
    await inBrowser(world.b, async () => {
      await must('lock', {});
      await must('unlock', { passphrase: A_PASSPHRASE });
      expect(await names()).toEqual(['Hobby', 'Laptop', 'Work laptop']);
    });
  });

  it('can be turned off while the vault is locked', async () => {
    await firstBrowserSyncing();
    await inBrowser(world.a, async () => {
      await must('lock', {});
      expect(await must('disableSync', {})).toMatchObject({ enabled: false });
      expect(await must('syncStatus', {})).toMatchObject({ enabled: false });
    });
  });

  it('a passphrase changed on another browser applies here even with sync turned off: the old one is refused, the new one opens', async () => {
    await firstBrowserSyncing();
    await secondBrowserJoined();
    await inBrowser(world.b, async () => {
      await must('lock', {});
      await must('disableSync', {});
    });
    await inBrowser(world.a, async () => void (await must('changePassphrase', { current: A_PASSPHRASE, next: NEWER })));
    await inBrowser(world.b, async () => {
      expect(await send('unlock', { passphrase: A_PASSPHRASE })).toMatchObject({ ok: false, code: 'wrong-passphrase', message: expect.stringMatching(/changed on another browser/) });
      await must('unlock', { passphrase: NEWER });
      expect(await names()).toEqual(['Hobby', 'Laptop', 'Work laptop']);
    });
  });
});
