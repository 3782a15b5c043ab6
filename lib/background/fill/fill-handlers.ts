/**
 * Requests about filling and capturing from extension pages: the popup's Fill, a
 * captured key on its way to the add form, and the sites the inline offer runs on.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import * as entries from '../../vault/entries.ts';
import { disabledKeyError } from '../../vault/key-use.ts';
import { namesOf, uniqueName } from '../../vault/unique-name.ts';
import { providerName } from '../../providers/catalog.ts';
import type { Handlers } from '../router.ts';
import type { VaultSession } from '../session/session.ts';
import { BackgroundError } from '../errors.ts';
import type { Pending } from '../pending.ts';
import type { Filler } from './fill.ts';
import type { InlineSites } from './inline-sites.ts';
import { words } from '../../words.ts';

/** A key seen on a provider's console, waiting for the user to save it. */
export interface Capture {
  provider: string;
  secret: string;
}

export interface FillHandlerDeps {
  browser: WxtBrowser;
  session: VaultSession;
  filler: Filler;
  sites: InlineSites;
  captures: Pending<Capture>;
  now: () => number;
}

function dateStamp(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Handlers for the popup's Fill, a captured key's add form, and the offer's sites. */
export function fillHandlers({ browser, session, filler, sites, captures, now }: FillHandlerDeps) {
  return {
    fillTab: async ({ id, tabId, allowDisabled }) => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (tab?.id === undefined) throw new BackgroundError('fill-refused', words('errors.noPage'));
      await filler.fillInto({ tabId: tab.id, tabUrl: tab.url, frameId: 0 }, (payload) => {
        const entry = entries.findEntry(payload, id);
        if (!entry.enabled && !allowDisabled) throw disabledKeyError(entry.name);
        return entry;
      });
      return {};
    },

    // Unlocked first: the token is spent only when the form can open.
    takeCapture: async ({ token }) => {
      const keys = await session.read((payload) => payload.entries.map(({ provider, name }) => ({ provider, name })));
      const capture = captures.take(token);
      const name = uniqueName(`${providerName(capture.provider)} key ${dateStamp(now())}`, namesOf(keys, capture.provider));
      return { ...capture, name };
    },

    inlineSites: async () => ({ sites: await sites.list() }),
    enableInlineSite: async ({ origin }) => ({ sites: await sites.enable(origin) }),
    disableInlineSite: async ({ origin }) => ({ sites: await sites.disable(origin) }),
  } satisfies Partial<Handlers>;
}
