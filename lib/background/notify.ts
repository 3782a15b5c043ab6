/**
 * The notifications: a key that worked has stopped working or was reported as leaked, a
 * budget reached 80 % or 100 %, and a fill that could not be done. Each names the key
 * and its provider, never the key; each in the reader's language.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { i18n } from '#i18n';
import { providerName } from '../providers/catalog.ts';
import { say } from '../say.ts';
import type { Words } from '../words.ts';
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
    const who = [entry.name, providerName(entry.provider)] as const;
    if (validation.reason === 'leaked') this.#show(`invalid-${entry.id}`, i18n.t('background.leakedTitle'), i18n.t('background.leakedBody', [...who]));
    else this.#show(`invalid-${entry.id}`, i18n.t('background.invalidTitle'), i18n.t('background.invalidBody', [...who]));
  }

  /** A budget reached 80 % or 100 % this month; it says the budget is advice. */
  budgetReached(alert: BudgetAlert): void {
    const dollars = (amount: number) => `$${amount.toFixed(2)}`;
    const provider = providerName(alert.provider);
    const spent = [dollars(alert.spent), dollars(alert.budget)] as const;
    this.#show(
      `budget-${alert.target}-${alert.level}`,
      alert.level === 100 ? i18n.t('background.budgetUsedUp') : i18n.t('background.budgetAt80'),
      alert.target.startsWith('provider:')
        ? i18n.t('background.budgetProviderBody', [provider, ...spent])
        : i18n.t('background.budgetKeyBody', [alert.name, provider, ...spent]),
    );
  }

  /** A message about an act done outside our pages (a fill from the menu or shortcut). */
  tell(message: Words): void {
    this.#show(`fill-${this.now()}`, i18n.t('extName'), say(message));
  }
}
