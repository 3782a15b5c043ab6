/**
 * Things waiting in the background for the user's next step, named by a random token:
 * an import waiting for confirmation, a captured key waiting for the add form. The
 * secrets stay here; pages see a token. Forgotten after 10 minutes (or the lifetime
 * given), when taken, or when the vault locks.
 * @module
 */

const LIFETIME_MS = 10 * 60_000;

export interface PendingDeps {
  now: () => number;
  /** A fresh random token. */
  newToken: () => string;
  /** The error for a token that is unknown or too old. */
  expired: () => Error;
  /** How long an item waits; 10 minutes unless given. */
  lifetimeMs?: number;
}

export class Pending<T> {
  #pending = new Map<string, { item: T; expires: number }>();

  constructor(private readonly deps: PendingDeps) {}

  /** Keeps `item` until taken; returns the token that names it. */
  hold(item: T): string {
    const token = this.deps.newToken();
    this.#pending.set(token, { item, expires: this.deps.now() + (this.deps.lifetimeMs ?? LIFETIME_MS) });
    return token;
  }

  /** Hands over (and forgets) the item of `token`. @throws the `expired` error when unknown or expired. */
  take(token: string): T {
    const pending = this.#pending.get(token);
    this.#pending.delete(token);
    if (!pending || pending.expires < this.deps.now()) throw this.deps.expired();
    return pending.item;
  }

  /** Forgets everything waiting. */
  clear(): void {
    this.#pending.clear();
  }
}
