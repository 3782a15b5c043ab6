/**
 * Builds the whole background from its dependencies, once, for production and tests
 * alike: storage, session, checks, spend, sync, fill, stand-in keys, the handler table
 * and the listeners.
 * Parts talk through the session's events; nothing is patched in afterwards.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import type { Argon2idParams } from '../crypto/kdf.ts';
import { randomId, type RandomBytes } from '../crypto/random.ts';
import { prepareMemory } from '../crypto/kdf-memory.ts';
import { timeSlices } from './session/time-slices.ts';
import type { ImportCandidate } from '../transfer/import-plan.ts';
import type { Entry } from '../vault/payload-schema.ts';
import { hostPattern } from '../web/address.ts';
import { isPassiveRequest, type Result } from '../messages.ts';
import { route, type Handlers, type SenderContext } from './router.ts';
import { classifySender } from './sender.ts';
import { BackgroundError } from './errors.ts';
import { Pending } from './pending.ts';
import { AutoLock } from './auto-lock.ts';
import { Badge } from './badge.ts';
import { ProgressAnnouncer } from './announce.ts';
import { VaultView } from './view/vault-view.ts';
import { ChangeAnnouncer } from './view/announcer.ts';
import { viewHandlers } from './view/view-handlers.ts';
import { Notifier } from './notify.ts';
import { ClipboardTimer, offscreenApi, type Offscreen } from './clipboard-timer.ts';
import { VaultStore } from './session/vault-store.ts';
import { KeyCache } from './session/key-cache.ts';
import { UnlockThrottle } from './session/unlock-throttle.ts';
import { VaultSession } from './session/session.ts';
import { vaultHandlers } from './session/vault-handlers.ts';
import { Checks } from './checks/checks.ts';
import { checkHandlers } from './checks/check-handlers.ts';
import { transferHandlers } from './transfer/transfer-handlers.ts';
import { Filler } from './fill/fill.ts';
import { FillTriggers } from './fill/fill-triggers.ts';
import { InlineSites } from './fill/inline-sites.ts';
import { fillHandlers, type Capture } from './fill/fill-handlers.ts';
import { InlineMenus } from './fill/inline-menus.ts';
import { inlineHandlers } from './fill/inline-handlers.ts';
import { StandIns } from './stand-in/stand-ins.ts';
import { standInHandlers } from './stand-in/stand-in-handlers.ts';
import { fillStandIn } from './stand-in/fill-stand-in.ts';
import { watchRequests } from './stand-in/request-watch.ts';
import { SyncStateStore } from './sync/sync-state.ts';
import { SyncEngine, type SyncArea } from './sync/sync-engine.ts';
import { syncHandlers } from './sync/sync-handlers.ts';
import { syncedWrapping } from './sync/synced-unlock.ts';
import { sendWithKey, type SendDeps } from './net/send-with-key.ts';
import { Spend } from './spend/spend.ts';
import { BudgetNotices } from './spend/budget-notices.ts';
import { Revocations, type HeldRevocation } from './spend/revocations.ts';
import { spendHandlers } from './spend/spend-handlers.ts';
import { words } from '../words.ts';

export interface BackgroundDeps {
  /** The extension APIs: the real `browser`, or WXT's fake in tests. */
  browser: WxtBrowser;
  /** KDF strength for new vaults, new passphrases and backups. */
  kdfParams: Argon2idParams;
  now: () => number;
  random: RandomBytes;
  /** How checks, usage reads and revocations reach providers. */
  fetch: typeof fetch;
  /** Whether the extension may contact an origin (its host permission). */
  mayContact?: (origin: string) => Promise<boolean>;
  checkTimeoutMs?: number;
  /** Where sync keeps the vault (the browser's `storage.sync` unless given). */
  syncArea?: SyncArea;
  syncDelayMs?: number;
  /** Chrome's offscreen documents, for the clipboard (the browser's own unless given; null: none). */
  offscreen?: Offscreen | null;
  /** How long a change is sealed before waiting requests are let in (`session/time-slices.ts`). */
  sliceMs?: number;
}

