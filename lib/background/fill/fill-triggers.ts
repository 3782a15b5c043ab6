/**
 * The two ways to fill without opening the popup: the fill shortcut (best key for the
 * focused field) and the context menu on editable fields ("Insert API key" ▸ provider ▸
 * key). Both grant `activeTab` for the act; a refusal is told in a notification.
 * @module
 */
import type { Browser, WxtBrowser } from 'wxt/browser';
import { PROVIDERS, providerName } from '../../providers/catalog.ts';
import { bestKey, rankKeys } from '../../fill/choose-key.ts';
import * as entries from '../../vault/entries.ts';
import type { Payload } from '../../vault/payload-schema.ts';
import { BackgroundError } from '../errors.ts';
import type { Notifier } from '../notify.ts';
import type { ChooseKey, FillTarget, Filler } from './fill.ts';

export const FILL_COMMAND = 'fill-key';
const MENU_ROOT = 'insert-key';
const MENU_LOCKED = 'insert-key-locked';
const KEY_ITEM = 'key:';
const EDITABLE: ['editable'] = ['editable'];
/** Keys listed per provider in the menu (its active key first, then by last use). */
const MENU_KEYS_PER_PROVIDER = 15;

const bestForField: ChooseKey = (payload, hints) => {
  const entry = bestKey(payload, hints);
  if (!entry) throw new BackgroundError('not-found', 'There is no key to fill yet. Add one in AI Key Vault.');
  return entry;
};

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

export interface FillTriggerDeps {
  browser: WxtBrowser;
  filler: Filler;
  notifier: Notifier;
}

/** The fill shortcut and the context menu. */
export class FillTriggers {
  #building: Promise<void> = Promise.resolve();
  /** The items the menu was last built with: a change that leaves them alone (a check result) rebuilds nothing. */
  #built = '';

  constructor(private readonly deps: FillTriggerDeps) {}

  async #fillAndTell(target: FillTarget, choose: ChooseKey): Promise<void> {
    const { browser, filler, notifier } = this.deps;
    try {
      await filler.fillInto(target, choose);
    } catch (error) {
      if (error instanceof BackgroundError && error.code === 'locked') {
        // The popup unlocks; where the browser will not open it from here, say what to do.
        const opened = await (browser.action ?? browser.browserAction)?.openPopup?.().then(
          () => true,
          () => false,
        );
        if (!opened) notifier.tell('AI Key Vault is locked. Unlock it from the toolbar, then fill again.');
        return;
      }
      notifier.tell(error instanceof Error && 'code' in error ? error.message : 'The key could not be filled.');
    }
  }

  /** The shortcut: fills the focused field of the tab with the best-matching key. */
  onCommand = (command: string, tab?: Browser.tabs.Tab): void => {
    if (command !== FILL_COMMAND || tab?.id === undefined) return;
    void this.#fillAndTell({ tabId: tab.id, tabUrl: tab.url, frameId: 0 }, bestForField);
  };

  /** The menu's click: fills the picked key into the field that was right-clicked. */
  onMenuClick = (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): void => {
    const item = String(info.menuItemId);
    if (!item.startsWith(KEY_ITEM) || tab?.id === undefined) return;
    const id = item.slice(KEY_ITEM.length);
    const frameId = info.frameId ?? 0;
    const target = { tabId: tab.id, tabUrl: tab.url, frameId, ...(frameId !== 0 ? { frameUrl: info.frameUrl } : {}) };
    void this.#fillAndTell(target, (payload) => entries.findEntry(payload, id));
  };

  /** Rebuilds the menu for the vault as it is now, if its items changed (one rebuild at a time, so items are never created twice). */
  rebuildMenu(payload: Payload | undefined): Promise<void> {
    const { contextMenus } = this.deps.browser;
    const items = menuItems(payload);
    const built = JSON.stringify(items);
    if (built === this.#built) return this.#building;
    this.#built = built;
    this.#building = this.#building
      .then(async () => {
        await contextMenus.removeAll();
        for (const item of items) {
          await new Promise<void>((resolve) => contextMenus.create(item, () => resolve()));
        }
      })
      .catch(() => undefined);
    return this.#building;
  }
}
