/**
 * Is our menu frame drawn plainly in the page, as the person sees it? The page can style
 * our host element (and its own ancestors of it), move it, shrink it or cover it, though
 * it cannot reach into the closed shadow root. This check refuses a host or ancestor that
 * is hidden, faded, transformed, filtered, clipped, masked or blended; a frame that is not
 * its full size inside the viewport; and a frame covered, at its centre or near a corner,
 * by anything that takes pointer events. It does not see an overlay the page draws with
 * `pointer-events: none` (Chrome's IntersectionObserver v2, in the frame itself, does).
 * `VisibilityWatch` samples it every frame, so a pick can require it held throughout.
 * @module
 */

/** The composed parent: through a shadow root to its host. */
function parentOf(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Styles that hide, fade, move, clip or blend what an element draws. */
function alteredBy(style: CSSStyleDeclaration): boolean {
  const none = (value: string | undefined) => value === undefined || value === '' || value === 'none';
  return (
    style.display === 'none' ||
    Number(style.opacity) < 1 ||
    !none(style.transform) ||
    !none(style.translate) ||
    !none(style.scale) ||
    !none(style.rotate) ||
    !none(style.filter) ||
    !none(style.clipPath) ||
    !none(style.maskImage) ||
    !none(style.getPropertyValue('-webkit-mask-image')) ||
    (style.mixBlendMode !== '' && style.mixBlendMode !== 'normal') ||
    style.contentVisibility === 'hidden' ||
    (style.zoom !== '' && style.zoom !== '1' && style.zoom !== 'normal')
  );
}

/** The element at a point, descending through open shadow roots. */
function elementAt(document: Document, x: number, y: number): Element | null {
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

/** Why `frame` (in `host`'s closed shadow root) is not plainly visible, or undefined when it is. */
export function obstruction(host: HTMLElement, frame: HTMLIFrameElement, expected: { width: number; height: number }): string | undefined {
  const document = host.ownerDocument;
  const view = document.defaultView;
  if (!host.isConnected || !view) return 'gone';
  if (view.getComputedStyle(host).visibility !== 'visible') return 'hidden';
  for (let element: Element | null = host; element; element = parentOf(element)) {
    if (alteredBy(view.getComputedStyle(element))) return `styled: ${element.tagName.toLowerCase()}`;
  }
  const box = frame.getBoundingClientRect();
  if (Math.abs(box.width - expected.width) > 1 || Math.abs(box.height - expected.height) > 1) return 'resized';
  if (box.left < 0 || box.top < 0 || box.right > view.innerWidth || box.bottom > view.innerHeight) return 'off-screen';
  const inset = 4;
  const points = [
    [box.left + box.width / 2, box.top + box.height / 2],
    [box.left + inset, box.top + inset],
    [box.right - inset, box.top + inset],
    [box.left + inset, box.bottom - inset],
    [box.right - inset, box.bottom - inset],
  ] as const;
  if (points.some(([x, y]) => elementAt(document, x, y) !== host)) return 'covered';
  return undefined;
}

/** Samples `obstruction` every animation frame; tells how long the frame has been plainly visible without a break. */
export class VisibilityWatch {
  #since: number | undefined;
  #request = 0;

  constructor(
    private readonly check: () => string | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    const sample = () => {
      this.#since = this.check() === undefined ? (this.#since ?? this.now()) : undefined;
      this.#request = requestAnimationFrame(sample);
    };
    sample();
  }

  /** Milliseconds the frame has been plainly visible up to now, checked once more now (0 when it is not). */
  visibleFor(): number {
    if (this.check() !== undefined) this.#since = undefined;
    return this.#since === undefined ? 0 : this.now() - this.#since;
  }

  stop(): void {
    cancelAnimationFrame(this.#request);
  }
}
