/**
 * The owner of usage figures: reads them from the providers on demand ("Refresh usage"),
 * every six hours while the vault is open (a browser alarm, so at most four times a day),
 * and when the vault opens with figures older than that, never on a page opening. One
 * round at a time; its results are stored on the keys in one write (device-local), then
 * budgets are checked for notifications. Locking stops a round and stores nothing.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { recordUsage } from '../../vault/spend-records.ts';
import { VaultError } from '../../vault/errors.ts';
import type { Payload } from '../../vault/payload-schema.ts';
import type { Send } from '../../providers/spend/pages.ts';
import type { VaultSession } from '../session/session.ts';
import { lockedError } from '../errors.ts';
import { collectUsage } from './collect-usage.ts';
import type { BudgetNotices } from './budget-notices.ts';

export const SPEND_ALARM = 'spend-refresh';
/** The shortest time between two automatic rounds. */
export const REFRESH_EVERY_MINUTES = 360;

export interface SpendDeps {
  browser: WxtBrowser;
  session: VaultSession;
  /** Sends one request (through `sendWithKey`); `signal` stops it. */
  send: (request: Parameters<Send>[0], signal: AbortSignal) => ReturnType<Send>;
  notices: BudgetNotices;
  now: () => number;
}

/** What a round did. */
export interface RefreshOutcome {
  refreshedAt: number;
  /** Keys whose usage was read (or whose read failed). */
  keys: number;
  /** Keys whose read failed. */
  problems: number;
}

/** The newest time usage was read for any key, or undefined when never. */
function lastRound(payload: Payload): number | undefined {
  const times = payload.entries.flatMap((entry) => (entry.usage ? [entry.usage.at] : []));
  return times.length ? Math.max(...times) : undefined;
}

export class Spend {
  #round: { controller: AbortController; done: Promise<RefreshOutcome> } | undefined;

  constructor(private readonly deps: SpendDeps) {}

  /** Reads usage for every key that can tell it, now (joining a round already running). */
  refresh(): Promise<RefreshOutcome> {
    if (this.#round) return this.#round.done;
    const controller = new AbortController();
    const done = this.#run(controller.signal).finally(() => (this.#round = undefined));
    this.#round = { controller, done };
    return done;
  }

  /** Stops a running round; nothing of it is stored. */
  cancel(): void {
    this.#round?.controller.abort();
  }

  /** The vault opened: a round if the figures are older than the alarm's period (not when there are none). */
  opened(payload: Payload): void {
    const last = lastRound(payload);
    if (last !== undefined && this.deps.now() - last >= REFRESH_EVERY_MINUTES * 60_000) void this.refresh().catch(() => undefined);
  }

  /** Keeps the alarm that starts a round every six hours, and answers it while the vault is open. */
  listen(): void {
    const { alarms } = this.deps.browser;
    void alarms.get(SPEND_ALARM).then(async (alarm) => {
      if (!alarm) await alarms.create(SPEND_ALARM, { periodInMinutes: REFRESH_EVERY_MINUTES, delayInMinutes: REFRESH_EVERY_MINUTES });
    });
    alarms.onAlarm.addListener((alarm) => {
      if (alarm.name !== SPEND_ALARM) return;
      void this.deps.session.status().then((state) => (state === 'unlocked' ? this.refresh() : undefined)).catch(() => undefined);
    });
  }

  async #run(signal: AbortSignal): Promise<RefreshOutcome> {
    const { session, now } = this.deps;
    const entries = await session.read((payload) => payload.entries);
    const updates = await collectUsage(entries, (request) => this.deps.send(request, signal), now());
    if (signal.aborted) throw lockedError();
    const store = () => session.mutate((payload) => ({ payload: recordUsage(payload, updates), result: undefined }));
    await store().catch((error: unknown) => (error instanceof VaultError && error.code === 'stale-revision' ? store() : Promise.reject(error)));
    const stored = await session.read((payload) => payload);
    await this.deps.notices.check(stored, now()).catch(() => undefined);
    return { refreshedAt: now(), keys: updates.filter((u) => u.usage).length, problems: updates.filter((u) => u.usage?.problem).length };
  }
}
