/**
 * The notifications: a key that worked has stopped working or was reported as leaked,
 * and a fill that could not be done. Each names the key and its provider, never the key.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { providerName } from '../providers/catalog.ts';
import { LEAKED_ADVICE } from '../providers/leaked-advice.ts';
import type { Entry, Validation } from '../vault/payload-schema.ts';

/** Whether a check that gave `after` deserves the notification, the entry's last check having given `before`. */
export function deservesNotice(before: Validation | undefined, after: Validation): boolean {
  if (after.status !== 'invalid') return false;
  return before?.status === 'valid' || (after.reason === 'leaked' && before?.reason !== 'leaked');
}

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

  /** The one notification of a key whose check gave `validation` (invalid), after it had worked or before it was known leaked. */
  turnedInvalid(entry: Entry, validation: Validation): void {
    const leaked = validation.reason === 'leaked';
    const who = `“${entry.name}” (${providerName(entry.provider)})`;
    this.#show(
      `invalid-${entry.id}`,
      leaked ? 'An API key was reported as leaked' : 'An API key stopped working',
      leaked ? `${who}: ${LEAKED_ADVICE}.` : `${who} is no longer valid.`,
    );
  }

  /** A message about an act done outside our pages (a fill from the menu or shortcut). */
  tell(message: string): void {
    this.#show(`fill-${this.now()}`, 'AI Key Vault', message);
  }
}
