/**
 * The vault key in `storage.session` (memory only, trusted contexts only), so a service
 * worker restart does not lock the vault. The browser clears it when it restarts.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { fromBase64, toBase64 } from '../../crypto/encoding.ts';

const KEY = 'vaultKey';

type SessionArea = WxtBrowser['storage']['session'];

export class KeyCache {
  constructor(private readonly session: SessionArea) {}

  /** Keeps session storage out of content scripts' reach (Chrome's default; said explicitly). */
  async restrictAccess(): Promise<void> {
    const area = this.session as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
    await area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  }

  /** Keeps the vault key until the browser restarts or `forget` is called. */
  async remember(vaultKey: Uint8Array): Promise<void> {
    await this.session.set({ [KEY]: toBase64(vaultKey) });
  }

  /** The kept vault key, if any. */
  async recall(): Promise<Uint8Array | undefined> {
    const stored = (await this.session.get(KEY))[KEY];
    if (typeof stored !== 'string') return undefined;
    try {
      return fromBase64(stored);
    } catch {
      return undefined;
    }
  }

  /** Whether a vault key is kept (without reading it out). */
  async has(): Promise<boolean> {
    return (await this.session.get(KEY))[KEY] !== undefined;
  }

  /** Erases everything kept in session storage. */
  async forget(): Promise<void> {
    await this.session.clear();
  }
}
