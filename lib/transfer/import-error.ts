/**
 * A file that cannot be imported, with words by reference that say why (and never its
 * content); the background says them.
 * @module
 */
import type { Words } from '../words.ts';

export class ImportError extends Error {
  override name = 'ImportError';
  /** The message's key is the error's own message, for logs; people read `words`. */
  constructor(readonly words: Words) {
    super(words.key);
  }
}
