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

export const CHECK_PROGRESS = 'ai-key-vault:check-progress';

/** Progress of "Check all", sent to open pages. */
export interface CheckProgress {
  event: typeof CHECK_PROGRESS;
  done: number;
  total: number;
  running: boolean;
}

export function isCheckProgress(message: unknown): message is CheckProgress {
  return typeof message === 'object' && message !== null && (message as { event?: unknown }).event === CHECK_PROGRESS;
}
