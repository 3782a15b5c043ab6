/**
 * Sync through the browser's own sync storage: one round reads the whole area, merges
 * it into the open vault entry by entry, and writes what the area lacks in one `set`,
 * only if the whole vault fits the engine's limits. Rounds run one at a time, a moment
 * after a local change or a change from the area; a dropped or late change event only
 * delays the next round, which reads everything again.
 * @module
 */
import { randomId, type RandomBytes } from '../../crypto/random.ts';
import { unwrapVaultKey, type OpenVault, type WrappedKey } from '../../vault/envelope.ts';
import { mergeWithRemote, revOf } from '../../sync/merge.ts';
import { keyedStamp, type SyncedVersion } from '../../sync/synced-version.ts';
import {
  SYNC_ENTRY_PREFIX,
  SYNC_FORMAT,
  SYNC_HEADER_KEY,
  SYNC_VERSION,
  entryKey,
  openVersion,
  parseSyncHeader,
  sealVersion,
  type SyncHeader,
} from '../../sync/sync-items.ts';
import { SYNC_LIMITS, usageOf, whyItDoesNotFit } from '../../sync/sync-limits.ts';
import { SyncError } from '../../sync/sync-error.ts';
import type { SyncStatusView } from '../../messages.ts';
import type { VaultSession } from '../session/session.ts';
import { BackgroundError, lockedError } from '../errors.ts';
import type { SyncState, SyncStateStore } from './sync-state.ts';

/** The part of `storage.sync` sync uses. */
export interface SyncArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface SyncEngineOptions {
  session: VaultSession;
  area: SyncArea;
  state: SyncStateStore;
  now: () => number;
  random: RandomBytes;
  /** Debounce before a round, after a change. */
  delayMs?: number;
}

function versionsIn(area: Record<string, unknown>, vaultKey: Uint8Array, vaultId: string): Map<string, SyncedVersion> {
  const versions = new Map<string, SyncedVersion>();
  for (const [key, value] of Object.entries(area)) {
    if (key === SYNC_HEADER_KEY || !key.startsWith(SYNC_ENTRY_PREFIX)) continue;
    const version = openVersion(vaultKey, vaultId, key, value);
    versions.set(version.id, version);
  }
  return versions;
}

function headerFor(vault: OpenVault, state: SyncState): SyncHeader {
  return { format: SYNC_FORMAT, version: SYNC_VERSION, vault: state.vault!, kdf: vault.header.kdf, key: vault.header.key, keyChangedAt: state.keyChangedAt ?? 0 };
}

const sameWrapping = (a: WrappedKey, b: WrappedKey) => a.key.nonce === b.key.nonce && a.key.ciphertext === b.key.ciphertext;

/**
 * The one owner of sync: its rounds, its switches and its state all run through one
 * queue, so a round never writes back a state that `disable` just changed.
 */
export class SyncEngine {
  readonly #session: VaultSession;
  readonly #area: SyncArea;
  readonly #state: SyncStateStore;
  readonly #now: () => number;
  readonly #random: RandomBytes;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #writes: number[] = [];

