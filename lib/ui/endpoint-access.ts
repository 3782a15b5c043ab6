/**
 * Asking for access to a custom endpoint's host, from the page, on the user's Save click
 * (the browser only shows the prompt during a user gesture).
 * @module
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { hostPattern } from '../web/address.ts';

/** Returns null when the extension may contact `endpoint`, else why not. */
export async function requestEndpointAccess(endpoint: string): Promise<string | null> {
  let origin: string;
  try {
    origin = hostPattern(endpoint);
  } catch {
    return null; // the background reports a malformed endpoint by itself
  }
  if (await browser.permissions.contains({ origins: [origin] })) return null;
  const granted = await browser.permissions.request({ origins: [origin] }).catch(() => false);
  return granted ? null : i18n.t('common.endpointNotAllowed', [new URL(endpoint).hostname]);
}
