/** Shared test helpers: a fast KDF setting and deterministic ids. */
import { MINIMUM_PARAMS } from '../../lib/crypto/kdf.ts';

/** The weakest accepted setting, so tests stay quick. */
export const FAST_PARAMS = MINIMUM_PARAMS;

let counter = 0;
/** A fresh, valid entry id. */
export function nextId(): string {
  counter += 1;
  return counter.toString(16).padStart(32, '0');
}
