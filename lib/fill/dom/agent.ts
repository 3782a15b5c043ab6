/**
 * What the background injects (with `activeTab`) when the user fills from the popup,
 * the shortcut or the context menu. In two steps: `locate` finds the field and reports
 * its hints and the origin it runs in, without any secret; `fill` then receives the one
 * key the background chose, with the origin it checked, and fills only in that origin.
 * @module
 */
import { isAccountOrOtherField, judgeField } from '../field-signals.ts';
import { describeField, unfillable, type TextField } from './describe-field.ts';
import { focusedField, keyFields } from './find-field.ts';
import { setFieldValue } from './set-value.ts';
import type { FillAnswer, LocateAnswer } from '../agent-protocol.ts';

let target: TextField | undefined;

/** The focused field if there is one (the user pointed at it), else the page's first key field. */
export function locate(document: Document): LocateAnswer {
  target = undefined;
  const focus = focusedField(document);
  if (focus.crossOriginFrame) return { ok: false, reason: 'cross-origin-frame' };
  if (focus.field) {
    const why = unfillable(focus.field);
    if (why) return { ok: false, reason: why };
    const description = describeField(focus.field);
    if (isAccountOrOtherField(description)) return { ok: false, reason: 'not-a-key-field' };
    target = focus.field;
    return { ok: true, providers: judgeField(description).providers, origin: document.location.origin };
  }
  const [first] = keyFields(document);
  if (!first) return { ok: false, reason: 'no-field' };
  target = first.field;
  return { ok: true, providers: first.verdict.providers, origin: document.location.origin };
}

/**
 * Fills the field `locate` found, if this document is still of `expectedOrigin` (the one
 * the background checked) and the field is still there and still fillable.
 */
export function fill(document: Document, secret: string, expectedOrigin: string): FillAnswer {
  const field = target;
  target = undefined;
  if (document.location.origin !== expectedOrigin) return { ok: false, reason: 'moved' };
  if (!field?.isConnected) return { ok: false, reason: 'gone' };
  const why = unfillable(field);
  if (why) return { ok: false, reason: why };
  setFieldValue(field, secret);
  return { ok: true };
}
