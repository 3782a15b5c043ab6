/**
 * Focus goes back where it was when a dialog closes: a dialog a page removes (rather
 * than closes) leaves focus on the page's body, where keyboard users lose their place.
 * @module
 */
import { tick } from 'svelte';

/**
 * While `isOpen()` turns true, remembers the focused element; when it turns false, gives
 * it focus again if it is still on the page. Call while a component initialises.
 */
export function returnFocus(isOpen: () => boolean): void {
  let held: Element | null = null;
  // Before the DOM updates, so the element that opened the dialog still has focus.
  $effect.pre(() => {
    if (isOpen()) {
      held ??= document.activeElement;
      return;
    }
    const back = held;
    held = null;
    if (back instanceof HTMLElement) void tick().then(() => back.isConnected && back.focus());
  });
}
