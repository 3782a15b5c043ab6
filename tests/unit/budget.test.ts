import { describe, expect, it } from 'vitest';
import { budgetAlerts, levelReached, monthSpend, overBudget, providerSpend, type BudgetFacts } from '../../lib/vault/budget.ts';
import { budgetLine, spendBrief, spendLine } from '../../lib/ui/spend-text.ts';
import type { Usage } from '../../lib/vault/usage-schema.ts';

const NOW = Date.UTC(2024, 10, 20, 12);
const EARLIER_THIS_MONTH = Date.UTC(2024, 10, 3);
const LAST_MONTH = Date.UTC(2024, 9, 30);

const key = (id: string, provider: string, usage: Partial<Usage> | undefined, budget?: number): BudgetFacts => ({
  id,
  name: id,
  provider,
  ...(usage ? { usage: { at: EARLIER_THIS_MONTH, scope: 'key', ...usage } } : {}),
  ...(budget !== undefined ? { budget } : {}),
});

describe('budgets', () => {
  it('count only this month’s dollars, as the provider last reported them', () => {
    expect(monthSpend({ at: EARLIER_THIS_MONTH, scope: 'key', month: 12 }, NOW)).toBe(12);
    expect(monthSpend({ at: LAST_MONTH, scope: 'key', month: 12 }, NOW)).toBeUndefined();
    expect(monthSpend({ at: NOW, figuresAt: LAST_MONTH, scope: 'key', month: 12, problem: 'no answer' }, NOW)).toBeUndefined();
    expect(monthSpend({ at: NOW, scope: 'key', month: 12, currency: 'CNY' }, NOW)).toBeUndefined();
    expect(monthSpend({ at: NOW, scope: 'key', tokens: 1000 }, NOW)).toBeUndefined();
  });

  it('reckon a provider by its organizations where admin keys report them, else by its keys', () => {
    const keys = [key('a', 'openai', { month: 10 }), key('b', 'openai', { month: 5 }), key('r', 'openrouter', { month: 2 })];
    expect(providerSpend(keys, 'openai', NOW)).toBe(15);
    const withOrganization = [...keys, key('admin', 'openai', { scope: 'organization', month: 40 })];
    expect(providerSpend(withOrganization, 'openai', NOW)).toBe(40);
    expect(providerSpend(keys, 'anthropic', NOW)).toBeUndefined();
  });

  it('alert at 80 % and 100 %, and count keys at or over their budget', () => {
    expect([79.9, 80, 99, 100, 250].map((spent) => levelReached(spent, 100))).toEqual([undefined, 80, 80, 100, 100]);
    const keys = [key('near', 'openai', { month: 8.5 }, 10), key('over', 'openai', { month: 12 }, 10), key('calm', 'openai', { month: 1 }, 10), key('none', 'openai', { month: 99 })];
    expect(overBudget(keys, NOW).map((k) => k.id)).toEqual(['over']);
    expect(budgetAlerts(keys, { openai: 100 }, NOW)).toEqual([
      { target: 'key:near', name: 'near', provider: 'openai', spent: 8.5, budget: 10, level: 80 },
      { target: 'key:over', name: 'over', provider: 'openai', spent: 12, budget: 10, level: 100 },
      { target: 'provider:openai', name: 'openai', provider: 'openai', spent: 120.5, budget: 100, level: 100 },
    ]);
  });
});

describe('spend in words', () => {
  it('says what was read and when, or why it could not be read and what is left of before', () => {
    const read: Usage = { at: NOW - 5 * 60_000, scope: 'key', today: 1.2, month: 25.5, limit: 100, remaining: 74.5, reset: 'monthly' };
    expect(spendLine(read, NOW)).toBe('$1.20 today · $25.50 this month · $74.50 left of $100.00 (resets monthly) · as of 5 min ago');
    const failed: Usage = { ...read, at: NOW, figuresAt: NOW - 3 * 3_600_000, problem: 'OpenRouter is limiting requests right now; try again later.' };
    expect(spendLine(failed, NOW)).toBe(
      'Usage: OpenRouter is limiting requests right now; try again later. (last figures: $1.20 today · $25.50 this month · $74.50 left of $100.00 (resets monthly), as of 3 h ago)',
    );
    expect(spendLine({ at: NOW, scope: 'key', problem: 'api.openai.com could not be reached.' }, NOW)).toBe('Usage: api.openai.com could not be reached.');
    expect(spendBrief(read, NOW)).toBe('$25.50 this month');
    expect(spendBrief({ at: NOW, scope: 'key', balance: '110.00 CNY' }, NOW)).toBe('110.00 CNY');
    expect(budgetLine(50, read, NOW)).toEqual({ text: '51 % of $50.00 budget', level: undefined });
    expect(budgetLine(30, read, NOW)).toEqual({ text: '85 % of $30.00 budget', level: 80 });
    expect(budgetLine(30, undefined, NOW)).toEqual({ text: 'budget $30.00 a month', level: undefined });
  });
});
