/**
 * The shape of what a person may send to create or change an entry (sizes and types);
 * the rules about its content are in `entry-problems.ts`.
 * @module
 */
import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { PROVIDER_ID } from './payload-schema.ts';

const trimmed = (max: number) => z.string().trim().max(max);

export const EntryInputSchema = z.strictObject({
  provider: PROVIDER_ID,
  name: trimmed(LIMITS.name),
  // Keys are pasted: surrounding whitespace and line breaks are never part of a key.
  secret: trimmed(LIMITS.secret),
  endpoint: trimmed(LIMITS.endpoint).optional(),
  fields: z.record(z.string().regex(/^[a-zA-Z][\w-]{0,39}$/), trimmed(LIMITS.fieldValue)).optional(),
  tags: z.array(trimmed(LIMITS.tag).min(1)).max(LIMITS.tags).optional(),
  notes: z.string().max(LIMITS.notes).optional(),
  enabled: z.boolean().optional(),
  /** null clears an expiry date when editing. */
  expiresAt: z.number().int().nonnegative().nullable().optional(),
});
export type EntryInput = z.infer<typeof EntryInputSchema>;

export const EntryChangesSchema = EntryInputSchema.partial().strict();
export type EntryChanges = z.infer<typeof EntryChangesSchema>;
