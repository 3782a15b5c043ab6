/**
 * The decrypted payload: entries, tombstones, the active key per provider, settings.
 * Everything a user typed lives here, inside the ciphertext.
 * @module
 */
import { z } from 'zod/mini';
import { LIMITS } from './limits.ts';
import { BUDGET, UsageSchema } from './usage-schema.ts';
import { SiteMemorySchema } from './site-memory.ts';

export const ENTRY_ID = z.string().check(z.regex(/^[0-9a-f]{32}$/, 'must be a 32-character hex id'));
export const PROVIDER_ID = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a provider id'));
const TIME = z.int().check(z.nonnegative());

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
  message: z.optional(z.string().check(z.maxLength(500))),
  models: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(2000))),
  credit: z.optional(z.string().check(z.maxLength(200))),
  reason: z.optional(z.enum(VALIDATION_REASONS)),
  /** The key is an organization admin key, checked with an administration read. */
  admin: z.optional(z.literal(true)),
});
export type Validation = z.infer<typeof ValidationSchema>;

export const EntrySchema = z.strictObject({
  id: ENTRY_ID,
  provider: PROVIDER_ID,
  name: z.string().check(z.minLength(1), z.maxLength(LIMITS.name)),
  secret: z.string().check(z.maxLength(LIMITS.secret)),
  endpoint: z.optional(z.string().check(z.maxLength(LIMITS.endpoint))),
  fields: z.record(z.string().check(z.regex(/^[a-zA-Z][\w-]{0,39}$/)), z.string().check(z.maxLength(LIMITS.fieldValue))),
  tags: z.array(z.string().check(z.minLength(1), z.maxLength(LIMITS.tag))).check(z.maxLength(LIMITS.tags)),
  notes: z.string().check(z.maxLength(LIMITS.notes)),
  enabled: z.boolean(),
  createdAt: TIME,
  updatedAt: TIME,
  lastUsedAt: z.optional(TIME),
  useCount: z.int().check(z.nonnegative()),
  expiresAt: z.optional(TIME),
  validation: z.optional(ValidationSchema),
  /** Device-local: what the provider last said about the key's spend. */
  usage: z.optional(UsageSchema),
  /** Device-local: the key's monthly budget in US dollars (advice). */
  budget: z.optional(BUDGET),
  /** Device-local: when this browser revoked the key at its provider. */
  revokedAt: z.optional(TIME),
  /** Device-local: the sites this key was last filled on, and when (`site-memory.ts`). */
  usedOn: z.optional(SiteMemorySchema),
});
export type Entry = z.infer<typeof EntrySchema>;

export const SettingsSchema = z.strictObject({
  /** Minutes without use, or only when the browser restarts, or never. */
  autoLock: z.union([z.int().check(z.minimum(1), z.maximum(1440)), z.enum(['restart', 'never'])]),
  /** Seconds before a copied key is cleared, or null for never. */
  clipboardClearSeconds: z.nullable(z.int().check(z.minimum(5), z.maximum(600))),
  rotationDays: z.int().check(z.minimum(1), z.maximum(3650)),
  /** Monthly budgets per provider id, in US dollars (advice). */
  providerBudgets: z.optional(z.record(PROVIDER_ID, BUDGET)),
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
