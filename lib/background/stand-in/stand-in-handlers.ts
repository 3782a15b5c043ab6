/**
 * Requests about stand-in keys: the popup's Fill stand-in, and the options page's list,
 * limits and revoke. Extension pages only.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import * as entries from '../../vault/entries.ts';
import type { Handlers } from '../router.ts';
import { BackgroundError } from '../errors.ts';
import type { Filler } from '../fill/fill.ts';
import { fillStandIn } from './fill-stand-in.ts';
import type { StandIns } from './stand-ins.ts';
import { words } from '../../words.ts';

export interface StandInHandlerDeps {
  browser: WxtBrowser;
  filler: Filler;
  standIns: StandIns;
}

/** Handlers for stand-in keys. */
export function standInHandlers(deps: StandInHandlerDeps) {
  const { browser, standIns } = deps;
  return {
    fillStandIn: async ({ id, tabId }) => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (tab?.id === undefined) throw new BackgroundError('fill-refused', words('errors.noPage'));
      await fillStandIn(deps, { tabId: tab.id, tabUrl: tab.url, frameId: 0 }, (payload) => entries.findEntry(payload, id));
      return {};
    },
    standIns: async () => (standIns.available ? { available: true, bindings: await standIns.list() } : { available: false, bindings: [] }),
    setStandInLimits: async ({ id, limits }) => ({ binding: await standIns.setLimits(id, limits) }),
    revokeStandIn: async ({ id }) => {
      await standIns.revoke(id);
      return {};
    },
  } satisfies Partial<Handlers>;
}
