/**
 * Short messages after an act (copied, saved, deleted), some with one action ("Undo").
 * A message stays while the pointer or focus is on it, so its action can be reached.
 * @module
 */

/** A message shown for a few seconds. */
export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void };
}

const SHOWN_MS = 5000;
const WITH_ACTION_MS = 10_000;

export class ToastState {
  toasts = $state<Toast[]>([]);
  #next = 1;
  #timers: Record<number, ReturnType<typeof setTimeout>> = {};

  /** Shows `message` (with `action`, if given); returns its id. */
  show(message: string, action?: Toast['action']): number {
    const id = this.#next++;
    this.toasts = [...this.toasts.slice(-2), { id, message, ...(action ? { action } : {}) }];
    this.#schedule(id);
    return id;
  }

  /** Keeps toast `id` on screen until `release`. */
  hold(id: number): void {
    clearTimeout(this.#timers[id]);
  }

  /** Lets toast `id` go after its usual time again. */
  release(id: number): void {
    this.#schedule(id);
  }

  /** Removes toast `id` now. */
  dismiss(id: number): void {
    clearTimeout(this.#timers[id]);
    delete this.#timers[id];
    this.toasts = this.toasts.filter((toast) => toast.id !== id);
  }

  #schedule(id: number): void {
    const toast = this.toasts.find((candidate) => candidate.id === id);
    if (!toast) return;
    clearTimeout(this.#timers[id]);
    this.#timers[id] = setTimeout(() => this.dismiss(id), toast.action ? WITH_ACTION_MS : SHOWN_MS);
  }
}
