/**
 * What a provider told this browser about a key's spend: device-local, like a check
 * result (it never travels to the sync area), and dropped when the key changes.
 * Amounts are in `currency` (US dollars unless said otherwise), for the calendar month
 * and day in UTC, as the providers count them.
 * @module
 */
import { z } from 'zod/mini';

const TIME = z.int().check(z.nonnegative());
const MONEY = z.number().check(z.minimum(-1e12), z.maximum(1e12));
const COUNT = z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER));

export const UsageSchema = z.strictObject({
  /** When usage was last read for this key (successfully or not). */
  at: TIME,
  /** When the figures below were read, if earlier than `at` (the last read failed). */
  figuresAt: z.optional(TIME),
  /** Whose figures: this key's own, or (an admin key) its whole organization's. */
  scope: z.enum(['key', 'organization']),
  /** ISO 4217 code of the amounts; US dollars when absent. */
  currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
  today: z.optional(MONEY),
  week: z.optional(MONEY),
  month: z.optional(MONEY),
  /** Since the key was made. */
  total: z.optional(MONEY),
  /** This month. */
  requests: z.optional(COUNT),
  tokens: z.optional(COUNT),
  /** A spending limit the provider enforces on the key, what is left of it, and when it resets. */
  limit: z.optional(MONEY),
  remaining: z.optional(MONEY),
  reset: z.optional(z.enum(['daily', 'weekly', 'monthly'])),
  expiresAt: z.optional(TIME),
  /** When the provider last saw the key used. */
  lastUsedAt: z.optional(TIME),
  /** An account balance, in the provider's words and currency (DeepSeek, OpenRouter credits). */
  balance: z.optional(z.string().check(z.maxLength(80))),
  /** Where figures about this key came from when not from the key itself (an admin key, a project). */
  via: z.optional(z.string().check(z.maxLength(300))),
  /** An OpenRouter management key: it may disable the account's other keys. */
  management: z.optional(z.literal(true)),
  /** An admin key: how many of this vault's keys its organization's list matched, of how many tried. */
  matched: z.optional(z.strictObject({ keys: COUNT, of: COUNT })),
  /** Why the last read failed, in words (the figures, if any, are from `figuresAt`). */
  problem: z.optional(z.string().check(z.maxLength(400))),
});
export type Usage = z.infer<typeof UsageSchema>;

/** A monthly budget in US dollars: advice, which the vault cannot enforce. */
export const BUDGET = z.number().check(z.positive(), z.maximum(1e9));
