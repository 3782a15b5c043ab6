/**
 * The one mark pages leave for `npm run bench` to read: when a page first had its list
 * to draw (it draws it in the same task). Measured from outside; nothing else in the
 * pages exists for the benchmark.
 * @module
 */

export const LIST_SHOWN = 'ai-key-vault:list-ready';

/** Marks the first time this page has its list. */
export function markListShown(): void {
  if (performance.getEntriesByName(LIST_SHOWN).length === 0) performance.mark(LIST_SHOWN);
}
