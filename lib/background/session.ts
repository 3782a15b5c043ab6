/**
 * The open vault, held by the background alone. Every operation runs one at a time, so
 * a read-modify-write never interleaves with another. The vault key lives in worker
 * memory and in session storage; nothing decrypted lives anywhere while locked.
 * @module
 */
import type { Argon2idParams } from '../crypto/kdf.ts';
import {
  changePassphrase,
  createVault,
  openVault,
  rekeyVault,
  rewrapVault,
  sealChanges,
  unlockVault,
  unwrapVaultKey,
  type OpenVault,
  type WrappedKey,
} from '../vault/envelope.ts';
import { emptyPayload, type Payload } from '../vault/payload-schema.ts';
import { VaultError } from '../vault/errors.ts';
import { HEADER_KEY } from '../vault/envelope-schema.ts';
import type { VaultStatus } from '../messages.ts';
import { forgetVaultKey, recallVaultKey, rememberVaultKey } from './key-cache.ts';
import { isStored, readStoredHeader, readStoredItems, writeVault } from './vault-store.ts';
import { checkThrottle, recordFailure, recordSuccess } from './unlock-throttle.ts';
import { BackgroundError, lockedError, noVaultError } from './errors.ts';

export interface SessionOptions {
  /** KDF strength for new vaults and new passphrases. */
  kdfParams: Argon2idParams;
  now?: () => number;
  /** Called after every change of state or content (pages refresh on it). */
  onChange?: () => void;
}

export class VaultSession {
  #vault: OpenVault | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** Checksums of headers this session wrote, to tell its own writes from others'. */
  #written = new Set<string>();
  readonly #kdfParams: Argon2idParams;
  readonly #now: () => number;
  readonly #onChange: () => void;
  /** A newer wrapping of the vault key (the passphrase was changed on a synced browser). */
  #newerWrapping: () => Promise<WrappedKey | undefined> = async () => undefined;

  constructor({ kdfParams, now = Date.now, onChange = () => undefined }: SessionOptions) {
    this.#kdfParams = kdfParams;
    this.#now = now;
    this.#onChange = onChange;
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Like #exclusive, for tasks that change something: announces the change on success. */
  async #changing<T>(task: () => Promise<T>): Promise<T> {
    const result = await this.#exclusive(task);
    this.#onChange();
    return result;
  }

  // After a worker restart the vault key is still in session storage: reopen from it.
  async #current(): Promise<OpenVault | undefined> {
    if (this.#vault) return this.#vault;
    const vaultKey = await recallVaultKey();
    if (!vaultKey) return undefined;
    try {
      this.#vault = openVault(await readStoredItems(), vaultKey);
    } catch {
      await forgetVaultKey();
    }
    return this.#vault;
  }

