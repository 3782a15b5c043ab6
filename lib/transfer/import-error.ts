/** A file that cannot be imported, with a message that says why (and never its content). */
export class ImportError extends Error {
  override name = 'ImportError';
}
