/**
 * Which copied keys wait to be cleared from the clipboard, and when: one deadline per key
 * (known by its digest), the one of its latest copy, so copying a key again never lets an
 * earlier copy's deadline clear it too soon. Bookkeeping only: the timers and the clearing
 * are given, so Chrome's offscreen page and Firefox's background page share it and tests
 * drive it with a fake clock.
 * @module
 */
import type { ClearRequest } from './clear-if-unchanged.ts';

/** Timers as the platform gives them (`setTimeout` / `clearTimeout`), and its clock. */
export interface ClearTimers {
  set(run: () => void, delayMs: number): unknown;
  cancel(timer: unknown): void;
  now(): number;
}

export interface ClearScheduleDeps {
  timers: ClearTimers;
  /** Clears the clipboard if it still holds the key of `digest`. */
  clear: (digest: string) => Promise<unknown>;
  /** Called when nothing is left to wait for (Chrome's page closes itself). */
  idle?: () => void;
}

export class ClearSchedule {
  #waiting = new Map<string, { copiedAt: number; timer: unknown }>();

  constructor(private readonly deps: ClearScheduleDeps) {}

  /** How many keys wait to be cleared. */
  get size(): number {
    return this.#waiting.size;
  }

  /** Clears the key of `digest` at `clearAt`, unless a later copy of it sets another time. */
  add({ digest, copiedAt, clearAt }: Pick<ClearRequest, 'digest' | 'copiedAt' | 'clearAt'>): void {
    const { timers } = this.deps;
    const known = this.#waiting.get(digest);
    if (known && known.copiedAt > copiedAt) return; // an older copy's request, arriving late
    if (known) timers.cancel(known.timer);
    const timer = timers.set(() => void this.#clear([digest]), Math.max(0, clearAt - timers.now()));
    this.#waiting.set(digest, { copiedAt, timer });
  }

  /** Clears every waiting key now, if the clipboard still holds it (the vault locked). */
  clearNow(): Promise<void> {
    return this.#clear([...this.#waiting.keys()]);
  }

  async #clear(digests: string[]): Promise<void> {
    for (const digest of digests) {
      this.deps.timers.cancel(this.#waiting.get(digest)?.timer);
      this.#waiting.delete(digest);
    }
    for (const digest of digests) await this.deps.clear(digest).catch(() => false);
    if (this.#waiting.size === 0) this.deps.idle?.();
  }
}
