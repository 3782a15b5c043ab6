/**
 * The open vault, held by the background alone. Every operation runs one at a time
 * through one queue, so a read-modify-write never interleaves with another, and nothing
 * reads the vault around that queue. The vault key lives in worker memory and in
 * session storage; nothing decrypted lives anywhere while locked (only the stored
 * ciphertext, read ahead of an unlock: `sealed-copy.ts`). What happens is told through
 * `events`.
 * @module
 */
import type { Argon2idParams } from '../../crypto/kdf.ts';
import {
  createVault,
  openSealedVault,
  sealChanges,
  sealChangesInSlices,
  unlockSealedVault,
  unwrapVaultKey,
  type KeyLineage,
  type OpenVault,
  type SealedChange,
  type WrappedKey,
} from '../../vault/envelope.ts';
import { adoptNewerKey, changePassphrase, moveToKey } from '../../vault/key-change.ts';
import { emptyPayload, type Payload } from '../../vault/payload-schema.ts';
import { changedRecordIds } from '../../vault/changed-records.ts';
import { VaultError } from '../../vault/errors.ts';
import { CURRENT_VERSION, HEADER_KEY, isVaultItem, type Header, type KdfHeader, type StoredItems } from '../../vault/envelope-schema.ts';
import { legacyRecordKeys } from '../../vault/legacy-records.ts';
import type { VaultStatus } from '../../messages.ts';
import { Emitter } from '../events.ts';
import { BackgroundError, lockedError, noVaultError } from '../errors.ts';
import type { KeyCache } from './key-cache.ts';
import type { VaultStore } from './vault-store.ts';
import type { UnlockThrottle } from './unlock-throttle.ts';
import { SealedCopy, type StoredVault } from './sealed-copy.ts';
import { timeSlices } from './time-slices.ts';
import { words } from '../../words.ts';

/** What the session tells its subscribers. */
export interface SessionEvents {
  /**
   * The vault's content or state changed: its payload now (undefined when it is not
   * open), its KDF settings, and the ids of the records that changed (absent: it opened,
   * closed or moved to another key, so anything may have).
   */
  changed: { payload: Payload | undefined; kdf?: Argon2idParams; records?: ReadonlySet<string> };
  /** The vault was locked: the key is gone from memory and session storage. */
  locked: undefined;
  /** The passphrase was changed here (the vault now has a new key). */
  passphraseChanged: undefined;
  /** The passphrase opened a synced wrapping that does not belong to, or is older than, this vault: it was not taken. */
  syncedWrappingRefused: undefined;
}

/**
 * A wrapping of the vault key made elsewhere (the synced header), tried when the local
 * one refuses the passphrase: the passphrase was changed on another browser.
 */
export interface AlternateWrapping {
  wrapped: WrappedKey;
  /** The key line the wrapping carries, verified with the key it unwrapped to; undefined when it does not verify. */
  lineageOf(vaultKey: Uint8Array): KeyLineage | undefined;
  /** Whether it carries proof, made with `vault`'s own key, that this key was replaced by a newer one. */
  retires(vault: KeyLineage): boolean;
}

const changedElsewhere = () => new VaultError('wrong-passphrase', words('errors.passphraseChangedElsewhere'));

export interface SessionDeps {
  store: VaultStore;
  keys: KeyCache;
  throttle: UnlockThrottle;
  /** KDF strength for new vaults and new passphrases. */
  kdfParams: Argon2idParams;
  now: () => number;
  /** Another wrapping to try when the local one refuses the passphrase (sync). */
  alternateWrapping: () => Promise<AlternateWrapping | undefined>;
  /** How long a change is sealed before waiting requests are let in (`time-slices.ts`). */
  sliceMs?: number;
  /** Makes the KDF ready, while the vault is locked, for the settings of the stored vault. */
  prepareKdf?: (kdf: KdfHeader) => void;
}

