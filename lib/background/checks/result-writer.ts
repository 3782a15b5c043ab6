/**
 * Stores check results in batches: the first result after a quiet spell is written at
 * once; those that arrive within half a second of a write wait and go together in the
 * next one. A check of 1,000 keys is then tens of writes, not a thousand, and pages
 * hear of tens of changes.
 * @module
 */
import { checkTarget, recordValidation } from '../../vault/entries.ts';
import { VaultError } from '../../vault/errors.ts';
import type { Entry, Validation } from '../../vault/payload-schema.ts';
import type { VaultSession } from '../session/session.ts';

/** The least time between two writes of results. */
export const RESULT_WRITE_MS = 500;

interface Waiting {
  entry: Entry;
  validation: Validation;
  /** Whether it was stored (not when the key changed meanwhile, or the vault locked). */
  settle: (stored: boolean) => void;
}

export class ResultWriter {
  #waiting: Waiting[] = [];
  #writing: Promise<void> | undefined;
  /** When the last write started (the platform's clock: a pause, not a record). */
  #lastWrite = -Infinity;

  constructor(
    private readonly session: VaultSession,
    /** Told of each result that was stored. */
    private readonly stored: (entry: Entry, validation: Validation) => void,
  ) {}

  /** Stores `validation` on `entry` with the next batch; resolves to whether it was stored. */
  record(entry: Entry, validation: Validation): Promise<boolean> {
    return new Promise((settle) => {
      this.#waiting.push({ entry, validation, settle });
      if (this.#writing === undefined) this.#writing = this.#writeWhileWaiting();
    });
  }

  /** Resolves when every result recorded so far is written (or dropped). */
  async settled(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  async #writeWhileWaiting(): Promise<void> {
    while (this.#waiting.length > 0) {
      const wait = this.#lastWrite + RESULT_WRITE_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.#lastWrite = performance.now();
      const batch = this.#waiting.splice(0);
      const stored = await this.#write(batch).catch(() => batch.map(() => false));
      batch.forEach((item, i) => {
        item.settle(stored[i]!);
        if (stored[i]) this.stored(item.entry, item.validation);
      });
    }
    this.#writing = undefined;
  }

  // One write for the batch; a result for a key that changed meanwhile is dropped. Tried
  // again once when another writer moved the vault on underneath.
  async #write(batch: readonly Waiting[]): Promise<boolean[]> {
    const apply = () =>
      this.session.mutate((payload) => {
        let next = payload;
        const stored = batch.map(({ entry, validation }) => {
          const after = recordValidation(next, entry.id, checkTarget(entry), validation);
          const changed = after !== next;
          next = after;
          return changed;
        });
        return { payload: next, result: stored };
      });
    try {
      return await apply();
    } catch (error) {
      if (error instanceof VaultError && error.code === 'stale-revision') return apply();
      throw error;
    }
  }
}
