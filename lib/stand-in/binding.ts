/**
 * A binding: one site allowed to use one key through its stand-in, within limits, and
 * what has been used of it. Kept sealed with the vault key on this device only (sync
 * never carries it).
 * @module
 */
import { z } from 'zod';
import { ENTRY_ID } from '../vault/payload-schema.ts';

const TIME = z.number().int().nonnegative();
export const BINDING_ID = z.string().regex(/^[0-9a-f]{32}$/, 'must be a 32-character hex id');

/** The most requests a day a binding may allow (a field's ceiling, not a provider's). */
export const MAX_PER_DAY = 1_000_000;
/** Requests a day for a new binding until the user says otherwise. */
export const DEFAULT_PER_DAY = 500;

export const LimitsSchema = z.strictObject({
  /** Requests per local calendar day; 0 pauses the binding. */
  perDay: z.number().int().min(0).max(MAX_PER_DAY),
  /** Requests per clock minute, when set. */
  perMinute: z.number().int().min(1).max(10_000).optional(),
  /** No substitution from this time on, when set. */
  until: TIME.optional(),
});
export type Limits = z.infer<typeof LimitsSchema>;

export const UsageSchema = z.strictObject({
  /** The local day (YYYY-MM-DD) `today` counts. */
  day: z.string().max(10),
  today: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The minute (since the epoch) `inMinute` counts. */
  minute: z.number().int().nonnegative(),
  inMinute: z.number().int().nonnegative(),
  lastUsedAt: TIME.optional(),
  /** The day (or "ended") the user was last told the binding stopped, so they are told once. */
  toldOn: z.string().max(10).optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

export const BindingSchema = z.strictObject({
  id: BINDING_ID,
  /** The browser's rule id for this binding's substitution. */
  ruleId: z.number().int().min(1).max(1_000_000),
  /** `scheme://host`: what the browser's rules and the host permission can tell apart (not the port). */
  site: z.string().max(300),
  entryId: ENTRY_ID,
  standIn: z.string().max(400),
  limits: LimitsSchema,
  usage: UsageSchema,
  createdAt: TIME,
});
export type Binding = z.infer<typeof BindingSchema>;

export const BindingsSchema = z.strictObject({ bindings: z.array(BindingSchema).max(500) });
