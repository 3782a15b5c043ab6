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
import { Checks } from './checks.ts';
import { clearClipboardLater } from './clipboard-timer.ts';
import { Pending } from './pending.ts';
import type { ImportCandidate } from '../transfer/import-plan.ts';
import { BackgroundError } from './errors.ts';
import { createTransferHandlers } from './transfer-handlers.ts';
import { updateBadge } from './badge.ts';
import { notifyTurnedInvalid } from './notify.ts';
import { CHECK_PROGRESS, type CheckProgress } from '../vault-events.ts';
import { isPassiveRequest } from '../messages.ts';
import { HEADER_KEY } from '../vault/envelope-schema.ts';
import { hostPattern } from '../providers/host-permissions.ts';
import { createFillHandlers, type Capture } from './fill-handlers.ts';
import { onFillCommand, onMenuClick, rebuildMenu } from './fill-triggers.ts';
import { cancelAutoLock, listenForAutoLock, restartAutoLock } from './auto-lock.ts';
import { SyncEngine, type SyncArea } from './sync-engine.ts';
import { createSyncHandlers } from './sync-handlers.ts';
import { secureRandomBytes } from '../crypto/random.ts';

export interface BackgroundOptions {
  kdfParams?: Argon2idParams;
  now?: () => number;
  /** How checks reach providers (tests pass a fake). */
  fetch?: typeof fetch;
  mayContact?: (origin: string) => Promise<boolean>;
  checkTimeoutMs?: number;
  /** Where sync keeps the vault (tests pass a shared fake). */
  syncArea?: SyncArea;
  syncDelayMs?: number;
}

async function permittedOrigin(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [hostPattern(origin)] });
}

function announceProgress(done: number, total: number, running: boolean): void {
  const progress: CheckProgress = { event: CHECK_PROGRESS, done, total, running };
  browser.runtime.sendMessage(progress).catch(() => undefined);
}

/** Wires everything; returns the session (tests drive it). */
export function startBackground({
  kdfParams = DEFAULT_PARAMS,
  now = Date.now,
  fetch = globalThis.fetch.bind(globalThis),
  mayContact = permittedOrigin,
  checkTimeoutMs = 10_000,
  syncArea = browser.storage.sync as SyncArea,
  syncDelayMs,
}: BackgroundOptions = {}): VaultSession {
  const pending = new Pending<ImportCandidate[]>(now, () => new BackgroundError('import-expired', 'This import preview has expired. Choose the file again.'));
  const session: VaultSession = new VaultSession({
    kdfParams,
    now,
    onChange: () => {
      announceChange();
      if (!session.currentPayload) pending.clear();
      void updateBadge(session.currentPayload).catch(() => undefined);
      void rebuildMenu(session.currentPayload);
      sync.schedule();
    },
  });
  const sync = new SyncEngine({ session, area: syncArea, now, random: secureRandomBytes, ...(syncDelayMs !== undefined ? { delayMs: syncDelayMs } : {}) });
  session.newerWrapping = () => sync.newerWrapping();
  const captures = new Pending<Capture>(now, () => new BackgroundError('import-expired', 'This saved-key offer has expired. Save the key from the console again.'));
  const checks = new Checks(session, {
    fetch,
    mayContact,
    timeoutMs: checkTimeoutMs,
    now,
    onProgress: announceProgress,
    onTurnedInvalid: notifyTurnedInvalid,
  });
  const onCopied = (secret: string, seconds: number) => void clearClipboardLater(secret, seconds).catch(() => undefined);
  const core = createHandlers(session, checks, now, onCopied);
  const handlers = {
    ...core,
    changePassphrase: async (...args: Parameters<typeof core.changePassphrase>) => {
      const answer = await core.changePassphrase(...args);
      await sync.passphraseChanged();
      return answer;
    },
    ...createSyncHandlers(sync),
    ...createTransferHandlers(session, checks, pending, now),
    ...createFillHandlers(session, captures, now),
  };
  const extensionBase = browser.runtime.getURL('');

  // Every request from a page but a passive one is a use of the vault: it restarts the auto-lock countdown.
  async function touch(): Promise<void> {
    const setting = session.currentPayload?.settings.autoLock;
    if (setting === undefined) await cancelAutoLock();
    else await restartAutoLock(setting);
  }

  void restrictSessionStorage();
  // Answered through sendResponse (and `return true` to keep the channel open): the one
  // way that works in Chrome and Firefox alike without a polyfill.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const senderClass = classifySender(sender, browser.runtime.id, extensionBase);
    const context = { tabId: sender.tab?.id, tabUrl: sender.tab?.url, frameId: sender.frameId, frameUrl: sender.url };
    void route(message, senderClass, handlers, context).then(async (result) => {
      sendResponse(result);
      if (senderClass === 'page' && !isPassiveRequest(message)) await touch().catch(() => undefined);
    });
    return true;
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && HEADER_KEY in changes) session.storedHeaderChanged(changes[HEADER_KEY]?.newValue);
    if (area === 'sync') sync.schedule();
  });
  browser.commands.onCommand.addListener(onFillCommand(session, now));
  browser.contextMenus.onClicked.addListener(onMenuClick(session, now));
  void session.status().then(() => rebuildMenu(session.currentPayload));
  listenForAutoLock(() => session.lock(), () => session.currentPayload?.settings.autoLock);
  return session;
}
