/**
 * Budget notifications: each key's and each provider's budget gets one at 80 % and one
 * at 100 % per month, never more. What was told is kept in `storage.local` (key ids,
 * provider ids, the month and the level: no secret, no name) so a new worker does not
 * tell it again.
 * @module
 */
import { budgetAlerts, monthOf, type BudgetAlert } from '../../vault/budget.ts';
import type { Payload } from '../../vault/payload-schema.ts';
import type { LocalArea } from '../session/vault-store.ts';

export const BUDGET_NOTICES_KEY = 'budgetNotices';

interface Told {
  month: string;
  /** `<target>:<level>`, e.g. `key:<id>:80`. */
  told: string[];
}

export class BudgetNotices {
  constructor(
    private readonly local: LocalArea,
    /** Shows one notification. */
    private readonly tell: (alert: BudgetAlert) => void,
  ) {}

  async #read(month: string): Promise<Told> {
    const { [BUDGET_NOTICES_KEY]: raw } = await this.local.get(BUDGET_NOTICES_KEY);
    const told = raw as Partial<Told> | undefined;
    return told?.month === month && Array.isArray(told.told) ? { month, told: told.told.filter((t) => typeof t === 'string') } : { month, told: [] };
  }

  /** Tells every budget newly at 80 % or 100 % this month (at 100 %, the 80 % one is not told after it). */
  async check(payload: Payload, now: number): Promise<void> {
    const month = monthOf(now);
    const state = await this.#read(month);
    const told = new Set(state.told);
    const fresh = budgetAlerts(payload.entries, payload.settings.providerBudgets ?? {}, now).filter((alert) => !told.has(`${alert.target}:${alert.level}`));
    if (fresh.length === 0) return;
    for (const alert of fresh) {
      told.add(`${alert.target}:${alert.level}`);
      if (alert.level === 100) told.add(`${alert.target}:80`);
    }
    await this.local.set({ [BUDGET_NOTICES_KEY]: { month, told: [...told] } });
    for (const alert of fresh) this.tell(alert);
  }
}
