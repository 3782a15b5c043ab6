/**
 * The stored vault as last read, kept in the worker's memory: ciphertext only, exactly
 * what `storage.local` holds at rest, with its header checked and its pages decoded
 * (`readSealedVault`). Read ahead while the vault is locked, so that an unlock waits
 * neither for the read (megabytes at 10,000 keys) nor for the decoding nor for the KDF's
 * memory (made ready for the stored KDF settings): only for the KDF and the decryption.
 * Any change to the vault's items in storage drops it, and the next use reads storage again.
 * @module
 */
import { HEADER_KEY, type KdfHeader, type StoredItems } from '../../vault/envelope-schema.ts';
import { readSealedVault, type SealedVault } from '../../vault/sealed-vault.ts';

/** The vault's items as storage held them at one moment. */
export class StoredVault {
  #sealed: { vault: SealedVault } | { error: unknown } | undefined;

  constructor(readonly items: StoredItems) {}

  /** Whether there is a vault at all. */
  get exists(): boolean {
    return this.items[HEADER_KEY] !== undefined;
  }

  /**
   * The items read as a sealed vault, worked out once.
   * @throws VaultError `corrupt` or `unsupported-version` when the header is damaged or newer.
   */
  sealed(): SealedVault {
    if (!this.#sealed) {
      try {
        this.#sealed = { vault: readSealedVault(this.items) };
      } catch (error) {
        this.#sealed = { error };
      }
    }
    if ('error' in this.#sealed) throw this.#sealed.error;
    return this.#sealed.vault;
  }
}

export class SealedCopy {
  #copy: Promise<StoredVault> | undefined;

  /** `read`: the vault's items, from storage; `prepareKdf`: makes the KDF ready for these settings. */
  constructor(
    private readonly read: () => Promise<StoredItems>,
    private readonly prepareKdf: (kdf: KdfHeader) => void = () => undefined,
  ) {}

  /**
   * The vault as stored now: the copy while it holds, otherwise one read, which becomes
   * the copy. (A read under way when storage changes is given to those who asked for it,
   * as any read racing a write would be, but not kept.)
   */
  current(): Promise<StoredVault> {
    if (!this.#copy) {
      const reading = this.read().then((items) => new StoredVault(items));
      this.#copy = reading;
      reading.catch(() => {
        if (this.#copy === reading) this.#copy = undefined;
      });
    }
    return this.#copy;
  }

  /** Reads and decodes ahead (what is not done yet) and prepares the KDF, so that the next unlock finds all done. Never throws. */
  prepare(): void {
    this.current()
      .then((stored) => stored.exists && this.prepareKdf(stored.sealed().header.kdf))
      .catch(() => undefined);
  }

  /** The vault's items changed in storage: the copy no longer holds. */
  changed(): void {
    this.#copy = undefined;
  }
}