const isWrongPassphrase = (error: unknown) => error instanceof VaultError && error.code === 'wrong-passphrase';

export class VaultSession {
  readonly events = new Emitter<SessionEvents>();
  #vault: OpenVault | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** Checksums of headers this session wrote, to tell its own writes from others'. */
  #written = new Set<string>();
  /** The stored vault, read ahead of an unlock. */
  readonly #stored: SealedCopy;

  constructor(private readonly deps: SessionDeps) {
    this.#stored = new SealedCopy(() => deps.store.readItems(), (kdf) => void this.#prepareKdf(kdf));
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #changed(before?: Payload): void {
    const vault = this.#vault;
    if (!vault) return this.events.emit('changed', { payload: undefined });
    const { memoryKiB, iterations, parallelism } = vault.header.kdf;
    const records = before ? { records: changedRecordIds(before, vault.payload) } : {};
    this.events.emit('changed', { payload: vault.payload, kdf: { memoryKiB, iterations, parallelism }, ...records });
  }

  // For an unlock to come: not while open, nor when the kept key will reopen it (a worker's restart).
  async #prepareKdf(kdf: KdfHeader): Promise<void> {
    if (!this.deps.prepareKdf || this.#vault || (await this.deps.keys.has())) return;
    this.deps.prepareKdf(kdf);
  }

  // After a worker restart the vault key is still in session storage: reopen from it.
  async #current(): Promise<OpenVault | undefined> {
    if (this.#vault) return this.#vault;
    const vaultKey = await this.deps.keys.recall();
    if (!vaultKey) return undefined;
    try {
      this.#vault = await this.#upgrade(openSealedVault((await this.#stored.current()).sealed(), vaultKey));
      this.#changed();
    } catch {
      await this.deps.keys.forget();
    }
    return this.#vault;
  }

