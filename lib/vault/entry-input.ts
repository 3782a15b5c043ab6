/**
 * What a person may send to create or change an entry, and the checks on it.
 * @module
 */
import { z } from 'zod';
import { findProvider } from '../providers/catalog.ts';
import { endpointProblem } from '../providers/endpoint.ts';
import { PROVIDER_ID } from './payload-schema.ts';

const trimmed = (max: number) => z.string().trim().max(max);

export const EntryInputSchema = z.strictObject({
  provider: PROVIDER_ID,
  name: trimmed(100).min(1, 'Name is required'),
  // Keys are pasted: surrounding whitespace and line breaks are never part of a key.
  secret: trimmed(8192),
  endpoint: trimmed(2048).optional(),
  fields: z.record(z.string().regex(/^[a-zA-Z][\w-]{0,39}$/), trimmed(500)).optional(),
  tags: z.array(trimmed(40).min(1)).max(20).optional(),
  notes: z.string().max(10_000).optional(),
  enabled: z.boolean().optional(),
  /** null clears an expiry date when editing. */
  expiresAt: z.number().int().nonnegative().nullable().optional(),
});
export type EntryInput = z.infer<typeof EntryInputSchema>;

export const EntryChangesSchema = EntryInputSchema.partial().strict();
export type EntryChanges = z.infer<typeof EntryChangesSchema>;

/** A problem with one field of the input, named for the form to show beside it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The problems of an already-parsed input against the catalog, or [] when it is acceptable. */
export function entryProblems(input: EntryInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const provider = findProvider(input.provider);
  if (!provider) return [{ field: 'provider', message: 'Unknown provider' }];
  if (provider.needsKey && !input.secret) problems.push({ field: 'secret', message: 'API key is required' });
  if (/\s/.test(input.secret)) problems.push({ field: 'secret', message: 'API key must not contain spaces or line breaks' });
  if (input.endpoint) {
    const problem = endpointProblem(input.endpoint);
    if (problem) problems.push({ field: 'endpoint', message: problem });
  } else if (!provider.defaultEndpoint) {
    problems.push({ field: 'endpoint', message: 'Endpoint is required for this provider' });
  }
  for (const field of provider.fields) {
    if (field.required && !input.fields?.[field.id]) {
      problems.push({ field: field.id, message: `${field.label} is required` });
    }
  }
  return problems;
}
