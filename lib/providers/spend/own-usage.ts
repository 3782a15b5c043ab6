/**
 * Providers that tell a key its own spend: OpenRouter (`/key`: usage today, this week,
 * this month and in all, its limit, what is left, when it resets, its expiry, whether it
 * is a management key; `/credits` for a management key) and DeepSeek (`/user/balance`).
 * Each reader takes the parsed answer; shapes are in docs/providers/spend-and-revoke.md.
 * @module
 */
import { z } from 'zod/mini';
import type { Usage } from '../../vault/usage-schema.ts';
import { words, type TextOrWords } from '../../words.ts';

/** What a read says about a key, without when and whose (the caller adds them); the balance in the provider's figures or our words. */
export type Figures = Omit<Usage, 'at' | 'scope' | 'figuresAt' | 'balance'> & { balance?: TextOrWords };

const money = z.nullish(z.number());

// https://openrouter.ai/docs/api/api-reference/api-keys/get-current-key (dollars)
export const OpenRouterKeyAnswer = z.object({
  data: z.object({
    label: z.nullish(z.string()),
    usage: money,
    usage_daily: money,
    usage_weekly: money,
    usage_monthly: money,
    limit: money,
    limit_remaining: money,
    limit_reset: z.nullish(z.string()),
    expires_at: z.nullish(z.string()),
    is_management_key: z.nullish(z.boolean()),
    is_provisioning_key: z.nullish(z.boolean()),
  }),
});

// https://openrouter.ai/docs/api/api-reference/credits/get-credits (dollars)
export const OpenRouterCreditsAnswer = z.object({ data: z.object({ total_credits: z.number(), total_usage: z.number() }) });

// https://api-docs.deepseek.com/api/get-user-balance (amounts as decimal strings)
export const DeepSeekBalanceAnswer = z.object({
  is_available: z.boolean(),
  balance_infos: z.array(z.object({ currency: z.string(), total_balance: z.string() })),
});

const defined = <T extends object>(figures: T): T => Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined && v !== null)) as T;

/** OpenRouter's `/key` answer: the figures, the key's label (the provider's hint of it), and whether it manages the account. */
export function readOpenRouterKey(answer: z.infer<typeof OpenRouterKeyAnswer>): { figures: Figures; label: string | undefined; management: boolean } {
  const d = answer.data;
  const expires = d.expires_at ? Date.parse(d.expires_at) : NaN;
  const reset = d.limit_reset === 'daily' || d.limit_reset === 'weekly' || d.limit_reset === 'monthly' ? d.limit_reset : undefined;
  const management = d.is_management_key === true || d.is_provisioning_key === true;
  const figures: Figures = defined({
    today: d.usage_daily ?? undefined,
    week: d.usage_weekly ?? undefined,
    month: d.usage_monthly ?? undefined,
    total: d.usage ?? undefined,
    limit: d.limit ?? undefined,
    remaining: d.limit_remaining ?? undefined,
    reset,
    expiresAt: Number.isFinite(expires) && expires >= 0 ? expires : undefined,
    management: management ? (true as const) : undefined,
  });
  return { figures, label: d.label ?? undefined, management };
}

/** OpenRouter's `/credits` answer, as the account's balance. */
export function readOpenRouterCredits(answer: z.infer<typeof OpenRouterCreditsAnswer>): Figures {
  return { balance: words('spend.creditLeft', `$${(answer.data.total_credits - answer.data.total_usage).toFixed(2)}`) };
}

/** DeepSeek's balance (US dollars first when there are several currencies). */
export function readDeepSeekBalance(answer: z.infer<typeof DeepSeekBalanceAnswer>): Figures {
  const infos = answer.balance_infos;
  const info = infos.find((i) => i.currency === 'USD') ?? infos[0];
  const balance = info ? `${info.total_balance} ${info.currency}`.slice(0, 80) : words('spend.noBalance');
  return { balance: answer.is_available ? balance : words('spend.notEnough', balance) };
}
