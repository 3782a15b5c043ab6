/**
 * Errors the background answers with that are not about the vault's contents, with
 * words by reference like the vault's own (the router says them).
 * @module
 */
import type { ErrorCode } from '../messages.ts';
import { WordsError, words, type Words } from '../words.ts';

export class BackgroundError extends WordsError {
  override name = 'BackgroundError';
  constructor(
    readonly code: ErrorCode,
    words: Words,
    readonly retryAfterMs?: number,
  ) {
    super(words);
  }
}

export const lockedError = () => new BackgroundError('locked', words('errors.locked'));
export const noVaultError = () => new BackgroundError('no-vault', words('errors.noVault'));
