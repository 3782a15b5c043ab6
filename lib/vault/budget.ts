/**
 * Budgets, as pages and background both reckon them: a key's month of spend (as its
 * provider last reported it, for the current UTC month only), a provider's month (its
 * organizations' totals where an admin key reports them, else the sum of its keys'),
 * and which budgets reached 80 % or 100 %. A budget is advice: the vault tells, it
 * cannot stop a provider from serving a request. No schema code, no clock: `now` is given.
 * @module
 */
import type { Usage } from './usage-schema.ts';

/** The thresholds that deserve a notification, in percent of the budget. */
export const BUDGET_LEVELS = [80, 100] as const;
export type BudgetLevel = (typeof BUDGET_LEVELS)[number];

/** What the reckoning needs of a key (an entry or its summary). */
export interface BudgetFacts {
  id: string;
  name: string;
  provider: string;
  usage?: Usage | undefined;
  budget?: number | undefined;
}

/** The UTC month of `time`, as `YYYY-MM`. */
export function monthOf(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

/** This month's spend in US dollars that `usage` reports, or undefined (none, another month, another currency). */
export function monthSpend(usage: Usage | undefined, now: number): number | undefined {
  if (!usage || usage.month === undefined || (usage.currency ?? 'USD') !== 'USD') return undefined;
  return monthOf(usage.figuresAt ?? usage.at) === monthOf(now) ? usage.month : undefined;
}

/** The highest level `spent` reached of `budget`, or undefined below 80 %. */
export function levelReached(spent: number, budget: number): BudgetLevel | undefined {
  const percent = (spent / budget) * 100;
  return [...BUDGET_LEVELS].reverse().find((level) => percent >= level);
}

/** A provider's month: its organizations' totals where admin keys report them, else the sum of its keys'. */
export function providerSpend(keys: readonly BudgetFacts[], provider: string, now: number): number | undefined {
  const own = keys.filter((key) => key.provider === provider);
  const sum = (scope: Usage['scope']) => {
    const months = own.filter((key) => key.usage?.scope === scope).map((key) => monthSpend(key.usage, now)).filter((m) => m !== undefined);
    return months.length ? months.reduce((a, b) => a + b, 0) : undefined;
  };
  return sum('organization') ?? sum('key');
}

/** Keys at or over their own budget this month. */
export function overBudget(keys: readonly BudgetFacts[], now: number): BudgetFacts[] {
  return keys.filter((key) => key.budget !== undefined && (monthSpend(key.usage, now) ?? 0) >= key.budget);
}

/** A budget at 80 % or more: whose (a key or a provider), how much was spent, and the level reached. */
export interface BudgetAlert {
  /** `key:<id>` or `provider:<id>`. */
  target: string;
  /** The key's name, or the provider id for a provider's budget. */
  name: string;
  provider: string;
  spent: number;
  budget: number;
  level: BudgetLevel;
}

/** Every key and provider budget at 80 % or more this month. */
export function budgetAlerts(keys: readonly BudgetFacts[], providerBudgets: Readonly<Record<string, number>>, now: number): BudgetAlert[] {
  const alerts: BudgetAlert[] = [];
  const consider = (target: string, name: string, provider: string, spent: number | undefined, budget: number | undefined) => {
    const level = spent !== undefined && budget !== undefined ? levelReached(spent, budget) : undefined;
    if (level) alerts.push({ target, name, provider, spent: spent!, budget: budget!, level });
  };
  for (const key of keys) consider(`key:${key.id}`, key.name, key.provider, monthSpend(key.usage, now), key.budget);
  for (const [provider, budget] of Object.entries(providerBudgets)) consider(`provider:${provider}`, provider, provider, providerSpend(keys, provider, now), budget);
  return alerts;
}
