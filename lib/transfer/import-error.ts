/**
 * A file that cannot be imported, with words by reference that say why (and never its
 * content); the background says them.
 * @module
 */
import { WordsError } from '../words.ts';

export class ImportError extends WordsError {
  override name = 'ImportError';
}
