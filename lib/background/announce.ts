/**
 * Tells open extension pages that the vault changed, so they ask again.
 * @module
 */
import { browser } from 'wxt/browser';
import { VAULT_CHANGED } from '../vault-events.ts';

export function announceChange(): void {
  // Rejected when no page is open to hear it: nothing to do then.
  browser.runtime.sendMessage({ event: VAULT_CHANGED }).catch(() => undefined);
}
