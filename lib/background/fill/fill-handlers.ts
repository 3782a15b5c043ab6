/**
 * Requests about filling and capturing: the popup's Fill, the inline offer's list and
 * pick, a captured key on its way to the add form, and the sites the offer runs on.
 * Content scripts are judged by the tab and frame the browser reports.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import * as entries from '../../vault/entries.ts';
import { disabledKeyError } from '../../vault/key-use.ts';
import { maskSecret } from '../../vault/summary.ts';
import { namesOf, uniqueName } from '../../vault/unique-name.ts';
import { detectProvider } from '../../providers/detect.ts';
import { providerName } from '../../providers/catalog.ts';
import { keysToOffer } from '../../fill/choose-key.ts';
import { FILL_REFUSALS, fillRefusal } from '../../fill/fill-policy.ts';
import { consoleProviders } from '../../fill/sites.ts';
import type { Handlers, SenderContext } from '../router.ts';
import type { VaultSession } from '../session/session.ts';
import { BackgroundError } from '../errors.ts';
import type { Pending } from '../pending.ts';
import type { Filler } from './fill.ts';
import type { InlineSites } from './inline-sites.ts';

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

const frameUrlOf = (sender: SenderContext) => sender.frameUrl ?? sender.tabUrl;

function dateStamp(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Handlers for filling, the inline offer, capture and the offer's sites. */
export function fillHandlers({ browser, session, filler, sites, captures, now }: FillHandlerDeps) {
  async function requireInlineSender(sender: SenderContext): Promise<void> {
    if (!(await sites.allowedAt(frameUrlOf(sender)))) throw new BackgroundError('forbidden', 'AI Key Vault does not offer keys on this site.');
  }

  return {
    fillTab: async ({ id, tabId, allowDisabled }) => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (tab?.id === undefined) throw new BackgroundError('fill-refused', 'There is no page to fill.');
      await filler.fillInto({ tabId: tab.id, tabUrl: tab.url, frameId: 0 }, (payload) => {
        const entry = entries.findEntry(payload, id);
        if (!entry.enabled && !allowDisabled) throw disabledKeyError(entry.name);
        return entry;
      });
      return {};
    },

    inlineKeys: async ({ providers }, sender) => {
      await requireInlineSender(sender);
      const site = consoleProviders(frameUrlOf(sender));
      if ((await session.status()) !== 'unlocked') return { state: 'locked' as const, keys: [] };
      const offered = await session.read((payload) => keysToOffer(payload, [...site, ...providers]).slice(0, 20));
      return {
        state: 'unlocked' as const,
        keys: offered.map(({ id, name, provider, secret }) => ({ id, name, provider, masked: maskSecret(secret) })),
      };
    },

    inlineFill: async ({ id }, sender) => {
      await requireInlineSender(sender);
      return session.mutate((payload) => {
        const entry = entries.findEntry(payload, id);
        if (!entry.enabled) throw disabledKeyError(entry.name);
        const refusal = fillRefusal(sender.tabUrl, sender.frameUrl, entry.provider);
        if (refusal) throw new BackgroundError('fill-refused', FILL_REFUSALS[refusal]);
        return { payload: entries.recordUse(payload, id, now()).payload, result: { secret: entry.secret } };
      });
    },

    captureKey: async ({ secret }, sender) => {
      const site = consoleProviders(frameUrlOf(sender));
      if (site.length === 0) throw new BackgroundError('forbidden', 'Keys are saved from provider consoles only.');
      const exact = detectProvider(secret).filter(({ confidence }) => confidence === 'exact').map(({ provider }) => provider);
      const provider = exact.find((id) => site.includes(id)) ?? exact[0];
      if (!provider) throw new BackgroundError('invalid-input', 'This does not look like an API key.');
      const existing = await session.read((payload) => payload.entries.find((entry) => entry.secret === secret.trim())?.name).catch(() => undefined);
      if (existing) return { savedAs: existing };
      const token = captures.hold({ provider, secret: secret.trim() });
      await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#capture=${token}`) });
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
