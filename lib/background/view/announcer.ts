/**
 * Tells open extension pages what changed, at most once per short window: a burst of
 * changes (a check of many keys storing its results) is one message naming the keys it
 * touched, with their new summaries, not one "list everything again" per change.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { VAULT_CHANGED, type VaultChange } from '../../vault-events.ts';
import type { VaultView, ViewVersion } from './vault-view.ts';

export class ChangeAnnouncer {
  #announced: ViewVersion | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly browser: WxtBrowser,
    private readonly view: VaultView,
    private readonly windowMs = 50,
  ) {}

  /** The view changed: announce it with whatever else changes in the next few milliseconds. */
  changed(): void {
    if (this.#timer === undefined) this.#timer = setTimeout(() => this.#announce(), this.windowMs);
  }

  #announce(): void {
    this.#timer = undefined;
    const now = this.view.version;
    const base = this.#announced?.view === now.view ? this.#announced : undefined;
    this.#announced = now;
    const settings = this.view.settings;
    const changes = settings && base ? this.view.changesSince(base) : undefined;
    const message: VaultChange = { event: VAULT_CHANGED, ...now, base: base?.version ?? -1, popup: this.view.popupVersion, open: settings !== undefined, ...settings, ...(changes ? { changes } : {}) };
    // Rejected when no page is open to hear it: nothing to do then.
    this.browser.runtime.sendMessage(message).catch(() => undefined);
  }
}