  async #required(): Promise<OpenVault> {
    const vault = await this.#current();
    if (!vault) throw (await readStoredHeader()) === undefined ? noVaultError() : lockedError();
    return vault;
  }

  async #open(vault: OpenVault): Promise<void> {
    await rememberVaultKey(vault.vaultKey);
    this.#vault = vault;
  }

  /** The open payload, if unlocked (read without waiting for queued work). */
  get currentPayload(): Payload | undefined {
    return this.#vault?.payload;
  }

  /**
   * The stored header changed. If someone else wrote it (another copy of the vault, a
   * wipe), the copy in memory is stale: drop it; the next request reopens from storage
   * with the session key if it still fits, and otherwise finds the vault locked.
   */
  storedHeaderChanged(header: unknown): void {
    const checksum = (header as { checksum?: unknown } | undefined)?.checksum;
    if (!this.#vault || checksum === this.#vault.header.checksum || this.#written.has(checksum as string)) return;
    this.#vault = undefined;
    this.#onChange();
  }

  async #write(writes: Parameters<typeof writeVault>[0], basedOn: Parameters<typeof writeVault>[1], header: { checksum: string }): Promise<void> {
    if (this.#written.size > 16) this.#written.clear();
    this.#written.add(header.checksum);
    try {
      await writeVault(writes, basedOn);
    } catch (error) {
      // One `set` is atomic: if the new header is stored, the whole change is.
      if (!(error instanceof VaultError) && (await isStored(header.checksum))) return;
      throw error;
    }
  }

  status(): Promise<VaultStatus['state']> {
    return this.#exclusive(async () => {
      if (await this.#current()) return 'unlocked';
      return (await readStoredHeader()) === undefined ? 'none' : 'locked';
    });
  }

  create(passphrase: string): Promise<void> {
    return this.#changing(async () => {
      if ((await readStoredHeader()) !== undefined) {
        throw new BackgroundError('vault-exists', 'A vault already exists here. Unlock it instead.');
      }
      const { vault, writes } = await createVault(passphrase, emptyPayload(), this.#kdfParams, { now: this.#now() });
      await this.#write(writes, null, vault.header);
      await this.#open(vault);
    });
  }

  unlock(passphrase: string): Promise<void> {
    return this.#changing(async () => {
      if (await this.#current()) return;
      const items = await readStoredItems();
      if (items[HEADER_KEY] === undefined) throw noVaultError();
      await checkThrottle(this.#now());
      try {
        const newer = await this.#newerWrapping().catch(() => undefined);
        if (newer) await this.#unlockWithNewerWrapping(items, newer, passphrase);
        else await this.#open(await unlockVault(items, passphrase));
      } catch (error) {
        if (error instanceof VaultError && error.code === 'wrong-passphrase') await recordFailure(this.#now());
        throw error;
      }
      await recordSuccess();
    });
  }

  // The passphrase changed on another browser: that one opens the vault now, and this
  // browser's header takes its wrapping, so the old passphrase no longer does.
  async #unlockWithNewerWrapping(items: Awaited<ReturnType<typeof readStoredItems>>, newer: WrappedKey, passphrase: string): Promise<void> {
    const vault = openVault(items, await unwrapVaultKey(newer, passphrase));
    const rewrapped = rewrapVault(vault, newer, { now: this.#now() });
    await this.#write(rewrapped.writes, vault.header, rewrapped.vault.header);
    await this.#open(rewrapped.vault);
  }

  /** Where a newer wrapping of the vault key comes from (sync). */
  set newerWrapping(source: () => Promise<WrappedKey | undefined>) {
    this.#newerWrapping = source;
  }

  lock(): Promise<void> {
    return this.#changing(async () => {
      this.#vault?.vaultKey.fill(0);
      this.#vault = undefined;
      await forgetVaultKey();
    });
  }

  /** Runs `read` on the open payload. @throws BackgroundError `locked` / `no-vault`. */
  read<T>(read: (payload: Payload) => T): Promise<T> {
    return this.#exclusive(async () => read((await this.#required()).payload));
  }

  /**
   * Applies `change` to the open payload, seals it and stores it as the next revision.
   * If the stored vault changed underneath, nothing is written, the in-memory copy is
   * reloaded from storage and the caller gets `stale-revision`.
   */
  mutate<T>(change: (payload: Payload) => { payload: Payload; result: T }): Promise<T> {
    return this.#changing(async () => {
      const vault = await this.#required();
      const { payload, result } = change(vault.payload);
      await this.#store(vault, sealChanges(vault, payload, { now: this.#now() }));
      return result;
    });
  }

  async #store(vault: OpenVault, next: ReturnType<typeof sealChanges>): Promise<void> {
    try {
      await this.#write(next.writes, vault.header, next.vault.header);
    } catch (error) {
      if (error instanceof VaultError && error.code === 'stale-revision') {
        this.#vault = undefined;
        await this.#current();
      }
      throw error;
    }
    this.#vault = next.vault;
  }

  /**
   * Like `mutate`, with the open vault itself (sync seals with its key). Writes only if
   * the payload changed; announces a change only then.
   */
  async withOpenVault<T>(task: (vault: OpenVault) => { payload: Payload; result: T }): Promise<T> {
    let changed = false;
    const result = await this.#exclusive(async () => {
      const vault = await this.#required();
      const { payload, result } = task(vault);
      if (payload !== vault.payload) {
        await this.#store(vault, sealChanges(vault, payload, { now: this.#now() }));
        changed = true;
      }
      return result;
    });
    if (changed) this.#onChange();
    return result;
  }

  /** Moves the open vault to another vault key and wrapping (joining a synced vault). */
  rekey<T>(wrapped: WrappedKey, vaultKey: Uint8Array, change: (payload: Payload) => { payload: Payload; result: T }): Promise<T> {
    return this.#changing(async () => {
      const vault = await this.#required();
      const { payload, result } = change(vault.payload);
      const next = rekeyVault(vault, wrapped, vaultKey, payload, { now: this.#now() });
      await this.#store(vault, next);
      await this.#open(next.vault);
      return result;
    });
  }

  // Proves the user knows the passphrase of the open vault (throttled like unlocking).
  async #verify(vault: OpenVault, passphrase: string): Promise<void> {
    await checkThrottle(this.#now());
    try {
      await unwrapVaultKey(vault.header, passphrase);
    } catch (error) {
      if (error instanceof VaultError && error.code === 'wrong-passphrase') await recordFailure(this.#now());
      throw error;
    }
    await recordSuccess();
  }

  /** Runs `read` on the open payload after the passphrase is entered again. */
  readWithPassphrase<T>(passphrase: string, read: (payload: Payload) => T): Promise<T> {
    return this.#exclusive(async () => {
      const vault = await this.#required();
      await this.#verify(vault, passphrase);
      return read(vault.payload);
    });
  }

  /** The KDF settings of the open vault. */
  get openVaultKdf(): Argon2idParams | undefined {
    if (!this.#vault) return undefined;
    const { memoryKiB, iterations, parallelism } = this.#vault.header.kdf;
    return { memoryKiB, iterations, parallelism };
  }

  changePassphrase(current: string, next: string): Promise<void> {
    return this.#changing(async () => {
      const vault = await this.#required();
      await this.#verify(vault, current);
      const changed = await changePassphrase(vault, next, this.#kdfParams, { now: this.#now() });
      await this.#write(changed.writes, vault.header, changed.vault.header);
      await this.#open(changed.vault);
    });
  }
}
