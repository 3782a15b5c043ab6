/**
 * The notifications: a key that worked has stopped working (named, never shown), and a
 * fill that could not be done. Each names the key and its provider, never the key itself.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { providerName } from '../providers/catalog.ts';
import type { Entry } from '../vault/payload-schema.ts';

/** Tells the user things that happened while no page of ours was looking. */
export class Notifier {
  constructor(
    private readonly browser: WxtBrowser,
    private readonly now: () => number,
  ) {}

  #show(id: string, title: string, message: string): void {
    void this.browser.notifications
      .create(id, { type: 'basic', iconUrl: this.browser.runtime.getURL('/icon/128.png'), title, message })
      .catch(() => undefined);
  }

  /** The one notification of a key that was valid and is no longer. */
  turnedInvalid(entry: Entry): void {
    this.#show(`invalid-${entry.id}`, 'An API key stopped working', `“${entry.name}” (${providerName(entry.provider)}) is no longer valid.`);
  }

  /** A message about an act done outside our pages (a fill from the menu or shortcut). */
  tell(message: string): void {
    this.#show(`fill-${this.now()}`, 'AI Key Vault', message);
  }
}
