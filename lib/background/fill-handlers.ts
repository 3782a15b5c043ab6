/**
 * Requests about filling and capturing: the popup's Fill, the inline offer's list and
 * pick, a captured key on its way to the add form, and the sites the offer runs on.
 * Content scripts are judged by the tab and frame the browser reports.
 * @module
 */
import { browser } from 'wxt/browser';
import * as entries from '../vault/entries.ts';
import { maskSecret } from '../vault/summary.ts';
import { namesOf, uniqueName } from '../vault/unique-name.ts';
import { detectProvider } from '../providers/detect.ts';
import { providerName } from '../providers/catalog.ts';
import { keysToOffer } from '../fill/choose-key.ts';
import { FILL_REFUSALS, fillRefusal } from '../fill/fill-policy.ts';
import { consoleProviders } from '../fill/sites.ts';
import type { Handlers, SenderContext } from './router.ts';
import type { VaultSession } from './session.ts';
import { BackgroundError } from './errors.ts';
import { fillInto } from './fill.ts';
import type { Pending } from './pending.ts';
import { disableInlineSite, enableInlineSite, inlineAllowedAt, inlineSites } from './inline-sites.ts';

type FillHandlers = Pick<
  Handlers,
  'fillTab' | 'takeCapture' | 'inlineSites' | 'enableInlineSite' | 'disableInlineSite' | 'inlineKeys' | 'inlineFill' | 'captureKey'
>;

/** A key seen on a provider's console, waiting for the user to save it. */
export interface Capture {
  provider: string;
  secret: string;
}

const frameUrlOf = (sender: SenderContext) => sender.frameUrl ?? sender.tabUrl;

async function requireInlineSender(sender: SenderContext): Promise<void> {
  if (!(await inlineAllowedAt(frameUrlOf(sender)))) throw new BackgroundError('forbidden', 'AI Key Vault does not offer keys on this site.');
}

function dateStamp(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function createFillHandlers(session: VaultSession, captures: Pending<Capture>, now: () => number): FillHandlers {
  return {
    fillTab: async ({ id, tabId, allowDisabled }) => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (tab?.id === undefined) throw new BackgroundError('fill-refused', 'There is no page to fill.');
      await fillInto(
        session,
        { tabId: tab.id, tabUrl: tab.url, frameId: 0 },
        (payload) => {
          const entry = entries.findEntry(payload, id);
          if (!entry.enabled && !allowDisabled) throw new BackgroundError('disabled', `“${entry.name}” is disabled. Enable it, or confirm to use it anyway.`);
          return entry;
        },
        now,
      );
      return {};
    },

    inlineKeys: async ({ providers }, sender) => {
      await requireInlineSender(sender);
      const site = consoleProviders(frameUrlOf(sender));
      if ((await session.status()) !== 'unlocked') return { state: 'locked' as const, keys: [] };
      const payload = session.currentPayload!;
      const offered = keysToOffer(payload, [...site, ...providers]).slice(0, 20);
      return {
        state: 'unlocked' as const,
        keys: offered.map(({ id, name, provider, secret }) => ({ id, name, provider, masked: maskSecret(secret) })),
      };
    },

    inlineFill: async ({ id }, sender) => {
      await requireInlineSender(sender);
      const entry = await session.read((payload) => entries.findEntry(payload, id));
      if (!entry.enabled) throw new BackgroundError('disabled', `“${entry.name}” is disabled.`);
      const refusal = fillRefusal(sender.tabUrl, sender.frameUrl, entry.provider);
      if (refusal) throw new BackgroundError('fill-refused', FILL_REFUSALS[refusal]);
      await session.mutate((payload) => ({ payload: entries.recordUse(payload, id, now()).payload, result: undefined }));
      return { secret: entry.secret };
    },

    captureKey: async ({ secret }, sender) => {
      const site = consoleProviders(frameUrlOf(sender));
      if (site.length === 0) throw new BackgroundError('forbidden', 'Keys are saved from provider consoles only.');
      const exact = detectProvider(secret).filter(({ confidence }) => confidence === 'exact').map(({ provider }) => provider);
      const provider = exact.find((id) => site.includes(id)) ?? exact[0];
      if (!provider) throw new BackgroundError('invalid-input', 'This does not look like an API key.');
      const existing = session.currentPayload?.entries.find((entry) => entry.secret === secret.trim());
      if (existing) return { savedAs: existing.name };
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

    inlineSites: async () => ({ sites: await inlineSites() }),
    enableInlineSite: async ({ origin }) => ({ sites: await enableInlineSite(origin) }),
    disableInlineSite: async ({ origin }) => ({ sites: await disableInlineSite(origin) }),
  };
}
