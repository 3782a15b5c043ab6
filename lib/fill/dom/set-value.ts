/**
 * Puts a value into a field the way typing does, so that React, Vue and Angular see it:
 * the element's native value setter (frameworks wrap the instance's own), then the
 * events a paste produces.
 * @module
 */
import type { TextField } from './describe-field.ts';

export function setFieldValue(field: TextField, value: string): void {
  field.focus();
  const prototype = field.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(field, value);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: value }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}
