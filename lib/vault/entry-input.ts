/**
 * The shape of what a person may send to create or change an entry (sizes and types);
 * the rules about its content are in `entry-problems.ts`.
 * @module
 */
import { z } from 'zod/mini';
import { LIMITS } from './limits.ts';
import { PROVIDER_ID } from './payload-schema.ts';

const trimmed = (max: number, min = 0) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const EntryInputSchema = z.strictObject({
  provider: PROVIDER_ID,
  name: trimmed(LIMITS.name),
  // Keys are pasted: surrounding whitespace and line breaks are never part of a key.
  secret: trimmed(LIMITS.secret),
  endpoint: z.optional(trimmed(LIMITS.endpoint)),
  fields: z.optional(z.record(z.string().check(z.regex(/^[a-zA-Z][\w-]{0,39}$/)), trimmed(LIMITS.fieldValue))),
  tags: z.optional(z.array(trimmed(LIMITS.tag, 1)).check(z.maxLength(LIMITS.tags))),
  notes: z.optional(z.string().check(z.maxLength(LIMITS.notes))),
  enabled: z.optional(z.boolean()),
  /** null clears an expiry date when editing. */
  expiresAt: z.optional(z.nullable(z.int().check(z.nonnegative()))),
});
export type EntryInput = z.infer<typeof EntryInputSchema>;

export const EntryChangesSchema = z.partial(EntryInputSchema);
export type EntryChanges = z.infer<typeof EntryChangesSchema>;
