/**
 * Finds the field to fill: the focused one, looking through open shadow roots and
 * same-origin frames; or, when nothing is focused, the page's one visible API-key field.
 * @module
 */
import { judgeField, type FieldVerdict } from '../field-signals.ts';
import { describeField, isTextField, unfillable, type TextField } from './describe-field.ts';

export interface Focus {
  field?: TextField;
  crossOriginFrame?: boolean;
}

function isFrame(element: Element): element is HTMLIFrameElement {
  return element.tagName === 'IFRAME' || element.tagName === 'FRAME';
}

/** The innermost focused element, through open shadow roots and same-origin frames. */
export function focusedField(document: Document): Focus {
  let element: Element | null = document.activeElement;
  for (;;) {
    if (!element) return {};
    if (element.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    else if (isFrame(element)) {
      const inner = element.contentDocument; // null when the frame is another origin's
      if (!inner) return { crossOriginFrame: true };
      element = inner.activeElement;
      if (element === inner.body) return {};
    } else return isTextField(element) ? { field: element } : {};
  }
}

/** Every text field of a document, its open shadow roots and its same-origin frames. */
export function allFields(root: Document | ShadowRoot): TextField[] {
  const found: TextField[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (isTextField(element)) found.push(element);
    if (element.shadowRoot) found.push(...allFields(element.shadowRoot));
    if (isFrame(element) && element.contentDocument) found.push(...allFields(element.contentDocument));
  }
  return found;
}

export interface KeyFieldMatch {
  field: TextField;
  verdict: FieldVerdict;
}

/** The visible, editable fields that look like API-key fields, in page order. */
export function keyFields(document: Document): KeyFieldMatch[] {
  return allFields(document)
    .filter((field) => !unfillable(field))
    .map((field) => ({ field, verdict: judgeField(describeField(field)) }))
    .filter(({ verdict }) => verdict.keyField);
}
