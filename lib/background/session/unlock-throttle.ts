/**
 * Slows down guessing at the unlock prompt: after 5 wrong passphrases each attempt waits
 * longer (2 s, 4 s, 8 s … up to 5 minutes). Kept in `storage.local` so neither a worker
 * nor a browser restart resets it. (Someone who copies the disk bypasses this; against
 * them stands the KDF.)
 * @module
 */
import { BackgroundError } from '../errors.ts';
import type { LocalArea } from './vault-store.ts';
import { words } from '../../words.ts';

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

export class UnlockThrottle {
  constructor(
    private readonly local: LocalArea,
    private readonly now: () => number,
  ) {}

  async #read(): Promise<ThrottleState> {
    const stored = (await this.local.get(KEY))[KEY] as Partial<ThrottleState> | undefined;
    return { failures: Number(stored?.failures) || 0, notBefore: Number(stored?.notBefore) || 0 };
  }

  /**
   * The count of wrong passphrases so far.
   * @throws BackgroundError `throttled` while the wait after wrong attempts is running.
   */
  async ensureAllowed(): Promise<number> {
    const { failures, notBefore } = await this.#read();
    const wait = notBefore - this.now();
    if (wait > 0) throw new BackgroundError('throttled', words('errors.throttled', Math.ceil(wait / 1000)), wait);
    return failures;
  }

  /** Counts one wrong passphrase. */
  async recordFailure(): Promise<void> {
    const failures = (await this.#read()).failures + 1;
    await this.local.set({ [KEY]: { failures, notBefore: this.now() + delayAfter(failures) } });
  }

  /** The right passphrase: the count starts again. */
  async recordSuccess(): Promise<void> {
    await this.local.remove(KEY);
  }

  /**
   * Runs `attempt` (which proves a passphrase) under the throttle: refused while waiting,
   * a wrong passphrase counted, a right one resetting the count.
   */
  async guard<T>(attempt: () => Promise<T>, isWrongPassphrase: (error: unknown) => boolean): Promise<T> {
    const failures = await this.ensureAllowed();
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      if (isWrongPassphrase(error)) await this.recordFailure();
      throw error;
    }
    // Nothing to reset after no failure: one storage write fewer on the way to the answer.
    if (failures > 0) await this.recordSuccess();
    return result;
  }
}
