/**
 * Checking keys: one on demand or after a save, or all of them with bounded
 * concurrency, progress reported to open pages, and cancellation. Results are stored on
 * their entries in batches (see `result-writer.ts`).
 * @module
 */
import type { Entry, Validation } from '../../vault/payload-schema.ts';
import { deservesNotice } from '../notify.ts';
import { ResultWriter } from './result-writer.ts';
import { runCheck, type CheckDeps } from './run-check.ts';
import type { VaultSession } from '../session/session.ts';
import { sayOrQuote } from '../../say.ts';

export const CHECK_CONCURRENCY = 6;

export interface ChecksOptions extends CheckDeps {
  now: () => number;
  onProgress: (done: number, total: number, running: boolean) => void;
  /** Called when a key that was valid is found invalid, or is newly reported as leaked. */
  onTurnedInvalid: (entry: Entry, validation: Validation) => void;
}

export class Checks {
  #all: { controller: AbortController; done: Promise<void> } | undefined;
  readonly #soon = new Set<Promise<void>>();
  readonly #results: ResultWriter;

  constructor(
    private readonly session: VaultSession,
    private readonly options: ChecksOptions,
  ) {
    this.#results = new ResultWriter(session, (entry, validation) => {
      if (deservesNotice(entry.validation, validation)) options.onTurnedInvalid(entry, validation);
    });
  }

  /** Checks one entry and stores the result; returns it (undefined if the entry is gone). */
  async checkOne(id: string): Promise<Validation | undefined> {
    const entry = await this.session.read((payload) => payload.entries.find((e) => e.id === id));
    if (!entry) return undefined;
    const validation = await this.#check(entry);
    return (await this.#results.record(entry, validation)) ? validation : undefined;
  }

  async #check(entry: Entry, signal?: AbortSignal, deps: CheckDeps = this.options): Promise<Validation> {
    const { message, credit, ...result } = await runCheck(entry, deps, signal);
    // The vault keeps text: our words are said now, in the reader's language.
    return { ...result, ...(message ? { message: sayOrQuote(message) } : {}), ...(credit ? { credit: sayOrQuote(credit) } : {}), checkedAt: this.options.now() };
  }

  /** Resolves when the checks running now are done and their results written (tests wait for it before a "browser" stops). */
  async settled(): Promise<void> {
    await this.#all?.done;
    await Promise.all([...this.#soon]);
    await this.#results.settled();
  }

  /** Checks one entry after a save without waiting; if the vault locks meanwhile, nothing is stored. */
  checkSoon(id: string): void {
    const check = this.checkOne(id).then(
      () => undefined,
      () => undefined,
    );
    this.#soon.add(check);
    void check.then(() => this.#soon.delete(check));
  }

  /** Checks every key (or those in `only`); resolves when all are done or the run is cancelled. */
  checkAll(only?: ReadonlySet<string>): Promise<void> {
    if (this.#all) return this.#all.done;
    const controller = new AbortController();
    const done = this.#runAll(controller.signal, only).finally(() => (this.#all = undefined));
    this.#all = { controller, done };
    return done;
  }

  /** Stops a running "Check all": checks in flight are abandoned, their results dropped. */
  cancel(): void {
    this.#all?.controller.abort();
  }

  // Workers only wait for the network; results are stored while they move on, so
  // sealing and writing never hold up the next request.
  async #runAll(signal: AbortSignal, only?: ReadonlySet<string>): Promise<void> {
    const entries = await this.session.read((payload) => (only ? payload.entries.filter((e) => only.has(e.id)) : payload.entries));
    // Ask the browser about each origin's permission once per run, not once per key.
    const permissions = new Map<string, Promise<boolean>>();
    const mayContact = (origin: string) => permissions.get(origin) ?? permissions.set(origin, this.options.mayContact(origin)).get(origin)!;
    const deps: CheckDeps = { ...this.options, mayContact };
    const recording: Promise<unknown>[] = [];
    let next = 0;
    let done = 0;
    this.options.onProgress(0, entries.length, true);
    const worker = async () => {
      while (next < entries.length && !signal.aborted) {
        const entry = entries[next++]!;
        const validation = await this.#check(entry, signal, deps);
        if (signal.aborted) break;
        recording.push(this.#results.record(entry, validation));
        this.options.onProgress(++done, entries.length, true);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, entries.length) }, worker));
    await Promise.all(recording);
    this.options.onProgress(done, entries.length, false);
  }
}
