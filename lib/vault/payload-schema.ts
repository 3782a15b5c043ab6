/**
 * The decrypted payload: entries, tombstones, the active key per provider, settings.
 * Everything a user typed lives here, inside the ciphertext.
 * @module
 */
import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { BUDGET, UsageSchema } from './usage-schema.ts';

export const ENTRY_ID = z.string().regex(/^[0-9a-f]{32}$/, 'must be a 32-character hex id');
export const PROVIDER_ID = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a provider id');
const TIME = z.number().int().nonnegative();

export const VALIDATION_STATUSES = [
  'valid',
  'invalid',
  'no-credit',
  'rate-limited',
  'restricted',
  'unreachable',
  'error',
] as const;

/** Facts a check can find beyond its status: `leaked`, the provider reported the key as leaked. */
export const VALIDATION_REASONS = ['leaked'] as const;

export const ValidationSchema = z.strictObject({
  status: z.enum(VALIDATION_STATUSES),
  checkedAt: TIME,
  message: z.string().max(500).optional(),
  models: z.array(z.string().max(200)).max(2000).optional(),
  credit: z.string().max(200).optional(),
  reason: z.enum(VALIDATION_REASONS).optional(),
  /** The key is an organization admin key, checked with an administration read. */
  admin: z.literal(true).optional(),
});
export type Validation = z.infer<typeof ValidationSchema>;

export const EntrySchema = z.strictObject({
  id: ENTRY_ID,
  provider: PROVIDER_ID,
  name: z.string().min(1).max(LIMITS.name),
  secret: z.string().max(LIMITS.secret),
  endpoint: z.string().max(LIMITS.endpoint).optional(),
  fields: z.record(z.string().regex(/^[a-zA-Z][\w-]{0,39}$/), z.string().max(LIMITS.fieldValue)),
  tags: z.array(z.string().min(1).max(LIMITS.tag)).max(LIMITS.tags),
  notes: z.string().max(LIMITS.notes),
  enabled: z.boolean(),
  createdAt: TIME,
  updatedAt: TIME,
  lastUsedAt: TIME.optional(),
  useCount: z.number().int().nonnegative(),
  expiresAt: TIME.optional(),
  validation: ValidationSchema.optional(),
  /** Device-local: what the provider last said about the key's spend. */
  usage: UsageSchema.optional(),
  /** Device-local: the key's monthly budget in US dollars (advice). */
  budget: BUDGET.optional(),
  /** Device-local: when this browser revoked the key at its provider. */
  revokedAt: TIME.optional(),
});
export type Entry = z.infer<typeof EntrySchema>;

export const SettingsSchema = z.strictObject({
  /** Minutes without use, or only when the browser restarts, or never. */
  autoLock: z.union([z.number().int().min(1).max(1440), z.enum(['restart', 'never'])]),
  /** Seconds before a copied key is cleared, or null for never. */
  clipboardClearSeconds: z.number().int().min(5).max(600).nullable(),
  rotationDays: z.number().int().min(1).max(3650),
  /** Monthly budgets per provider id, in US dollars (advice). */
  providerBudgets: z.record(PROVIDER_ID, BUDGET).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  autoLock: 15,
  clipboardClearSeconds: 30,
  rotationDays: 90,
};

export const TombstoneSchema = z.strictObject({ id: ENTRY_ID, deletedAt: TIME });

export const PayloadSchema = z.strictObject({
  entries: z.array(EntrySchema),
  /** Deleted entries leave their id and time, so copies of the vault can merge. */
  tombstones: z.array(TombstoneSchema),
  /** The active entry id per provider id. */
  active: z.record(PROVIDER_ID, ENTRY_ID),
  settings: SettingsSchema,
});
export type Payload = z.infer<typeof PayloadSchema>;

/** A new vault's payload. */
export function emptyPayload(): Payload {
  return { entries: [], tombstones: [], active: {}, settings: { ...DEFAULT_SETTINGS } };
}
