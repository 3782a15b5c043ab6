/**
 * Sync through the browser's own sync storage: one round reads the whole area, merges
 * it into the open vault entry by entry, and writes what the area lacks in one `set`,
 * only if the whole vault fits the engine's limits. Rounds run one at a time, a moment
 * after a local change or a change from the area; a dropped or late change event only
 * delays the next round, which reads everything again. The bookkeeping of a merge lands
 * in the same write as the merged vault, and always before anything is published.
 * @module
 */
import { randomId, type RandomBytes } from '../../crypto/random.ts';
import type { Argon2idParams } from '../../crypto/kdf.ts';
import { unwrapVaultKey, type KeyLineage, type WrappedKey } from '../../vault/envelope.ts';
import { mergeWithRemote, revOf } from '../../sync/merge.ts';
import { keyedStamp } from '../../sync/synced-version.ts';
import { SYNC_HEADER_KEY, readSyncHeader, verifySyncHeader, withinKdfCap, type ReadHeader } from '../../sync/sync-header.ts';
import { planRound, versionsIn } from '../../sync/round-plan.ts';
import { SYNC_LIMITS } from '../../sync/sync-limits.ts';
import { SyncError } from '../../sync/sync-error.ts';
import type { SyncStatusView } from '../../messages.ts';
import type { VaultSession } from '../session/session.ts';
import { BackgroundError, lockedError } from '../errors.ts';
import { SYNC_STATE_KEY, type SyncStateStore } from './sync-state.ts';
import { words } from '../../words.ts';
import { say } from '../../say.ts';
import { i18n } from '#i18n';

/** The part of `storage.sync` sync uses. */
export interface SyncArea {
  get(keys: null | string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface SyncEngineOptions {
  session: VaultSession;
  area: SyncArea;
  state: SyncStateStore;
  now: () => number;
  random: RandomBytes;
  /** The strongest KDF settings this browser makes: a synced header asking for more is never run. */
  kdfCap: Argon2idParams;
  /** Debounce before a round, after a change. */
  delayMs?: number;
}


const areaVaultOf = (found: ReadHeader) => (found.kind === 'current' ? found.header.vault : found.vault);

/**
 * The one owner of sync: its rounds, its switches and its state all run through one
 * queue, so a round never writes back a state that `disable` just changed.
 */
export class SyncEngine {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #writes: number[] = [];

  constructor(private readonly deps: SyncEngineOptions) {}

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #newRev = () => revOf(this.deps.random(6));

  /** What the Sync panel shows. */
  async status(): Promise<SyncStatusView> {
    const { enabled, lastSyncedAt, problem, usage } = await this.deps.state.read();
    return {
      enabled,
      ...(lastSyncedAt !== undefined ? { lastSyncedAt } : {}),
      ...(problem ? { problem } : {}),
      ...(usage ? { usage } : {}),
      limits: { bytes: SYNC_LIMITS.totalBytes, items: SYNC_LIMITS.items },
    };
  }

  /**
   * Turns sync on. Where the area already holds another vault, `passphrase` (that
   * vault's) joins it: this browser's keys are merged into it and its passphrase opens
   * this browser's vault from then on.
   */
  async enable(passphrase?: string): Promise<SyncStatusView> {
    await this.#serial(async () => {
      if ((await this.deps.session.status()) !== 'unlocked') throw lockedError();
      const area = await this.deps.area.get(null);
      const state = await this.deps.state.read();
      const raw = area[SYNC_HEADER_KEY];
      if (raw === undefined) {
        await this.deps.state.write({ enabled: true, vault: randomId(this.deps.random), marks: {} });
      } else {
        const found = readSyncHeader(raw);
        if (areaVaultOf(found) === state.vault) await this.deps.state.write({ ...state, enabled: true, problem: undefined });
        else await this.#join(found, area, passphrase);
      }
      await this.#roundOrRecord();
    });
    return this.status();
  }

  async #join(found: ReadHeader, area: Record<string, unknown>, passphrase: string | undefined): Promise<void> {
    if (!passphrase) {
      throw new BackgroundError('sync-needs-passphrase', words('errors.syncNeedsPassphrase'));
    }
    const wrapped: WrappedKey = found.kind === 'current' ? found.header : found.wrapped;
    if (!withinKdfCap(wrapped.kdf, this.deps.kdfCap)) throw new SyncError('sync-damaged', words('errors.syncStrongerKdf'));
    const vaultKey = await unwrapVaultKey(wrapped, passphrase);
    const lineage: KeyLineage | undefined = found.kind === 'current' ? verifySyncHeader(found.header, vaultKey) : { vaultKey, epoch: 0, previousKeys: [] };
    if (!lineage) throw new SyncError('sync-header-refused', words('errors.syncHeaderRefused'));
    const vaultId = areaVaultOf(found);
    const remote = versionsIn(area, [vaultKey, ...lineage.previousKeys], vaultId);
    const marks = await this.deps.session.rekey(wrapped, lineage, (payload) => {
      const merged = mergeWithRemote(payload, {}, remote, this.#newRev, keyedStamp(lineage));
      return { payload: merged.payload, result: merged.marks };
    });
    await this.deps.state.write({ enabled: true, vault: vaultId, marks });
  }

