/**
 * A binding: one site allowed to use one key through its stand-in, within limits, and
 * what has been used of it. Kept sealed with the vault key on this device only (sync
 * never carries it).
 * @module
 */
import { z } from 'zod/mini';
import { ENTRY_ID } from '../vault/payload-schema.ts';

const TIME = z.int().check(z.nonnegative());
export const BINDING_ID = z.string().check(z.regex(/^[0-9a-f]{32}$/, 'must be a 32-character hex id'));

/** The most requests a day a binding may allow (a field's ceiling, not a provider's). */
export const MAX_PER_DAY = 1_000_000;
/** Requests a day for a new binding until the user says otherwise. */
export const DEFAULT_PER_DAY = 500;

export const LimitsSchema = z.strictObject({
  /** Requests per local calendar day; 0 pauses the binding. */
  perDay: z.int().check(z.minimum(0), z.maximum(MAX_PER_DAY)),
  /** Requests per clock minute, when set. */
  perMinute: z.optional(z.int().check(z.minimum(1), z.maximum(10_000))),
  /** No substitution from this time on, when set. */
  until: z.optional(TIME),
});
export type Limits = z.infer<typeof LimitsSchema>;

export const UsageSchema = z.strictObject({
  /** The local day (YYYY-MM-DD) `today` counts. */
  day: z.string().check(z.maxLength(10)),
  today: z.int().check(z.nonnegative()),
  total: z.int().check(z.nonnegative()),
  /** The minute (since the epoch) `inMinute` counts. */
  minute: z.int().check(z.nonnegative()),
  inMinute: z.int().check(z.nonnegative()),
  lastUsedAt: z.optional(TIME),
  /** The day (or "ended") the user was last told the binding stopped, so they are told once. */
  toldOn: z.optional(z.string().check(z.maxLength(10))),
});
export type Usage = z.infer<typeof UsageSchema>;

export const BindingSchema = z.strictObject({
  id: BINDING_ID,
  /** The browser's rule id for this binding's substitution. */
  ruleId: z.int().check(z.minimum(1), z.maximum(1_000_000)),
  /** `scheme://host`: what the browser's rules and the host permission can tell apart (not the port). */
  site: z.string().check(z.maxLength(300)),
  entryId: ENTRY_ID,
  standIn: z.string().check(z.maxLength(400)),
  limits: LimitsSchema,
  usage: UsageSchema,
  createdAt: TIME,
});
export type Binding = z.infer<typeof BindingSchema>;

export const BindingsSchema = z.strictObject({ bindings: z.array(BindingSchema).check(z.maxLength(500)) });
