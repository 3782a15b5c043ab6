/**
 * Words for what a provider said about a key's spend, as the options row and the popup
 * show them: today and this month, requests or tokens where given, the provider's limit
 * and what is left, a balance, the budget, and when it was read; or why it could not be.
 * Each figure is one message of locales/en.yml; a line lists them, " · " apart.
 * @module
 */
import { i18n } from '#i18n';
import type { Usage } from '../vault/usage-schema.ts';
import { levelReached, monthSpend } from '../vault/budget.ts';

const money = (amount: number, currency = 'USD') =>
  currency === 'USD' ? `$${amount.toFixed(2)}` : `${amount.toFixed(2)} ${currency}`;
const count = (n: number) => n.toLocaleString('en-US');
const SEPARATOR = ' · ';

/** "just now", "5 min ago", "3 h ago", or the date. */
export function asOf(time: number, now: number): string {
  const minutes = Math.floor((now - time) / 60_000);
  if (minutes < 1) return i18n.t('spend.justNow');
  if (minutes < 60) return i18n.t('spend.minutesAgo', [minutes]);
  if (minutes < 24 * 60) return i18n.t('spend.hoursAgo', [Math.floor(minutes / 60)]);
  return new Date(time).toLocaleDateString();
}

/** The provider's limit: what is left of it where known, and when it resets where said. */
function limitText(usage: Usage & { limit: number }): string {
  const limit = money(usage.limit, usage.currency);
  if (usage.remaining === undefined) return usage.reset ? i18n.t('spend.limitResets', [limit, usage.reset]) : i18n.t('spend.limit', [limit]);
  const left = money(usage.remaining, usage.currency);
  return usage.reset ? i18n.t('spend.leftOfLimitResets', [left, limit, usage.reset]) : i18n.t('spend.leftOfLimit', [left, limit]);
}

/** The figures, in one line: "$1.20 today · $25.50 this month · 1,234 requests · $74.50 left of $100 (resets monthly)". */
export function spendFigures(usage: Usage): string {
  const c = usage.currency;
  const parts: string[] = [];
  if (usage.scope === 'organization') parts.push(i18n.t('spend.organization'));
  if (usage.today !== undefined) parts.push(i18n.t('spend.today', [money(usage.today, c)]));
  if (usage.month !== undefined) parts.push(i18n.t('spend.thisMonth', [money(usage.month, c)]));
  if (usage.requests !== undefined) parts.push(i18n.t('spend.requests', usage.requests, [count(usage.requests)]));
  if (usage.tokens !== undefined) parts.push(i18n.t('spend.tokensThisMonth', usage.tokens, [count(usage.tokens)]));
  if (usage.limit !== undefined) parts.push(limitText({ ...usage, limit: usage.limit }));
  if (usage.balance) parts.push(usage.balance);
  if (usage.matched) parts.push(i18n.t('spend.matched', [usage.matched.keys, usage.matched.of]));
  return parts.join(SEPARATOR);
}

/** The whole line for a key's row: figures, where they came from, when; or the problem and the figures it left. */
export function spendLine(usage: Usage, now: number): string {
  const figures = spendFigures(usage);
  const when = asOf(usage.figuresAt ?? usage.at, now);
  if (usage.problem) return figures ? i18n.t('spend.problemWithFigures', [usage.problem, figures, when]) : i18n.t('spend.problem', [usage.problem]);
  const parts = [figures || i18n.t('spend.noUsage')];
  if (usage.lastUsedAt !== undefined) parts.push(i18n.t('spend.lastUsed', [asOf(usage.lastUsedAt, now)]));
  if (usage.via) parts.push(i18n.t('spend.via', [usage.via]));
  parts.push(i18n.t('spend.asOf', [when]));
  return parts.join(SEPARATOR);
}

/** The popup's short form: this month, or the balance, or "usage: problem". */
export function spendBrief(usage: Usage, now: number): string {
  if (usage.problem) return i18n.t('spend.notRead');
  const month = monthSpend(usage, now);
  if (month !== undefined) return i18n.t(usage.scope === 'organization' ? 'spend.thisMonthOrganization' : 'spend.thisMonth', [money(month)]);
  if (usage.tokens !== undefined) return i18n.t('spend.tokensThisMonth', usage.tokens, [count(usage.tokens)]);
  return usage.balance ?? '';
}

/** "budget $50 · 51 %" with the level reached (80 or 100) for colouring, or undefined without a budget. */
export function budgetLine(budget: number | undefined, usage: Usage | undefined, now: number): { text: string; level: 80 | 100 | undefined } | undefined {
  if (budget === undefined) return undefined;
  const spent = monthSpend(usage, now);
  if (spent === undefined) return { text: i18n.t('spend.budget', [money(budget)]), level: undefined };
  return { text: i18n.t('spend.budgetUsed', [Math.round((spent / budget) * 100), money(budget)]), level: levelReached(spent, budget) };
}
