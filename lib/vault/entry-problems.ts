/**
 * What is wrong with a key as someone is about to save it, field by field, in the words
 * the form shows beside each field and the vault answers with. Free of schema code, so
 * the add form and the vault import the same rule.
 * @module
 */
import { findProvider } from '../providers/catalog.ts';
import { endpointProblem } from '../providers/endpoint.ts';
import { words, type Words } from '../words.ts';

/** A problem with one field of the input, named for the form to show beside it. */
export interface FieldProblem {
  field: string;
  words: Words;
}

/** The fields the rules look at (already trimmed). */
export interface EntryDraft {
  provider: string;
  name: string;
  secret: string;
  endpoint?: string | undefined;
  fields?: Record<string, string> | undefined;
}

/** Another saved key, for the unique-name rule. */
export interface NamedKey {
  id: string;
  provider: string;
  name: string;
}

export interface DraftContext {
  /** The saved keys. */
  others: readonly NamedKey[];
  /** The key being edited (its own name is not taken). */
  editingId?: string | undefined;
  /** Editing with the key field left empty: the saved key stays. */
  keepsSecret?: boolean;
}

/** The problems of `draft`, or [] when it may be saved. */
export function entryProblems(draft: EntryDraft, { others, editingId, keepsSecret = false }: DraftContext): FieldProblem[] {
  const provider = findProvider(draft.provider);
  if (!provider) return [{ field: 'provider', words: words('keyProblems.unknownProvider') }];
  const problems: FieldProblem[] = [];
  const wanted = draft.name.toLowerCase();
  if (!draft.name) problems.push({ field: 'name', words: words('keyProblems.nameRequired') });
  else if (others.some((other) => other.id !== editingId && other.provider === draft.provider && other.name.toLowerCase() === wanted)) {
    problems.push({ field: 'name', words: words('keyProblems.nameTaken', provider.name) });
  }
  if (/\s/.test(draft.secret)) problems.push({ field: 'secret', words: words('keyProblems.secretSpaces') });
  else if (provider.needsKey && !draft.secret && !keepsSecret) problems.push({ field: 'secret', words: words('keyProblems.secretRequired') });
  if (draft.endpoint) {
    const problem = endpointProblem(draft.endpoint);
    if (problem) problems.push({ field: 'endpoint', words: problem });
  } else if (!provider.defaultEndpoint) {
    problems.push({ field: 'endpoint', words: words('keyProblems.endpointRequired') });
  }
  for (const field of provider.fields) {
    if (field.required && !draft.fields?.[field.id]) problems.push({ field: field.id, words: words('keyProblems.fieldRequired', field.label) });
  }
  return problems;
}
