/**
 * Starts the background: the session, the message router and the auto-lock.
 * @module
 */
import { browser } from 'wxt/browser';
import { DEFAULT_PARAMS, type Argon2idParams } from '../crypto/kdf.ts';
import { VaultSession } from './session.ts';
import { createHandlers } from './handlers.ts';
import { route } from './router.ts';
import { classifySender } from './sender.ts';
import { restrictSessionStorage } from './key-cache.ts';
import { announceChange } from './announce.ts';
import { cancelAutoLock, listenForAutoLock, restartAutoLock } from './auto-lock.ts';

export interface BackgroundOptions {
  kdfParams?: Argon2idParams;
  now?: () => number;
}

/** Wires everything; returns the session (tests drive it). */
export function startBackground({ kdfParams = DEFAULT_PARAMS, now = Date.now }: BackgroundOptions = {}): VaultSession {
  const session = new VaultSession({ kdfParams, now, onChange: announceChange });
  const handlers = createHandlers(session, now);
  const extensionBase = browser.runtime.getURL('');

  // Every request from a page is a use of the vault: it restarts the auto-lock countdown.
  async function touch(): Promise<void> {
    const setting = session.autoLockSetting;
    if (setting === undefined) await cancelAutoLock();
    else await restartAutoLock(setting);
  }

  void restrictSessionStorage();
  browser.runtime.onMessage.addListener(async (message, sender) => {
    const senderClass = classifySender(sender, browser.runtime.id, extensionBase);
    const result = await route(message, senderClass, handlers);
    if (senderClass === 'page') await touch();
    return result;
  });
  listenForAutoLock(() => session.lock(), () => session.autoLockSetting);
  return session;
}
