/**
 * A small typed event emitter. The session announces what happened (changed, locked, a
 * new passphrase); the badge, the menu, sync, auto-lock and pending captures subscribe,
 * so nothing is wired into the session from outside.
 * @module
 */

type Listener<T> = (event: T) => void;

export class Emitter<Events extends object> {
  #listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Calls `listener` on each `name` event; returns a function that stops it. */
  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    const set = this.#listeners.get(name) ?? new Set();
    set.add(listener as Listener<never>);
    this.#listeners.set(name, set);
    return () => set.delete(listener as Listener<never>);
  }

  /** Tells every listener of `name`. A listener that throws does not stop the others or the emitter. */
  emit<K extends keyof Events>(name: K, event: Events[K]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        (listener as Listener<Events[K]>)(event);
      } catch {
        // A subscriber's failure (a badge that cannot be set) must not undo the vault's change.
      }
    }
  }
}
