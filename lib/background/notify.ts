/**
 * The one notification: a key that worked has stopped working. It names the key and
 * its provider, never the key itself.
 * @module
 */
import { browser } from 'wxt/browser';
import { providerName } from '../providers/catalog.ts';
import type { Entry } from '../vault/payload-schema.ts';

export function notifyTurnedInvalid(entry: Entry): void {
  void browser.notifications
    .create(`invalid-${entry.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: 'An API key stopped working',
      message: `“${entry.name}” (${providerName(entry.provider)}) is no longer valid.`,
    })
    .catch(() => undefined);
}
