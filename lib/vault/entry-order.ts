/**
 * The order keys are listed in, everywhere: oldest first, then by name, then by id. Free
 * of dependencies, so pages keep a list in the background's order as deltas arrive.
 * @module
 */

/** What the order looks at. */
export interface Orderable {
  id: string;
  name: string;
  createdAt: number;
}

/** Compares two keys for the list. */
export function byListOrder(a: Orderable, b: Orderable): number {
  return a.createdAt - b.createdAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
