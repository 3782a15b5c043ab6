/**
 * The one mark pages leave for `npm run bench` to read: when a page first drew its list
 * (the rows on screen, in the document). Measured from outside; nothing else in the
 * pages exists for the benchmark.
 * @module
 */
import { tick } from 'svelte';

export const LIST_SHOWN = 'ai-key-vault:list-ready';

/** Marks, once it is drawn, the first time this page has its list. */
export function markListShown(): void {
  void tick().then(() => {
    if (performance.getEntriesByName(LIST_SHOWN).length === 0) performance.mark(LIST_SHOWN);
  });
}
