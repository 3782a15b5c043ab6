/**
 * Does a click in the inline menu count? Only a real one (not a script's), and only once
 * the menu has been plainly visible, and its content unchanged, for `PICK_DELAY_MS`
 * without a break. In Chrome the
 * menu frame asks the browser itself (IntersectionObserver v2, `trackVisibility`): the
 * answer is false while anything covers the frame, or the page fades, filters or
 * transforms it or an ancestor (2D moves and enlarging aside). Where the browser has no
 * such answer (Firefox), this gate sees only that the frame is on screen, and the
 * content script's own check of the host element (`host-visibility.ts`) stands in.
 * @module
 */
import { PICK_DELAY_MS, type PickOutcome } from '../fill/inline-pick.ts';

/** IntersectionObserver v2's additions, not yet in TypeScript's DOM types. */
interface VisibilityEntry extends IntersectionObserverEntry {
  readonly isVisible?: boolean;
}

/** Chrome's IntersectionObserver v2: does the browser report occlusion and visual effects? */
export const tracksVisibility = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/** Watches the menu's visibility and judges each click in it. */
export class PickGate {
  #visibleSince: number | undefined;
  /** Has the browser told us anything yet (its first report comes up to 100 ms after the menu appears)? */
  #reported = false;
  #shownAt = -Infinity;
  #observer: IntersectionObserver;

  constructor(
    target: Element,
    private readonly now: () => number = () => performance.now(),
  ) {
    const options = { threshold: [0, 0.99], trackVisibility: true, delay: 100 } as IntersectionObserverInit;
    this.#observer = new IntersectionObserver((entries) => {
      this.#reported = true;
      for (const entry of entries as VisibilityEntry[]) {
        const visible = entry.intersectionRatio >= 0.99 && (!tracksVisibility || entry.isVisible === true);
        this.#visibleSince = visible ? (this.#visibleSince ?? entry.time) : undefined;
      }
    }, options);
    this.#observer.observe(target);
  }

  /** The menu drew new content (its keys): the wait starts again, so a click aimed at what was there before does not count. */
  shown(): void {
    this.#shownAt = this.now();
  }

  /** Why a pick made by `event` does not count, or undefined when it does. */
  refusal(event: Event): PickOutcome | undefined {
    if (!event.isTrusted) return 'refused';
    // In its first moments the menu is still settling (it grows, the page sizes its frame): too soon, whatever the browser says.
    if (!this.#reported || this.now() - this.#shownAt < PICK_DELAY_MS) return 'too-soon';
    if (this.#visibleSince === undefined) return 'menu-hidden';
    if (this.now() - this.#visibleSince < PICK_DELAY_MS) return 'too-soon';
    return undefined;
  }

  stop(): void {
    this.#observer.disconnect();
  }
}
