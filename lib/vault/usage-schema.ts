/**
 * What a provider told this browser about a key's spend: device-local, like a check
 * result (it never travels to the sync area), and dropped when the key changes.
 * Amounts are in `currency` (US dollars unless said otherwise), for the calendar month
 * and day in UTC, as the providers count them.
 * @module
 */
import { z } from 'zod';

const TIME = z.number().int().nonnegative();
const MONEY = z.number().finite().min(-1e12).max(1e12);
const COUNT = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const UsageSchema = z.strictObject({
  /** When usage was last read for this key (successfully or not). */
  at: TIME,
  /** When the figures below were read, if earlier than `at` (the last read failed). */
  figuresAt: TIME.optional(),
  /** Whose figures: this key's own, or (an admin key) its whole organization's. */
  scope: z.enum(['key', 'organization']),
  /** ISO 4217 code of the amounts; US dollars when absent. */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  today: MONEY.optional(),
  week: MONEY.optional(),
  month: MONEY.optional(),
  /** Since the key was made. */
  total: MONEY.optional(),
  /** This month. */
  requests: COUNT.optional(),
  tokens: COUNT.optional(),
  /** A spending limit the provider enforces on the key, what is left of it, and when it resets. */
  limit: MONEY.optional(),
  remaining: MONEY.optional(),
  reset: z.enum(['daily', 'weekly', 'monthly']).optional(),
  expiresAt: TIME.optional(),
  /** When the provider last saw the key used. */
  lastUsedAt: TIME.optional(),
  /** An account balance, in the provider's words and currency (DeepSeek, OpenRouter credits). */
  balance: z.string().max(80).optional(),
  /** Where figures about this key came from when not from the key itself (an admin key, a project). */
  via: z.string().max(300).optional(),
  /** An OpenRouter management key: it may disable the account's other keys. */
  management: z.literal(true).optional(),
  /** An admin key: how many of this vault's keys its organization's list matched, of how many tried. */
  matched: z.strictObject({ keys: COUNT, of: COUNT }).optional(),
  /** Why the last read failed, in words (the figures, if any, are from `figuresAt`). */
  problem: z.string().max(400).optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

/** A monthly budget in US dollars: advice, which the vault cannot enforce. */
export const BUDGET = z.number().finite().positive().max(1e9);
