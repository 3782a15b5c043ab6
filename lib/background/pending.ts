/**
 * Things waiting in the background for the user's next step, named by a random token:
 * an import waiting for confirmation, a captured key waiting for the add form. The
 * secrets stay here; pages see a token. Forgotten after 10 minutes or when taken.
 * @module
 */
import { bytesToHex } from '@noble/ciphers/utils.js';
import { secureRandomBytes } from '../crypto/random.ts';

const LIFETIME_MS = 10 * 60_000;

export class Pending<T> {
  #pending = new Map<string, { item: T; expires: number }>();

  constructor(
    private readonly now: () => number,
    /** The error for a token that is unknown or too old. */
    private readonly expired: () => Error,
  ) {}

  /** Keeps `item` until taken; returns the token that names it. */
  hold(item: T): string {
    const token = bytesToHex(secureRandomBytes(16));
    this.#pending.set(token, { item, expires: this.now() + LIFETIME_MS });
    return token;
  }

  /** Hands over (and forgets) the item of `token`. @throws the `expired` error when unknown or expired. */
  take(token: string): T {
    const pending = this.#pending.get(token);
    this.#pending.delete(token);
    if (!pending || pending.expires < this.now()) throw this.expired();
    return pending.item;
  }

  clear(): void {
    this.#pending.clear();
  }
}
