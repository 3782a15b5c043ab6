/**
 * The one event the background sends to open extension pages: "the vault changed"
 * (an edit, a lock). It carries nothing but its name: pages then ask for what they may see.
 * @module
 */

export const VAULT_CHANGED = 'ai-key-vault:changed';

/** True for the announcement (pages check what they receive before acting on it). */
export function isChangeAnnouncement(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { event?: unknown }).event === VAULT_CHANGED;
}
