/**
 * Reads a form field into the plain description `judgeField` works on. Elements may come
 * from same-origin iframes (another realm), so tags are compared, not constructors.
 * @module
 */
import type { FieldDescriptor } from '../field-signals.ts';

export type TextField = HTMLInputElement | HTMLTextAreaElement;

export function isTextField(element: Element | null | undefined): element is TextField {
  return element?.tagName === 'INPUT' || element?.tagName === 'TEXTAREA';
}

function textOf(element: Element | null | undefined): string {
  return element?.textContent?.trim().slice(0, 200) ?? '';
}

// React and Vue apps often write the label as a sibling element without `for`.
function nearbyLabel(field: TextField): string {
  const before = field.previousElementSibling ?? field.parentElement?.previousElementSibling;
  const text = textOf(before);
  return text.length <= 80 ? text : '';
}

function labelText(field: TextField): string {
  const root = field.getRootNode() as Document | ShadowRoot;
  const labelledBy = (field.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => textOf(root.getElementById?.(id)));
  const labels = [...(field.labels ?? [])].map((label) => textOf(label));
  const own = [...labels, ...labelledBy, field.getAttribute('aria-label') ?? '', field.title];
  return (own.some(Boolean) ? own : [nearbyLabel(field)]).filter(Boolean).join(' ');
}

const ACCOUNT_FIELD = 'input[type=email], input[autocomplete~=username], input[autocomplete~=email], input[name*=user i], input[name*=email i], input[name*=login i]';

export function describeField(field: TextField): FieldDescriptor {
  const form = field.form ?? field.closest('form');
  return {
    tag: field.tagName === 'TEXTAREA' ? 'textarea' : 'input',
    type: field.tagName === 'TEXTAREA' ? '' : (field.getAttribute('type') ?? '').toLowerCase(),
    name: field.name,
    id: field.id,
    placeholder: field.placeholder,
    autocomplete: field.getAttribute('autocomplete') ?? '',
    label: labelText(field),
    inLoginForm: !!form?.querySelector(ACCOUNT_FIELD),
  };
}

export type Unfillable = 'hidden' | 'read-only';

/** Why a field must not be filled, if it must not: hidden from the person, or not editable. */
export function unfillable(field: TextField): Unfillable | undefined {
  if (field.disabled || field.readOnly) return 'read-only';
  if (field.getAttribute('type')?.toLowerCase() === 'hidden') return 'hidden';
  const box = field.getBoundingClientRect();
  const style = field.ownerDocument.defaultView?.getComputedStyle(field);
  if (box.width < 4 || box.height < 4 || !style || style.visibility !== 'visible' || Number(style.opacity) < 0.1) return 'hidden';
  return undefined;
}