  // A format-1 vault is stored again in pages, in one write; then its old records go.
  async #upgrade(vault: OpenVault): Promise<OpenVault> {
    if (vault.header.version === CURRENT_VERSION) return vault;
    const next = sealChanges(vault, vault.payload, { now: this.deps.now() });
    await this.#write(next.writes, vault.header, next.vault.header);
    await this.deps.store.remove(legacyRecordKeys(await this.deps.store.readItems()));
    return next.vault;
  }

  async #required(): Promise<OpenVault> {
    const vault = await this.#current();
    if (!vault) throw (await this.deps.store.readHeader()) === undefined ? noVaultError() : lockedError();
    return vault;
  }

  async #open(vault: OpenVault): Promise<void> {
    await this.deps.keys.remember(vault.vaultKey);
    this.#vault = vault;
  }

  async #write(writes: StoredItems, basedOn: Header | null, header: Header): Promise<void> {
    if (this.#written.size > 16) this.#written.clear();
    this.#written.add(header.checksum);
    try {
      await this.deps.store.write(writes, basedOn);
    } catch (error) {
      // One `set` is atomic: if the new header is stored, the whole change is.
      if (!(error instanceof VaultError) && (await this.deps.store.isStored(header.checksum))) return;
      throw error;
    }
  }

  // Stores a sealed change of the open vault; a stale base reloads the vault from storage.
  async #store(vault: OpenVault, next: SealedChange, alongside: StoredItems = {}): Promise<void> {
    try {
      await this.#write({ ...alongside, ...next.writes }, vault.header, next.vault.header);
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
   * Items of the vault changed in storage (`changes`, by storage key, as the browser
   * tells them): the copy read ahead no longer holds. If someone else wrote the header
   * (another copy of the vault, a wipe), the open vault is stale too: drop it; the next
   * request reopens from storage with the session key if it still fits, and otherwise
   * finds the vault locked.
   */
  storedItemsChanged(changes: Record<string, { newValue?: unknown }>): void {
    if (!Object.keys(changes).some(isVaultItem)) return;
    this.#stored.changed();
    const checksum = (changes[HEADER_KEY]?.newValue as { checksum?: unknown } | undefined)?.checksum;
    if (this.#vault && HEADER_KEY in changes && checksum !== this.#vault.header.checksum && !this.#written.has(checksum as string)) {
      this.#vault = undefined;
      this.#changed();
    }
    if (!this.#vault) this.#stored.prepare();
  }

  /** Reads the stored vault ahead of an unlock (or of reopening with the kept key). */
  readAhead(): void {
    if (!this.#vault) this.#stored.prepare();
  }

  /** Whether there is a vault, and whether it is open. */
  status(): Promise<VaultStatus['state']> {
    return this.#exclusive(async () => {
      if (await this.#current()) return 'unlocked';
      return (await this.deps.store.readHeader()) === undefined ? 'none' : 'locked';
    });
  }

  /** Creates a vault with `passphrase` and opens it. @throws BackgroundError `vault-exists`. */
  create(passphrase: string): Promise<void> {
    return this.#exclusive(async () => {
      if ((await this.deps.store.readHeader()) !== undefined) {
        throw new BackgroundError('vault-exists', words('errors.vaultExists'));
      }
      const { vault, writes } = await createVault(passphrase, emptyPayload(), this.deps.kdfParams, { now: this.deps.now() });
      await this.#write(writes, null, vault.header);
      await this.#open(vault);
      this.#changed();
    });
  }

  /**
   * Opens the vault with `passphrase` (throttled). This browser's own wrapping is tried
   * first, so nothing in the sync area can refuse the right passphrase; only when it
   * refuses, a synced wrapping (a passphrase changed on another browser) is tried, and
   * taken only when it verifies, reaches this vault's key and is newer.
   * @throws VaultError `wrong-passphrase`, BackgroundError `throttled`.
   */
  unlock(passphrase: string): Promise<void> {
    return this.#exclusive(async () => {
      if (await this.#current()) return;
      const stored = await this.#stored.current();
      if (!stored.exists) throw noVaultError();
      // Read while the KDF runs, which keeps this thread busy but not the browser's storage.
      const alternate = this.deps.alternateWrapping().catch(() => undefined);
      await this.deps.throttle.guard(async () => {
        try {
          await this.#open(await this.#upgrade(await this.#unlockHere(stored, passphrase, alternate)));
        } catch (error) {
          if (!isWrongPassphrase(error) || !(await this.#unlockWithSyncedWrapping(stored, passphrase, alternate))) throw error;
        }
      }, isWrongPassphrase);
      this.#changed();
    });
  }

  // This browser's own wrapping, unless a passphrase change elsewhere retired its key (then never again).
  async #unlockHere(stored: StoredVault, passphrase: string, alternateWrapping: Promise<AlternateWrapping | undefined>): Promise<OpenVault> {
    const sealed = stored.sealed();
    if (await this.deps.store.isRetired(sealed.header)) throw changedElsewhere();
    const vault = await unlockSealedVault(sealed, passphrase);
    const alternate = await alternateWrapping;
    if (!alternate?.retires(vault)) return vault;
    vault.vaultKey.fill(0);
    await this.deps.store.markRetired(sealed.header);
    throw changedElsewhere();
  }

  // The passphrase changed on another browser: its wrapping opens the vault now, and
  // this browser moves to its key, so the old passphrase no longer does. Whether it was taken.
  async #unlockWithSyncedWrapping(stored: StoredVault, passphrase: string, alternateWrapping: Promise<AlternateWrapping | undefined>): Promise<boolean> {
    const { items, header: local } = stored.sealed();
    const alternate = await alternateWrapping;
    if (!alternate || alternate.wrapped.key.ciphertext === local.key.ciphertext) return false;
    let vaultKey: Uint8Array;
    try {
      vaultKey = await unwrapVaultKey(alternate.wrapped, passphrase);
    } catch {
      return false;
    }
    const lineage = alternate.lineageOf(vaultKey);
    const adopted = lineage && adoptNewerKey(items, alternate.wrapped, lineage, { now: this.deps.now() });
    if (!adopted) {
      this.events.emit('syncedWrappingRefused', undefined);
      return false;
    }
    await this.#write(adopted.writes, local, adopted.vault.header);
    await this.deps.store.remove(legacyRecordKeys(items));
    await this.#open(adopted.vault);
    return true;
  }

  /** Forgets the vault key everywhere. */
  lock(): Promise<void> {
    return this.#exclusive(async () => {
      this.#vault?.vaultKey.fill(0);
      this.#vault = undefined;
      await this.deps.keys.forget();
      this.#stored.prepare();
      this.#changed();
      this.events.emit('locked', undefined);
    });
  }

  /** Runs `read` on the open payload and its header. @throws BackgroundError `locked` / `no-vault`. */
  read<T>(read: (payload: Payload, header: Header) => T): Promise<T> {
    return this.#exclusive(async () => {
      const vault = await this.#required();
      return read(vault.payload, vault.header);
    });
  }

  /**
   * Applies `change` to the open payload, seals it and stores it as the next revision
   * (only when the payload changed). If the stored vault changed underneath, nothing is
   * written, the in-memory copy is reloaded from storage and the caller gets
   * `stale-revision`. A `change` that throws changes nothing.
   */
  mutate<T>(change: (payload: Payload) => { payload: Payload; result: T }): Promise<T> {
    return this.withOpenVault((vault) => change(vault.payload));
  }

  /**
   * Like `mutate`, with the open vault itself (sync seals with its key); `alongside` are
   * storage items that must land in the same atomic write as the change.
   */
  withOpenVault<T>(task: (vault: OpenVault) => { payload: Payload; result: T; alongside?: StoredItems }): Promise<T> {
    return this.#exclusive(async () => {
      const vault = await this.#required();
      const { payload, result, alongside } = task(vault);
      if (payload === vault.payload && !alongside) return result;
      const sealed = await sealChangesInSlices(vault, payload, timeSlices(this.deps.sliceMs), { now: this.deps.now() });
      await this.#store(vault, sealed, alongside);
      this.#changed(vault.payload);
      return result;
    });
  }

  /** Moves the open vault to another key line and wrapping (joining a synced vault), with `change` applied. */
  rekey<T>(wrapped: WrappedKey, lineage: KeyLineage, change: (payload: Payload) => { payload: Payload; result: T }): Promise<T> {
    return this.#exclusive(async () => {
      const vault = await this.#required();
      const { payload, result } = change(vault.payload);
      const next = moveToKey(vault, wrapped, lineage, payload, { now: this.deps.now() });
      await this.#store(vault, next);
      await this.#open(next.vault);
      this.#changed();
      return result;
    });
  }

  // Proves the user knows the passphrase of the open vault (throttled like unlocking).
  #verify(vault: OpenVault, passphrase: string): Promise<Uint8Array> {
    return this.deps.throttle.guard(() => unwrapVaultKey(vault.header, passphrase), isWrongPassphrase);
  }

  /** Runs `read` on the open payload after the passphrase is entered again. */
  readWithPassphrase<T>(passphrase: string, read: (payload: Payload) => T): Promise<T> {
    return this.#exclusive(async () => {
      const vault = await this.#required();
      await this.#verify(vault, passphrase);
      return read(vault.payload);
    });
  }

  /** After `current` is proven: a fresh vault key wrapped under `next`, every record sealed again, in one write. */
  changePassphrase(current: string, next: string): Promise<void> {
    return this.#exclusive(async () => {
      const vault = await this.#required();
      await this.#verify(vault, current);
      const changed = await changePassphrase(vault, next, this.deps.kdfParams, { now: this.deps.now() });
      await this.#write(changed.writes, vault.header, changed.vault.header);
      await this.#open(changed.vault);
      this.#changed();
      this.events.emit('passphraseChanged', undefined);
    });
  }
}
