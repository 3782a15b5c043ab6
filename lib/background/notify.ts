/**
 * The notifications: a key that worked has stopped working or was reported as leaked, a
 * budget reached 80 % or 100 %, and a fill that could not be done. Each names the key
 * and its provider, never the key.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { providerName } from '../providers/catalog.ts';
import { LEAKED_ADVICE } from '../providers/leaked-advice.ts';
import type { Entry, Validation } from '../vault/payload-schema.ts';
import type { BudgetAlert } from '../vault/budget.ts';

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

  /** A budget reached 80 % or 100 % this month; it says the budget is advice. */
  budgetReached(alert: BudgetAlert): void {
    const dollars = (amount: number) => `$${amount.toFixed(2)}`;
    const whose = alert.target.startsWith('provider:') ? `Your ${providerName(alert.provider)} keys` : `“${alert.name}” (${providerName(alert.provider)})`;
    this.#show(
      `budget-${alert.target}-${alert.level}`,
      alert.level === 100 ? 'A monthly budget is used up' : 'A monthly budget is at 80 %',
      `${whose} spent ${dollars(alert.spent)} of ${dollars(alert.budget)} this month. A budget is advice: the provider keeps serving requests.`,
    );
  }

  /** A message about an act done outside our pages (a fill from the menu or shortcut). */
  tell(message: string): void {
    this.#show(`fill-${this.now()}`, 'AI Key Vault', message);
  }
}
