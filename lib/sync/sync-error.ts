/**
 * Sync's own errors, each with words a person understands (by reference, said by the
 * background in the reader's language).
 * @module
 */
import type { Words } from '../words.ts';

export type SyncErrorCode = 'sync-damaged' | 'sync-other-vault' | 'sync-header-refused';

export class SyncError extends Error {
  override name = 'SyncError';
  /** The message's key is the error's own message, for logs; people read `words`. */
  constructor(
    readonly code: SyncErrorCode,
    readonly words: Words,
  ) {
    super(words.key);
  }
}
