/**
 * Reading a listing that comes in pages (an organization with hundreds of keys, a month
 * of daily buckets), following the provider's cursor, and stopping with a clear error on
 * a cursor that repeats or a listing longer than `MAX_PAGES`.
 * @module
 */
import type { ProviderRequest } from '../provider-request.ts';
import type { CheckAnswer } from '../classify.ts';
import { MAX_PAGES } from './spend-endpoints.ts';
import { SpendError } from './spend-error.ts';
import { words, type Words } from '../../words.ts';

/** Sends one request and returns what came back (the background's `sendWithKey`, or a fake in tests). */
export type Send = (request: ProviderRequest) => Promise<CheckAnswer>;

/** One page: its items and the cursor of the next one (undefined: the last page). */
export interface Page<T> {
  items: T[];
  next: string | undefined;
}

/** Every item of a listing (`what` names its items). `read` gets the cursor (undefined for the first page). @throws SpendError */
export async function allPages<T>(read: (cursor: string | undefined) => Promise<Page<T>>, what: Words): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items: more, next } = await read(cursor);
    items.push(...more);
    if (next === undefined) return items;
    if (seen.has(next)) throw new SpendError(words('spendErrors.repeatedPage', what));
    seen.add(next);
    cursor = next;
  }
  throw new SpendError(words('spendErrors.tooManyPages', what, MAX_PAGES));
}
