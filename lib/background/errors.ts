/**
 * Errors the background answers with that are not about the vault's contents.
 * @module
 */
import type { ErrorCode } from '../messages.ts';

export class BackgroundError extends Error {
  override name = 'BackgroundError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const lockedError = () => new BackgroundError('locked', 'The vault is locked. Unlock it first.');
export const noVaultError = () => new BackgroundError('no-vault', 'There is no vault yet. Create one first.');
