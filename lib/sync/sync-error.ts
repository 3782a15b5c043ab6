/**
 * Sync's own errors, each with words a person understands (by reference, said by the
 * background in the reader's language).
 * @module
 */
import { WordsError, type Words } from '../words.ts';

export type SyncErrorCode = 'sync-damaged' | 'sync-other-vault' | 'sync-header-refused';

export class SyncError extends WordsError {
  override name = 'SyncError';
  constructor(
    readonly code: SyncErrorCode,
    words: Words,
  ) {
    super(words);
  }
}
