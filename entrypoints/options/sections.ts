/**
 * The options page's sections and their addresses (`options.html#sync`), so that the
 * popup, the README and the browser's back and forward buttons can reach each one.
 * @module
 */

/** Every section, in the order the navigation lists them. */
export const SECTIONS = ['keys', 'stand-ins', 'budgets', 'settings', 'sync', 'transfer', 'fill-sites'] as const;
export type Section = (typeof SECTIONS)[number];

/** Other names a link may use for a section. */
const ALIASES: Readonly<Record<string, Section>> = { 'import-export': 'transfer' };

/** The section an address's hash names; Keys for none or anything else (such as `#capture=…`). */
export function sectionOf(hash: string): Section {
  const name = hash.replace(/^#/, '');
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : (ALIASES[name] ?? 'keys');
}
