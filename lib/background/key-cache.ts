/**
 * The vault key in `storage.session` (memory only, trusted contexts only), so a service
 * worker restart does not lock the vault. The browser clears it when it restarts.
 * @module
 */
import { browser } from 'wxt/browser';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';

const KEY = 'vaultKey';

/** Keeps session storage out of content scripts' reach (Chrome's default; said explicitly). */
export async function restrictSessionStorage(): Promise<void> {
  const session = browser.storage.session as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
  await session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
}

export async function rememberVaultKey(vaultKey: Uint8Array): Promise<void> {
  await browser.storage.session.set({ [KEY]: toBase64(vaultKey) });
}

export async function recallVaultKey(): Promise<Uint8Array | undefined> {
  const stored = (await browser.storage.session.get(KEY))[KEY];
  if (typeof stored !== 'string') return undefined;
  try {
    return fromBase64(stored);
  } catch {
    return undefined;
  }
}

export async function forgetVaultKey(): Promise<void> {
  await browser.storage.session.clear();
}
