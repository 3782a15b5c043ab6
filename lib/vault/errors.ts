/**
 * Typed vault errors, each with words a person understands (by reference: the page or
 * background says them in the reader's language) that never contain a secret.
 * @module
 */
import { WordsError, words, type Words } from '../words.ts';

export type VaultErrorCode =
  | 'wrong-passphrase'
  | 'corrupt'
  | 'unsupported-version'
  | 'stale-revision'
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'disabled';

export class VaultError extends WordsError {
  override name = 'VaultError';
  constructor(
    readonly code: VaultErrorCode,
    words: Words,
  ) {
    super(words);
  }
}

/** The one error for a damaged or altered vault; `detail` says what was found damaged. */
export function corrupt(detail: Words): VaultError {
  return new VaultError('corrupt', words('errors.vaultDamaged', detail));
}