  /** Turns sync off on this browser (the synced items stay for the others). Works while locked. */
  async disable(): Promise<SyncStatusView> {
    clearTimeout(this.#timer);
    await this.#serial(async () => {
      const state = await this.deps.state.read();
      await this.deps.state.write({ ...state, enabled: false, problem: undefined });
    });
    return this.status();
  }

  /** A round soon (debounced): after a local change or a change in the area. */
  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.syncNow(), this.deps.delayMs ?? 1500);
  }

  /** Stops a round that is waiting to start (the vault locked). */
  cancelScheduled(): void {
    clearTimeout(this.#timer);
  }

  /** One round now, after any running one. Never throws: a problem is kept for the status. */
  syncNow(): Promise<void> {
    return this.#serial(() => this.#roundOrRecord());
  }

  /** Resolves when everything queued so far has run (tests wait for it before a "browser" stops). */
  settled(): Promise<void> {
    return this.#serial(async () => undefined);
  }

  /** Unlock found a synced header that the passphrase opened but that does not belong to, or is older than, this vault. */
  headerRefused(): Promise<void> {
    return this.#serial(() => this.#record(new SyncError('sync-header-refused', words('errors.syncHeaderRefused'))));
  }

  async #roundOrRecord(): Promise<void> {
    try {
      await this.#runRound();
    } catch (error) {
      await this.#record(error);
    }
  }

  async #record(error: unknown): Promise<void> {
    // Kept as words in the reader's language of the moment, as the status shows it.
    const message = error instanceof SyncError || error instanceof BackgroundError ? say(error.words) : i18n.t('background.syncFailed');
    const state = await this.deps.state.read();
    if (state.enabled) await this.deps.state.write({ ...state, problem: message });
  }

  #mayWrite(): boolean {
    const now = this.deps.now();
    this.#writes = this.#writes.filter((at) => now - at < 3_600_000);
    const lastMinute = this.#writes.filter((at) => now - at < 60_000).length;
    return lastMinute < SYNC_LIMITS.writesPerMinute && this.#writes.length < SYNC_LIMITS.writesPerHour;
  }

  async #runRound(): Promise<void> {
    const { session, random } = this.deps;
    const state = await this.deps.state.read();
    const vaultId = state.vault;
    if (!state.enabled || !vaultId || (await session.status()) !== 'unlocked') return;
    const area = await this.deps.area.get(null);
    const found = area[SYNC_HEADER_KEY] === undefined ? undefined : readSyncHeader(area[SYNC_HEADER_KEY]);
    if (found && areaVaultOf(found) !== vaultId) {
      throw new SyncError('sync-other-vault', words('errors.syncOtherVault'));
    }
    const round = await session.withOpenVault((vault) => {
      const plan = planRound({ area, found, vault, vaultId, marks: state.marks, newRev: this.#newRev, random });
      const bookkeeping = { ...state, marks: plan.marks };
      return { payload: plan.payload, result: { ...plan, bookkeeping }, ...(plan.changed ? { alongside: { [SYNC_STATE_KEY]: bookkeeping } } : {}) };
    });
    // Bookkeeping first: a round cut short after publishing would otherwise mint new revisions for the same content.
    if (!round.changed) await this.deps.state.write(round.bookkeeping);
    let problem = round.tooBig && say(round.tooBig);
    if (!problem && Object.keys(round.writes).length > 0) {
      if (!this.#mayWrite()) {
        problem = i18n.t('background.syncWriteLimit');
        setTimeout(() => this.schedule(), 60_000);
      } else {
        this.#writes.push(this.deps.now());
        await this.deps.area.set(round.writes);
        if (round.removals.length > 0) await this.deps.area.remove(round.removals);
        if (round.replacedHeader) problem = i18n.t('background.syncHeaderReplaced');
      }
    }
    await this.deps.state.write({
      ...round.bookkeeping,
      usage: round.usage,
      ...(problem ? { problem } : { problem: undefined, lastSyncedAt: this.deps.now() }),
    });
  }
}
