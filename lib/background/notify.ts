/**
 * The one notification: a key that worked has stopped working, or a provider reported
 * a key as leaked. It names the key and its provider, never the key itself.
 * @module
 */
import { browser } from 'wxt/browser';
import { providerName } from '../providers/catalog.ts';
import { LEAKED_ADVICE } from '../providers/leaked-advice.ts';
import type { Entry, Validation } from '../vault/payload-schema.ts';

/** Whether a check that gave `after` deserves the notification, the entry's last check having given `before`. */
export function deservesNotice(before: Validation | undefined, after: Validation): boolean {
  if (after.status !== 'invalid') return false;
  return before?.status === 'valid' || (after.reason === 'leaked' && before?.reason !== 'leaked');
}

/** Tells the person that `entry`'s check gave `validation` (invalid). */
export function notifyTurnedInvalid(entry: Entry, validation: Validation): void {
  const leaked = validation.reason === 'leaked';
  const who = `“${entry.name}” (${providerName(entry.provider)})`;
  void browser.notifications
    .create(`invalid-${entry.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: leaked ? 'An API key was reported as leaked' : 'An API key stopped working',
      message: leaked ? `${who}: ${LEAKED_ADVICE}.` : `${who} is no longer valid.`,
    })
    .catch(() => undefined);
}
