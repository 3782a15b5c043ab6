/**
 * The two ways to fill without opening the popup: the fill shortcut (best key for the
 * focused field) and the context menu on editable fields ("Insert API key" ▸ provider ▸
 * key, and "Insert stand-in key" ▸ provider ▸ key where stand-ins work). Both grant
 * `activeTab` for the act; a refusal is told in a notification.
 * @module
 */
import type { Browser, WxtBrowser } from 'wxt/browser';
import { PROVIDERS, providerName } from '../../providers/catalog.ts';
import { bestKey, rankKeys } from '../../fill/choose-key.ts';
import * as entries from '../../vault/entries.ts';
import type { Payload } from '../../vault/payload-schema.ts';
import { i18n } from '#i18n';
import { BackgroundError } from '../errors.ts';
import type { Notifier } from '../notify.ts';
import { substitutionFor } from '../../stand-in/substitution.ts';
import type { ChooseKey, FillTarget, Filler } from './fill.ts';
import { words, type Words } from '../../words.ts';

export const FILL_COMMAND = 'fill-key';
const MENU_ROOT = 'insert-key';
const MENU_LOCKED = 'insert-key-locked';
const KEY_ITEM = 'key:';
const STAND_IN_ROOT = 'insert-stand-in';
const STAND_IN_ITEM = 'stand-in:';
const EDITABLE: ['editable'] = ['editable'];
/** Keys listed per provider in the menu (its active key first, then by last use). */
const MENU_KEYS_PER_PROVIDER = 15;

const bestForField: ChooseKey = (payload, hints) => {
  const entry = bestKey(payload, hints);
  if (!entry) throw new BackgroundError('not-found', words('background.noKeyToFill'));
  return entry;
};

// One root's submenus: provider ▸ key, for the `ranked` keys `offered` keeps. One pass
// over them, asking `offered` only until a provider has its fill: at 10,000 keys, asking it of
// every key (a stand-in parses each key's endpoint) cost more than the rest of an unlock.
function keyTree(ranked: Payload['entries'], root: string, item: string, offered: (entry: Payload['entries'][number]) => boolean): Browser.contextMenus.CreateProperties[] {
  const byProvider = new Map<string, Payload['entries']>();
  for (const entry of ranked) {
    const keys = byProvider.get(entry.provider) ?? [];
    if (keys.length === MENU_KEYS_PER_PROVIDER || !offered(entry)) continue;
    keys.push(entry);
    byProvider.set(entry.provider, keys);
  }
  const items: Browser.contextMenus.CreateProperties[] = [];
  for (const { id: provider } of PROVIDERS) {
    const keys = byProvider.get(provider) ?? [];
    if (keys.length === 0) continue;
    items.push({ id: `${root}/${provider}`, parentId: root, title: providerName(provider), contexts: EDITABLE });
    for (const entry of keys) items.push({ id: `${item}${entry.id}`, parentId: `${root}/${provider}`, title: entry.name, contexts: EDITABLE });
  }
  return items;
}

// Whether a key can stand in, by entry object: entries are never changed in place, and the
// menu is rebuilt on every change (a check result), so only the keys that changed are judged again.
const standInOffered = new WeakMap<Payload['entries'][number], boolean>();
function offersStandIn(entry: Payload['entries'][number]): boolean {
  let offered = standInOffered.get(entry);
  if (offered === undefined) standInOffered.set(entry, (offered = !('refusal' in substitutionFor(entry))));
  return offered;
}

/**
 * The menu's items for the vault as it is now: providers with keys, or a note that it
 * is locked; with `standIns`, a second root for the keys a stand-in can be made for.
 */
export function menuItems(payload: Payload | undefined, standIns = false): Browser.contextMenus.CreateProperties[] {
  const root = { id: MENU_ROOT, title: i18n.t('background.menuInsertKey'), contexts: EDITABLE };
  if (!payload) return [root, { id: MENU_LOCKED, parentId: MENU_ROOT, title: i18n.t('background.menuUnlockFirst'), enabled: false, contexts: EDITABLE }];
  const ranked = rankKeys(payload, []); // each provider's active key first, then by last use
  const keys = keyTree(ranked, MENU_ROOT, KEY_ITEM, () => true);
  if (keys.length === 0) return [root, { id: MENU_LOCKED, parentId: MENU_ROOT, title: i18n.t('background.menuNoKeys'), enabled: false, contexts: EDITABLE }];
  const standInKeys = standIns ? keyTree(ranked, STAND_IN_ROOT, STAND_IN_ITEM, offersStandIn) : [];
  const standInRoot = standInKeys.length ? [{ id: STAND_IN_ROOT, title: i18n.t('background.menuInsertStandIn'), contexts: EDITABLE }, ...standInKeys] : [];
  return [root, ...keys, ...standInRoot];
}

export interface FillTriggerDeps {
  browser: WxtBrowser;
  filler: Filler;
  notifier: Notifier;
  /** Fills a key's stand-in instead of the key (absent where stand-ins are not available). */
  fillStandIn?: (target: FillTarget, choose: ChooseKey) => Promise<void>;
}

/** The fill shortcut and the context menu. */
export class FillTriggers {
  #building: Promise<void> = Promise.resolve();
  /** The items the menu was last built with: a change that leaves them alone (a check result) rebuilds nothing. */
  #built = '';

  constructor(private readonly deps: FillTriggerDeps) {}

  async #fillAndTell(target: FillTarget, choose: ChooseKey, standIn = false): Promise<void> {
    const { browser, filler, notifier, fillStandIn } = this.deps;
    try {
      await (standIn && fillStandIn ? fillStandIn(target, choose) : filler.fillInto(target, choose));
    } catch (error) {
      if (error instanceof BackgroundError && error.code === 'locked') {
        // The popup unlocks; where the browser will not open it from here, say what to do.
        const opened = await (browser.action ?? browser.browserAction)?.openPopup?.().then(
          () => true,
          () => false,
        );
        if (!opened) notifier.tell(words('background.lockedFill'));
        return;
      }
      notifier.tell(error instanceof Error && 'words' in error ? (error.words as Words) : words('background.fillFailed'));
    }
  }

  /** The shortcut: fills the focused field of the tab with the best-matching key. */
  onCommand = (command: string, tab?: Browser.tabs.Tab): void => {
    if (command !== FILL_COMMAND || tab?.id === undefined) return;
    void this.#fillAndTell({ tabId: tab.id, tabUrl: tab.url, frameId: 0 }, bestForField);
  };

  /** The menu's click: fills the picked key (or its stand-in) into the field that was right-clicked. */
  onMenuClick = (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): void => {
    const item = String(info.menuItemId);
    const standIn = item.startsWith(STAND_IN_ITEM);
    if ((!item.startsWith(KEY_ITEM) && !standIn) || tab?.id === undefined) return;
    const id = item.slice(standIn ? STAND_IN_ITEM.length : KEY_ITEM.length);
    const frameId = info.frameId ?? 0;
    const target = { tabId: tab.id, tabUrl: tab.url, frameId, ...(frameId !== 0 ? { frameUrl: info.frameUrl } : {}) };
    void this.#fillAndTell(target, (payload) => entries.findEntry(payload, id), standIn);
  };

  /** Rebuilds the menu for the vault as it is now, if its items changed (one rebuild at a time, so items are never created twice). */
  rebuildMenu(payload: Payload | undefined): Promise<void> {
    const { contextMenus } = this.deps.browser;
    const items = menuItems(payload, this.deps.fillStandIn !== undefined);
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
