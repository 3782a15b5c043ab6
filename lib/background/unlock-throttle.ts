/**
 * Slows down guessing at the unlock prompt: after 5 wrong passphrases each attempt waits
 * longer (2 s, 4 s, 8 s … up to 5 minutes). Kept in `storage.local` so neither a worker
 * nor a browser restart resets it. (Someone who copies the disk bypasses this; against
 * them stands the KDF.)
 * @module
 */
import { browser } from 'wxt/browser';
import { BackgroundError } from './errors.ts';

const KEY = 'unlockThrottle';
const FREE_ATTEMPTS = 5;
const MAX_DELAY_MS = 5 * 60_000;

interface ThrottleState {
  failures: number;
  notBefore: number;
}

/** How long to wait after `failures` consecutive wrong passphrases. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS + 1), MAX_DELAY_MS);
}

async function read(): Promise<ThrottleState> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<ThrottleState> | undefined;
  return { failures: Number(stored?.failures) || 0, notBefore: Number(stored?.notBefore) || 0 };
}

/** @throws BackgroundError `throttled` while the wait after wrong attempts is running. */
export async function checkThrottle(now: number): Promise<void> {
  const { notBefore } = await read();
  if (now < notBefore) {
    const wait = notBefore - now;
    throw new BackgroundError(
      'throttled',
      `Too many incorrect passphrases. Try again in ${Math.ceil(wait / 1000)} s.`,
      wait,
    );
  }
}

export async function recordFailure(now: number): Promise<void> {
  const failures = (await read()).failures + 1;
  await browser.storage.local.set({ [KEY]: { failures, notBefore: now + delayAfter(failures) } });
}

export async function recordSuccess(): Promise<void> {
  await browser.storage.local.remove(KEY);
}
