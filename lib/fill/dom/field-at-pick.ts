/**
 * The field, checked again at the moment a picked key arrives: the page may have
 * removed, hidden, locked or swapped it since the menu opened.
 * @module
 */
import { unfillable, type TextField } from './describe-field.ts';
import type { PickOutcome } from '../inline-pick.ts';

/** Is any ancestor (through shadow roots) hiding the field: not displayed, invisible or faded out? */
function hiddenByAncestors(field: TextField): boolean {
  const view = field.ownerDocument.defaultView;
  let opacity = 1;
  for (let element: Element | null = field; element; ) {
    const style = view?.getComputedStyle(element);
    if (!style || style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return true;
    opacity *= Number(style.opacity);
    const root = element.getRootNode();
    element = element.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return opacity < 0.1;
}

/**
 * Why `field` must not take the key now, or undefined: it must still be in `document`
 * (whose origin is still `origin`), visible and editable.
 */
export function fieldAtPick(field: TextField, document: Document, origin: string): PickOutcome | undefined {
  if (!field.isConnected || field.ownerDocument !== document || document.location.origin !== origin) return 'field-gone';
  const reason = unfillable(field);
  if (reason === 'read-only') return 'field-read-only';
  if (reason === 'hidden' || hiddenByAncestors(field)) return 'field-hidden';
  return undefined;
}
