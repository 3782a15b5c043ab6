/**
 * The bindings while the vault is open: opened from their sealed item with a key
 * derived from the vault key, kept in memory with that key and the vault's payload,
 * sealed again on every change, and forgotten (the key erased) when the vault closes.
 * Its owner (`StandIns`) calls it one operation at a time.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import type { RandomBytes } from '../../crypto/random.ts';
import type { Binding } from '../../stand-in/binding.ts';
import { bindingsKey, BINDINGS_ITEM, openBindings, sealBindings } from '../../stand-in/sealed-bindings.ts';
import type { Entry, Payload } from '../../vault/payload-schema.ts';
import type { VaultSession } from '../session/session.ts';

interface Opened {
  /** Seals the bindings (derived from the vault key; erased on close). */
  key: Uint8Array;
  bindings: Binding[];
  payload: Payload;
}

export class BindingBook {
  #opened: Opened | undefined;

  constructor(
    private readonly local: WxtBrowser['storage']['local'],
    private readonly random: RandomBytes,
  ) {}

  /** Whether the bindings are open. */
  get isOpen(): boolean {
    return this.#opened !== undefined;
  }

  /** The open bindings (empty while closed). */
  get bindings(): readonly Binding[] {
    return this.#opened?.bindings ?? [];
  }

  /** The open vault's keys (empty while closed). */
  get entries(): readonly Entry[] {
    return this.#opened?.payload.entries ?? [];
  }

  /** The key a binding stands in for, as the vault holds it now. */
  entryOf(binding: Binding): Entry | undefined {
    return this.entries.find((entry) => entry.id === binding.entryId);
  }

  /**
   * Opens the stored bindings with the open vault's key, or one of its previous keys
   * (then seals them again under the current one). Whether the vault was open.
   */
  async open(session: VaultSession): Promise<boolean> {
    const vault = await session
      .withOpenVault((open) => ({ payload: open.payload, result: { keys: [open.vaultKey, ...open.previousKeys].map(bindingsKey), payload: open.payload } }))
      .catch(() => undefined);
    if (!vault) return false;
    const stored = (await this.local.get(BINDINGS_ITEM))[BINDINGS_ITEM];
    const opened = openBindings(vault.keys, stored);
    const [key, ...older] = vault.keys;
    for (const old of older) old.fill(0);
    this.close();
    this.#opened = { key: key!, bindings: opened?.bindings ?? [], payload: vault.payload };
    if (opened && opened.keyIndex > 0) await this.save(opened.bindings);
    // Another vault's, or one whose key this vault no longer remembers: the next change replaces it.
    if (!opened && stored !== undefined) console.error('AI Key Vault: the stored stand-in keys do not open with this vault; starting without them.');
    return true;
  }

  /** The vault's keys changed (not its key): substitution follows them. */
  vaultIs(payload: Payload): void {
    if (this.#opened) this.#opened.payload = payload;
  }

  /** Seals `bindings` and keeps them as the open ones. */
  async save(bindings: Binding[]): Promise<void> {
    const opened = this.#opened;
    if (!opened) return;
    await this.local.set({ [BINDINGS_ITEM]: sealBindings(opened.key, bindings, this.random) });
    opened.bindings = bindings;
  }

  /** Seals the bindings with `binding` in place of the one with its id. */
  replace(binding: Binding): Promise<void> {
    return this.save(this.bindings.map((other) => (other.id === binding.id ? binding : other)));
  }

  /** Forgets the open bindings and erases their key. */
  close(): void {
    this.#opened?.key.fill(0);
    this.#opened = undefined;
  }
}
