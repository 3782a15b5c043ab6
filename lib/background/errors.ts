/**
 * Errors the background answers with that are not about the vault's contents, with
 * words by reference like the vault's own (the router says them).
 * @module
 */
import type { ErrorCode } from '../messages.ts';
import { words, type Words } from '../words.ts';

export class BackgroundError extends Error {
  override name = 'BackgroundError';
  /** The message's key is the error's own message, for logs; people read `words`. */
  constructor(
    readonly code: ErrorCode,
    readonly words: Words,
    readonly retryAfterMs?: number,
  ) {
    super(words.key);
  }
}

export const lockedError = () => new BackgroundError('locked', words('errors.locked'));
export const noVaultError = () => new BackgroundError('no-vault', words('errors.noVault'));