  constructor({ session, area, state, now, random, delayMs = 1500 }: SyncEngineOptions) {
    this.#session = session;
    this.#area = area;
    this.#state = state;
    this.#now = now;
    this.#random = random;
    this.#delayMs = delayMs;
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #newRev = () => revOf(this.#random(6));

  /** What the Sync panel shows. */
  async status(): Promise<SyncStatusView> {
    const { enabled, lastSyncedAt, problem, usage } = await this.#state.read();
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
      if ((await this.#session.status()) !== 'unlocked') throw lockedError();
      const area = await this.#area.get(null);
      const state = await this.#state.read();
      const raw = area[SYNC_HEADER_KEY];
      if (raw === undefined) {
        await this.#state.write({ enabled: true, vault: randomId(this.#random), keyChangedAt: this.#now(), marks: {} });
      } else {
        const header = parseSyncHeader(raw);
        if (header.vault === state.vault) await this.#state.write({ ...state, enabled: true });
        else await this.#join(header, area, passphrase);
      }
      await this.#roundOrRecord();
    });
    return this.status();
  }

  async #join(header: SyncHeader, area: Record<string, unknown>, passphrase: string | undefined): Promise<void> {
    if (!passphrase) {
      throw new BackgroundError(
        'sync-needs-passphrase',
        'Your browser account already syncs an AI Key Vault. Enter that vault’s passphrase to join it: the keys of this browser are added to it, and its passphrase opens this browser’s vault from then on.',
      );
    }
    const vaultKey = await unwrapVaultKey(header, passphrase);
    const remote = versionsIn(area, vaultKey, header.vault);
    const marks = await this.#session.rekey(header, vaultKey, (payload) => {
      const merged = mergeWithRemote(payload, {}, remote, this.#newRev, keyedStamp(vaultKey));
      return { payload: merged.payload, result: merged.marks };
    });
    await this.#state.write({ enabled: true, vault: header.vault, keyChangedAt: header.keyChangedAt, marks });
  }

  /** Turns sync off on this browser (the synced items stay for the others). */
  async disable(): Promise<SyncStatusView> {
    clearTimeout(this.#timer);
    await this.#serial(async () => {
      const state = await this.#state.read();
      await this.#state.write({ ...state, enabled: false });
    });
    return this.status();
  }

  /** Resolves when everything queued so far has run (tests wait for it before a "browser" stops). */
  settled(): Promise<void> {
    return this.#serial(async () => undefined);
  }

  /** Stops a round that is waiting to start (the vault locked). */
  cancelScheduled(): void {
    clearTimeout(this.#timer);
  }

  /** A round soon (debounced): after a local change or a change in the area. */
  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.syncNow(), this.#delayMs);
  }

  /** One round now, after any running one. Never throws: a problem is kept for the status. */
  syncNow(): Promise<void> {
    return this.#serial(() => this.#roundOrRecord());
  }

  async #roundOrRecord(): Promise<void> {
    try {
      await this.#runRound();
    } catch (error) {
      const message = error instanceof SyncError || error instanceof BackgroundError ? error.message : 'Sync failed; it will try again after the next change.';
      const state = await this.#state.read();
      await this.#state.write({ ...state, problem: message });
    }
  }

  /** The passphrase changed here: the area takes this browser's wrapping. */
  passphraseChanged(): Promise<void> {
    return this.#serial(async () => {
      const state = await this.#state.read();
      if (!state.enabled) return;
      await this.#state.write({ ...state, keyChangedAt: this.#now() });
      await this.#roundOrRecord();
    });
  }

  #mayWrite(): boolean {
    const now = this.#now();
    this.#writes = this.#writes.filter((at) => now - at < 3_600_000);
    const lastMinute = this.#writes.filter((at) => now - at < 60_000).length;
    return lastMinute < SYNC_LIMITS.writesPerMinute && this.#writes.length < SYNC_LIMITS.writesPerHour;
  }

  async #runRound(): Promise<void> {
    const state = await this.#state.read();
    if (!state.enabled || !state.vault || (await this.#session.status()) !== 'unlocked') return;
    const area = await this.#area.get(null);
    const header = area[SYNC_HEADER_KEY] === undefined ? undefined : parseSyncHeader(area[SYNC_HEADER_KEY]);
    if (header && header.vault !== state.vault) {
      throw new SyncError('sync-other-vault', 'Your browser account now syncs another AI Key Vault. Turn sync off and on again to join it.');
    }
    const round = await this.#session.withOpenVault((vault) => {
      const remote = versionsIn(area, vault.vaultKey, state.vault!);
      const merged = mergeWithRemote(vault.payload, state.marks, remote, this.#newRev, keyedStamp(vault.vaultKey));
      const writes: Record<string, unknown> = {};
      for (const version of merged.publish) writes[entryKey(version.id)] = sealVersion(vault.vaultKey, state.vault!, version, this.#random);
      let keyChangedAt = state.keyChangedAt ?? 0;
      if (!header || (keyChangedAt > header.keyChangedAt && !sameWrapping(header, vault.header))) writes[SYNC_HEADER_KEY] = headerFor(vault, state);
      else if (sameWrapping(header, vault.header)) keyChangedAt = Math.max(keyChangedAt, header.keyChangedAt);
      const projected = { ...area, ...writes };
      const names = new Map(merged.payload.entries.map((e) => [entryKey(e.id), e.name]));
      const problem = whyItDoesNotFit(projected, (key) => names.get(key));
      return { payload: merged.payload, result: { writes, marks: merged.marks, problem, usage: usageOf(problem ? area : projected), keyChangedAt } };
    });
    let problem = round.problem;
    if (!problem && Object.keys(round.writes).length > 0) {
      if (!this.#mayWrite()) {
        problem = 'The browser’s sync limit of writes per minute was reached; sync resumes in a minute.';
        setTimeout(() => this.schedule(), 60_000);
      } else {
        this.#writes.push(this.#now());
        await this.#area.set(round.writes);
      }
    }
    await this.#state.write({
      ...state,
      keyChangedAt: round.keyChangedAt,
      marks: round.marks,
      usage: round.usage,
      ...(problem ? { problem } : { problem: undefined, lastSyncedAt: this.#now() }),
    });
  }
}
