/**
 * Words for what a provider said about a key's spend, as the options row and the popup
 * show them: today and this month, requests or tokens where given, the provider's limit
 * and what is left, a balance, the budget, and when it was read; or why it could not be.
 * @module
 */
import type { Usage } from '../vault/usage-schema.ts';
import { levelReached, monthSpend } from '../vault/budget.ts';

const money = (amount: number, currency = 'USD') =>
  currency === 'USD' ? `$${amount.toFixed(2)}` : `${amount.toFixed(2)} ${currency}`;
const count = (n: number) => n.toLocaleString('en-US');

/** "just now", "5 min ago", "3 h ago", or the date. */
export function asOf(time: number, now: number): string {
  const minutes = Math.floor((now - time) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return new Date(time).toLocaleDateString();
}

/** The figures, in one line: "$1.20 today · $25.50 this month · 1,234 requests · $74.50 left of $100 (resets monthly)". */
export function spendFigures(usage: Usage): string {
  const c = usage.currency;
  const parts: string[] = [];
  if (usage.scope === 'organization') parts.push('organization');
  if (usage.today !== undefined) parts.push(`${money(usage.today, c)} today`);
  if (usage.month !== undefined) parts.push(`${money(usage.month, c)} this month`);
  if (usage.requests !== undefined) parts.push(`${count(usage.requests)} requests`);
  if (usage.tokens !== undefined) parts.push(`${count(usage.tokens)} tokens this month`);
  if (usage.limit !== undefined) {
    const left = usage.remaining !== undefined ? `${money(usage.remaining, c)} left of ` : 'limit ';
    parts.push(`${left}${money(usage.limit, c)}${usage.reset ? ` (resets ${usage.reset})` : ''}`);
  }
  if (usage.balance) parts.push(usage.balance);
  if (usage.matched) parts.push(`${usage.matched.keys} of ${usage.matched.of} keys here matched`);
  return parts.join(' · ');
}

/** The whole line for a key's row: figures, where they came from, when; or the problem and the figures it left. */
export function spendLine(usage: Usage, now: number): string {
  const figures = spendFigures(usage);
  const when = `as of ${asOf(usage.figuresAt ?? usage.at, now)}`;
  const via = usage.via ? ` · via ${usage.via}` : '';
  const used = usage.lastUsedAt !== undefined ? ` · last used ${asOf(usage.lastUsedAt, now)}` : '';
  if (usage.problem) return `Usage: ${usage.problem}${figures ? ` (last figures: ${figures}, ${when})` : ''}`;
  return `${figures || 'No usage reported'}${used}${via} · ${when}`;
}

/** The popup's short form: this month, or the balance, or "usage: problem". */
export function spendBrief(usage: Usage, now: number): string {
  if (usage.problem) return 'usage could not be read';
  const month = monthSpend(usage, now);
  if (month !== undefined) return `${money(month)} this month${usage.scope === 'organization' ? ' (organization)' : ''}`;
  if (usage.tokens !== undefined) return `${count(usage.tokens)} tokens this month`;
  return usage.balance ?? '';
}

/** "budget $50 · 51 %" with the level reached (80 or 100) for colouring, or undefined without a budget. */
export function budgetLine(budget: number | undefined, usage: Usage | undefined, now: number): { text: string; level: 80 | 100 | undefined } | undefined {
  if (budget === undefined) return undefined;
  const spent = monthSpend(usage, now);
  if (spent === undefined) return { text: `budget ${money(budget)} a month`, level: undefined };
  return { text: `${Math.round((spent / budget) * 100)} % of ${money(budget)} budget`, level: levelReached(spent, budget) };
}
