/**
 * The events the background sends to open extension pages: what changed in the vault
 * (the keys touched, with their new summaries), and the progress of "Check all". Pages
 * import only types from the protocol, so this stays free of schema code.
 * @module
 */
import type { EntrySummaryView, ResponseOf } from './messages.ts';

export const VAULT_CHANGED = 'ai-key-vault:changed';

type Listing = ResponseOf<'listEntries'>;

/**
 * "The vault changed": from version `base` to `version` of view `view`. A page at `base`
 * applies `changes`; any other page (or when `changes` is absent) asks what changed
 * since the version it has; a page at `version` already has it. The popup asks again
 * only when `popup` (the version of its rows) moved. Closed (`open: false`): locked, or gone.
 */
export interface VaultChange {
  event: typeof VAULT_CHANGED;
  view: string;
  version: number;
  base: number;
  popup: number;
  open: boolean;
  changes?: { upserted: EntrySummaryView[]; removed: string[] };
  settings?: Listing['settings'];
  kdf?: Listing['kdf'];
}

/** True for the announcement (pages check what they receive before acting on it). */
export function isChangeAnnouncement(message: unknown): message is VaultChange {
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
