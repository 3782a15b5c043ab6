/**
 * The two ways to fill without opening the popup: the fill shortcut (best key for the
 * focused field) and the context menu on editable fields ("Insert API key" ▸ provider ▸
 * key). Both grant `activeTab` for the act; a refusal is told in a notification.
 * @module
 */
import { browser, type Browser } from 'wxt/browser';
import { PROVIDERS, providerName } from '../providers/catalog.ts';
import { bestKey, rankKeys } from '../fill/choose-key.ts';
import * as entries from '../vault/entries.ts';
import type { Payload } from '../vault/payload-schema.ts';
import { BackgroundError } from './errors.ts';
import { fillInto, type ChooseKey, type FillTarget } from './fill.ts';
import type { VaultSession } from './session.ts';

export const FILL_COMMAND = 'fill-key';
const MENU_ROOT = 'insert-key';
const MENU_LOCKED = 'insert-key-locked';
const KEY_ITEM = 'key:';
const EDITABLE: ['editable'] = ['editable'];
/** Keys listed per provider in the menu (its active key first, then by last use). */
const MENU_KEYS_PER_PROVIDER = 15;

function tell(message: string): void {
  void browser.notifications
    .create(`fill-${Date.now()}`, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title: 'AI Key Vault', message })
    .catch(() => undefined);
}

async function fillAndTell(session: VaultSession, target: FillTarget, choose: ChooseKey, now: () => number): Promise<void> {
  try {
    await fillInto(session, target, choose, now);
  } catch (error) {
    if (error instanceof BackgroundError && error.code === 'locked') {
      // The popup unlocks; where the browser will not open it from here, say what to do.
      const opened = await (browser.action ?? browser.browserAction)?.openPopup?.().then(
        () => true,
        () => false,
      );
      if (!opened) tell('AI Key Vault is locked. Unlock it from the toolbar, then fill again.');
      return;
    }
    tell(error instanceof Error && 'code' in error ? error.message : 'The key could not be filled.');
  }
}

const bestForField: ChooseKey = (payload, hints) => {
  const entry = bestKey(payload, hints);
  if (!entry) throw new BackgroundError('not-found', 'There is no key to fill yet. Add one in AI Key Vault.');
  return entry;
};

/** The shortcut: fills the focused field of the tab with the best-matching key. */
export function onFillCommand(session: VaultSession, now: () => number) {
  return (command: string, tab?: Browser.tabs.Tab): void => {
    if (command !== FILL_COMMAND || tab?.id === undefined) return;
    void fillAndTell(session, { tabId: tab.id, tabUrl: tab.url, frameId: 0 }, bestForField, now);
  };
}

/** The menu's click: fills the picked key into the field that was right-clicked. */
export function onMenuClick(session: VaultSession, now: () => number) {
  return (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): void => {
    const item = String(info.menuItemId);
    if (!item.startsWith(KEY_ITEM) || tab?.id === undefined) return;
    const id = item.slice(KEY_ITEM.length);
    const frameId = info.frameId ?? 0;
    const target = { tabId: tab.id, tabUrl: tab.url, frameId, ...(frameId !== 0 ? { frameUrl: info.frameUrl } : {}) };
    void fillAndTell(session, target, (payload) => entries.findEntry(payload, id), now);
  };
}

/** The menu's items for the vault as it is now: providers with keys, or a note that it is locked. */
export function menuItems(payload: Payload | undefined): Browser.contextMenus.CreateProperties[] {
  const root = { id: MENU_ROOT, title: 'Insert API key', contexts: EDITABLE };
  if (!payload) return [root, { id: MENU_LOCKED, parentId: MENU_ROOT, title: 'Unlock AI Key Vault first', enabled: false, contexts: EDITABLE }];
  const items: Browser.contextMenus.CreateProperties[] = [root];
  const ranked = rankKeys(payload, []); // each provider's active key first, then by last use
  for (const { id: provider } of PROVIDERS) {
    const keys = ranked.filter((entry) => entry.provider === provider);
    if (keys.length === 0) continue;
    items.push({ id: `provider:${provider}`, parentId: MENU_ROOT, title: providerName(provider), contexts: EDITABLE });
    for (const entry of keys.slice(0, MENU_KEYS_PER_PROVIDER)) items.push({ id: `${KEY_ITEM}${entry.id}`, parentId: `provider:${provider}`, title: entry.name, contexts: EDITABLE });
  }
  if (items.length === 1) items.push({ id: MENU_LOCKED, parentId: MENU_ROOT, title: 'No keys yet', enabled: false, contexts: EDITABLE });
  return items;
}

let building: Promise<void> = Promise.resolve();

/** Rebuilds the menu (one rebuild at a time, so items are never created twice). */
export function rebuildMenu(payload: Payload | undefined): Promise<void> {
  building = building.then(async () => {
    await browser.contextMenus.removeAll();
    for (const item of menuItems(payload)) {
      await new Promise<void>((resolve) => browser.contextMenus.create(item, () => resolve()));
    }
  }).catch(() => undefined);
  return building;
}
