/**
 * Which section of the options page shows: the one the address names, following the
 * address as links, back and forward change it.
 * @module
 */
import { sectionOf, type Section } from './sections.ts';

export class SectionState {
  current = $state<Section>(sectionOf(location.hash));

  /** Follows the address from now on; returns a function that stops it. */
  watch(): () => void {
    const follow = () => (this.current = sectionOf(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }

  /** Shows `section`, as a new step in the page's history. */
  go(section: Section): void {
    if (this.current !== section) location.hash = section;
  }
}
