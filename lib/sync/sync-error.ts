/**
 * Sync's own errors, each with a message a person understands.
 * @module
 */

export type SyncErrorCode = 'sync-damaged' | 'sync-other-vault' | 'sync-header-refused';

export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
  }
}