/** The composed background: its parts (tests drive them) and `start`, which listens to the browser. */
export interface Background {
  session: VaultSession;
  checks: Checks;
  spend: Spend;
  sync: SyncEngine;
  standIns: StandIns;
  handlers: Handlers;
  /**
   * Answers one message from `sender` as the browser reported it; `answer`, when given,
   * hears the result as soon as it is known, before the bookkeeping that follows (auto-lock).
   */
  receive(message: unknown, sender: Parameters<typeof classifySender>[0] & { documentId?: string }, answer?: (result: Result<unknown>) => void): Promise<Result<unknown>>;
  /** Subscribes to the browser's events (messages, storage, alarms, menus, commands). */
  start(): void;
}

// A clipboard that could not be cleared is worth a line in the worker's log (its kind only, never its text).
const clipboardFailed = (error: unknown) => console.error('AI Key Vault: clearing the clipboard failed:', error instanceof Error ? error.name : typeof error);

/** Builds the background; nothing listens until `start`. */
export function createBackground(deps: BackgroundDeps): Background {
  const { browser, kdfParams, now, random } = deps;
  const newId = () => randomId(random);
  const local = browser.storage.local;
  const keys = new KeyCache(browser.storage.session);
  const syncState = new SyncStateStore(local);
  const syncArea = deps.syncArea ?? (browser.storage.sync as SyncArea);

  const session = new VaultSession({
    store: new VaultStore(local),
    keys,
    throttle: new UnlockThrottle(local, now),
    kdfParams,
    now,
    alternateWrapping: () => syncedWrapping(syncArea, syncState, kdfParams),
    ...(deps.sliceMs !== undefined ? { sliceMs: deps.sliceMs } : {}),
    prepareKdf: (kdf) => void prepareMemory(kdf, timeSlices(deps.sliceMs)),
  });
  const sync = new SyncEngine({ session, area: syncArea, state: syncState, now, random, kdfCap: kdfParams, ...(deps.syncDelayMs !== undefined ? { delayMs: deps.syncDelayMs } : {}) });

  const notifier = new Notifier(browser, now);
  const progress = new ProgressAnnouncer(browser);
  const network: SendDeps = {
    fetch: deps.fetch,
    mayContact: deps.mayContact ?? ((origin) => browser.permissions.contains({ origins: [hostPattern(origin)] })),
    timeoutMs: deps.checkTimeoutMs ?? 10_000,
  };
  const checks = new Checks(session, {
    ...network,
    now,
    onProgress: (done, total, running) => progress.progress(done, total, running),
    onTurnedInvalid: (entry, validation) => notifier.turnedInvalid(entry, validation),
  });
  const imports = new Pending<ImportCandidate[]>({ now, newToken: newId, expired: () => new BackgroundError('import-expired', words('errors.importExpired')) });
  const captures = new Pending<Capture>({ now, newToken: newId, expired: () => new BackgroundError('import-expired', words('errors.captureExpired')) });
  // A deleted key waits two minutes for "Undo", in this worker's memory only.
  const deleted = new Pending<Entry>({ now, newToken: newId, lifetimeMs: 2 * 60_000, expired: () => new BackgroundError('not-found', words('errors.undoTooLate')) });
  const menus = new InlineMenus({ now, newId });
  const sites = new InlineSites(browser);
  const revokes = new Pending<HeldRevocation>({ now, newToken: newId, expired: () => new BackgroundError('import-expired', words('errors.revokeExpired')) });
  const spend = new Spend({
    browser,
    session,
    send: (request, signal) => sendWithKey(request, network, signal),
    notices: new BudgetNotices(local, (alert) => notifier.budgetReached(alert)),
    now,
  });
  const revocations = new Revocations({ session, send: (request) => sendWithKey(request, network), pending: revokes, now });
  const filler = new Filler({ browser, session, now });
  const standIns = new StandIns({ browser, session, notifier, now, random });
  const triggers = new FillTriggers({
    browser,
    filler,
    notifier,
    ...(standIns.available ? { fillStandIn: (target, choose) => fillStandIn({ browser, filler, standIns }, target, choose) } : {}),
  });
  const autoLock = new AutoLock(browser, () => session.lock());
  const badge = new Badge(browser, now);
  const view = new VaultView(newId());
  const announcer = new ChangeAnnouncer(browser, view);
  const clipboard = new ClipboardTimer(browser, deps.offscreen === undefined ? (offscreenApi() ?? null) : deps.offscreen);

  const handlers: Handlers = {
    ...vaultHandlers({
      session,
      now,
      newId,
      checkSoon: (id) => checks.checkSoon(id),
      copied: (secret, seconds) => void clipboard.copied(secret, seconds).catch(clipboardFailed),
      deleted,
      firstRows: (count) => (view.isOpen ? view.listing(count) : undefined),
    }),
    ...viewHandlers(session, view),
    ...checkHandlers(checks),
    ...transferHandlers({ session, imports, checkAll: (ids) => checks.checkAll(ids), kdfParams, now, newId }),
    ...fillHandlers({ browser, session, filler, sites, captures, now }),
    ...inlineHandlers({ browser, session, sites, menus, captures, standIns, now }),
    ...syncHandlers(sync),
    ...standInHandlers({ browser, filler, standIns }),
    ...spendHandlers({ session, spend, revocations }),
  };

  session.events.on('changed', (change) => {
    const { payload } = change;
    view.apply(change);
    // Opened (not an edit): figures older than the alarm's period are read again.
    if (payload && !change.records) spend.opened(payload);
    announcer.changed();
    autoLock.settingIs(payload?.settings.autoLock);
    void badge.update(payload).catch(() => undefined);
    void triggers.rebuildMenu(payload);
    sync.schedule();
    // Without the records that changed, the vault opened, closed or moved to another key.
    standIns.vaultChanged(payload, change.records === undefined);
  });
  session.events.on('locked', () => {
    imports.clear();
    captures.clear();
    deleted.clear();
    menus.clear();
    revokes.clear();
    checks.cancel();
    spend.cancel();
    sync.cancelScheduled();
    void clipboard.clearNow().catch(clipboardFailed);
    standIns.locked();
  });
  session.events.on('passphraseChanged', () => void sync.syncNow());
  session.events.on('syncedWrappingRefused', () => void sync.headerRefused());

  const extensionBase = browser.runtime.getURL('');

  async function receive(message: unknown, sender: Parameters<Background['receive']>[1], answer?: (result: Result<unknown>) => void): Promise<Result<unknown>> {
    const senderClass = classifySender(sender, browser.runtime.id, extensionBase);
    const context: SenderContext = {
      tabId: sender.tab?.id,
      tabUrl: sender.tab?.url,
      frameId: sender.frameId,
      frameUrl: sender.url,
      documentId: sender.documentId,
      origin: sender.origin,
    };
    // A page is open: while locked, an unlock may come soon (the KDF's memory may have been let go since).
    if (senderClass === 'page') session.readAhead();
    const result = await route(message, senderClass, handlers, context);
    answer?.(result);
    // Every request from a page but a passive one is a use of the vault: it restarts the auto-lock countdown
    // (after the answer: the page need not wait for the browser's alarm call).
    if (senderClass === 'page' && !isPassiveRequest(message)) await autoLock.used().catch(() => undefined);
    return result;
  }

  function start(): void {
    void keys.restrictAccess();
    session.readAhead();
    // Answered through sendResponse (and `return true` to keep the channel open): the one
    // way that works in Chrome and Firefox alike without a polyfill.
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      void receive(message, sender, sendResponse);
      return true;
    });
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local') session.storedItemsChanged(changes);
      if (area === 'sync') sync.schedule();
    });
    browser.commands.onCommand.addListener(triggers.onCommand);
    browser.contextMenus.onClicked.addListener(triggers.onMenuClick);
    autoLock.listen();
    browser.alarms.onAlarm.addListener((alarm) => standIns.alarmFired(alarm.name));
    if (standIns.available) watchRequests(browser.webRequest, standIns);
    spend.listen();
    // The menu shows "locked" or the keys: ask once, the session tells it from then on.
    void session.status().then((state) => (state === 'unlocked' ? undefined : triggers.rebuildMenu(undefined)));
  }

  return { session, checks, spend, sync, standIns, handlers, receive, start };
}
