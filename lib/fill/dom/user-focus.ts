/**
 * Was a field's focus the person's doing? A page's script can focus a field (and that
 * focus event is trusted), so the inline offer opens only when the focus follows, at
 * once, a real press of the pointer on that field (or its label) or a real Tab key.
 * @module
 */

/** How soon after the press the focus must follow (the browser moves focus in the same task; slow machines lag). */
const FOLLOWS_WITHIN_MS = 400;

export interface UserFocus {
  /** True when the person just pressed the pointer on `field` or its label, or pressed Tab. */
  byPerson(field: HTMLInputElement | HTMLTextAreaElement, at: number): boolean;
  stop(): void;
}

/** Starts noting the person's presses in `document`. */
export function watchUserFocus(document: Document): UserFocus {
  let pointer: { path: EventTarget[]; at: number } | undefined;
  let tab: number | undefined;
  const onPointerDown = (event: PointerEvent) => {
    if (event.isTrusted) pointer = { path: event.composedPath(), at: event.timeStamp };
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isTrusted && event.key === 'Tab') tab = event.timeStamp;
  };
  document.addEventListener('pointerdown', onPointerDown, true);
  document.addEventListener('keydown', onKeyDown, true);
  const recent = (time: number | undefined, at: number) => time !== undefined && at - time >= 0 && at - time <= FOLLOWS_WITHIN_MS;
  return {
    byPerson(field, at) {
      const pressed = pointer && recent(pointer.at, at) && [field, ...(field.labels ?? [])].some((target) => pointer!.path.includes(target));
      return !!pressed || recent(tab, at);
    },
    stop() {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown, true);
    },
  };
}
