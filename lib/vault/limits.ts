/**
 * Sizes the vault accepts, named once for the schemas that enforce them and the forms
 * that say them.
 * @module
 */

export const LIMITS = {
  name: 100,
  secret: 8192,
  endpoint: 2048,
  fieldValue: 500,
  tag: 40,
  tags: 20,
  notes: 10_000,
  passphrase: 1024,
  /** An import file, in bytes (a `.env` file or a backup): “larger than 1 MB” in messages. */
  importFileBytes: 1 << 20,
} as const;
