/**
 * Typed vault errors, each with a message a person understands and that never
 * contains a secret.
 * @module
 */

export type VaultErrorCode =
  | 'wrong-passphrase'
  | 'corrupt'
  | 'unsupported-version'
  | 'stale-revision'
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'disabled';

export class VaultError extends Error {
  override name = 'VaultError';
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The one message for a damaged or altered vault. */
export function corrupt(detail: string): VaultError {
  return new VaultError(
    'corrupt',
    `The stored vault is damaged or was altered (${detail}). It was left as it is.`,
  );
}
