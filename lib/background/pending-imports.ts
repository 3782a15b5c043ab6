/**
 * Imports waiting for the user's confirmation. The keys stay here, in the background;
 * the page sees a masked preview and a token. Forgotten after 10 minutes or on lock.
 * @module
 */
import { bytesToHex } from '@noble/ciphers/utils.js';
import { secureRandomBytes } from '../crypto/random.ts';
import type { ImportCandidate } from '../transfer/import-plan.ts';
import { BackgroundError } from './errors.ts';

const LIFETIME_MS = 10 * 60_000;

export class PendingImports {
  #pending = new Map<string, { candidates: ImportCandidate[]; expires: number }>();

  constructor(private readonly now: () => number) {}

  /** Keeps candidates until confirmed; returns the token that names them. */
  hold(candidates: ImportCandidate[]): string {
    const token = bytesToHex(secureRandomBytes(16));
    this.#pending.set(token, { candidates, expires: this.now() + LIFETIME_MS });
    return token;
  }

  /** Hands over (and forgets) the candidates of `token`. @throws BackgroundError when unknown or expired. */
  take(token: string): ImportCandidate[] {
    const pending = this.#pending.get(token);
    this.#pending.delete(token);
    if (!pending || pending.expires < this.now()) {
      throw new BackgroundError('import-expired', 'This import preview has expired. Choose the file again.');
    }
    return pending.candidates;
  }

  clear(): void {
    this.#pending.clear();
  }
}
