/**
 * Requests of the inline menu, whose list is drawn by our own frame inside the page. A
 * content script opens a menu for its own frame; the menu frame draws it and, on the
 * person's click there, picks a key (or its stand-in, where one fits) or saves a
 * captured one; the pick reaches the content script's own document as a one-time token,
 * which it redeems for what goes into the field. The keys used on the site before come
 * first. Who asks is judged from the tab, frame, document and origin the browser reports.
 * A stand-in binds the site of the origin the browser reported for the menu's frame.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { z } from 'zod/mini';
import * as entries from '../../vault/entries.ts';
import { disabledKeyError } from '../../vault/key-use.ts';
import { maskSecret } from '../../vault/summary.ts';
import { detectProvider } from '../../providers/detect.ts';
import { keysForSite } from '../../fill/choose-key.ts';
import { FILL_REFUSALS, fillRefusal, pageRefusal, type FillRefusal } from '../../fill/fill-policy.ts';
import { consoleProviders, curatedSiteProviders } from '../../fill/sites.ts';
import { PICK_DELIVERY, PICK_OUTCOME_CODES, type PickDelivery } from '../../fill/inline-pick.ts';
import { rememberedFirst, usedOnAt } from '../../vault/site-memory.ts';
import { bindableSite } from '../../stand-in/site.ts';
import { substitutionFor } from '../../stand-in/substitution.ts';
import type { Entry } from '../../vault/payload-schema.ts';
import type { Handlers, SenderContext } from '../router.ts';
import type { VaultSession } from '../session/session.ts';
import { BackgroundError } from '../errors.ts';
import type { Pending } from '../pending.ts';
import type { Capture } from './fill-handlers.ts';
import type { InlineSites } from './inline-sites.ts';
import type { FrameRef, InlineMenus, OwnerFrame } from './inline-menus.ts';
import { bindFrameSite } from '../stand-in/fill-stand-in.ts';
import type { StandIns } from '../stand-in/stand-ins.ts';
import { words } from '../../words.ts';

/** What the inline menu's handlers need. */
export interface InlineHandlerDeps {
  browser: WxtBrowser;
  session: VaultSession;
  sites: InlineSites;
  menus: InlineMenus;
  captures: Pending<Capture>;
  standIns: StandIns;
  now: () => number;
}

/** Keys a menu lists at most. */
const MAX_OFFERED = 50;

/** The content script's answer to a delivered pick. */
const PickAnswerSchema = z.object({ outcome: z.enum(PICK_OUTCOME_CODES) });

function originOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '').origin;
  } catch {
    return undefined;
  }
}

const refused = () => new BackgroundError('forbidden', words('errors.noOfferHere'));

/**
 * The address of the sender's tab. Firefox tells it only to extensions with access to
 * the site; then the top frame's own address is the tab's, and a subframe's tab is unknown.
 */
function topUrlOf(sender: SenderContext): string | undefined {
  return sender.tabUrl ?? (sender.frameId === 0 ? sender.frameUrl : undefined);
}

/** May the key of `provider` go into the sender's frame? Under an unknown tab, only as that provider's own console. */
function refusalFor(sender: SenderContext, provider: string): FillRefusal | undefined {
  const top = topUrlOf(sender);
  if (top) return fillRefusal(top, sender.frameUrl, provider);
  return pageRefusal(sender.frameUrl) ?? (consoleProviders(sender.frameUrl).includes(provider) ? undefined : 'foreign-frame');
}

/** The sender's frame as the browser reported it. @throws BackgroundError when it names none. */
function frameOf(sender: SenderContext): FrameRef {
  if (sender.tabId === undefined || sender.frameId === undefined) throw refused();
  return { tabId: sender.tabId, frameId: sender.frameId, ...(sender.documentId ? { documentId: sender.documentId } : {}) };
}

/** A content script's frame with its origin (Chrome reports the origin; Firefox only the URL). */
function ownerOf(sender: SenderContext): OwnerFrame {
  const origin = sender.origin ?? originOf(sender.frameUrl);
  if (!origin || origin === 'null') throw refused();
  return { ...frameOf(sender), origin };
}

/**
 * Can the menu opened for a frame of `origin` offer `entry`'s stand-in? A browser that
 * substitutes, a bindable site that is not a provider's own console (an app's, where a
 * stand-in is worth having), a key of a provider's own API.
 */
function standInFits(standIns: StandIns, origin: string, entry: Entry): boolean {
  return standIns.available && bindableSite(origin) !== undefined && consoleProviders(origin).length === 0 && !('refusal' in substitutionFor(entry));
}

/** Handlers for the inline menu and capture. */
export function inlineHandlers({ browser, session, sites, menus, captures, standIns, now }: InlineHandlerDeps) {
  async function requireOfferSite(sender: SenderContext): Promise<string> {
    const url = sender.frameUrl;
    if (!url || !(await sites.allowedAt(url))) throw refused();
    const top = topUrlOf(sender);
    const refusal = top ? pageRefusal(top) : undefined;
    if (refusal) throw new BackgroundError('fill-refused', words(FILL_REFUSALS[refusal]));
    return url;
  }

  return {
    inlineOpen: async ({ providers: hints }, sender) => {
      const url = await requireOfferSite(sender);
      const owner = ownerOf(sender);
      let fitting = curatedSiteProviders(url);
      // A frame of another site than its page (or under an unknown one) takes only the keys of the provider whose console it is.
      if (owner.origin !== originOf(topUrlOf(sender))) {
        fitting = consoleProviders(url);
        if (fitting.length === 0) throw new BackgroundError('fill-refused', words(FILL_REFUSALS['foreign-frame']));
      }
      return { menuId: menus.open(owner, { kind: 'fill', fitting, hints }) };
    },

    captureOpen: async ({ secret }, sender) => {
      const site = consoleProviders(sender.frameUrl);
      if (site.length === 0) throw new BackgroundError('forbidden', words('errors.captureConsolesOnly'));
      const exact = detectProvider(secret).filter(({ confidence }) => confidence === 'exact').map(({ provider }) => provider);
      const provider = exact.find((id) => site.includes(id)) ?? exact[0];
      if (!provider) throw new BackgroundError('invalid-input', words('errors.notAnApiKey'));
      return { menuId: menus.open(ownerOf(sender), { kind: 'capture', provider, secret: secret.trim() }) };
    },

    menuShow: async ({ menuId }, sender) => {
      const { owner, content } = menus.show(menuId, frameOf(sender));
      if (content.kind === 'capture') return { kind: 'capture' as const, provider: content.provider, masked: maskSecret(content.secret) };
      if ((await session.status()) !== 'unlocked') return { kind: 'fill' as const, state: 'locked' as const, site: owner.origin, keys: [] };
      const fitting = (payload: Parameters<typeof keysForSite>[0]) => keysForSite(payload, content.fitting, content.hints);
      const offered = await session.read((payload) => rememberedFirst(fitting(payload), (entry) => usedOnAt(entry.usedOn, owner.origin)).slice(0, MAX_OFFERED));
      const standInIds = offered.filter((entry) => standInFits(standIns, owner.origin, entry)).map(({ id }) => id);
      menus.offered(menuId, offered.map(({ id }) => id), standInIds);
      return {
        kind: 'fill' as const,
        state: 'unlocked' as const,
        site: owner.origin,
        keys: offered.map(({ id, name, provider, secret }) => ({ id, name, provider, masked: maskSecret(secret), standIn: standInIds.includes(id) })),
      };
    },

    menuPick: async ({ menuId, id, standIn = false }, sender) => {
      const { token, owner } = menus.pick(menuId, frameOf(sender), { entryId: id, standIn });
      const delivery: PickDelivery = { event: PICK_DELIVERY, menuId, token };
      const target = { frameId: owner.frameId, ...(owner.documentId ? { documentId: owner.documentId } : {}) };
      const answer = await browser.tabs.sendMessage(owner.tabId, delivery, target).catch(() => undefined);
      const parsed = PickAnswerSchema.safeParse(answer);
      return { outcome: parsed.success ? parsed.data.outcome : ('closed' as const) };
    },

    menuSave: async ({ menuId }, sender) => {
      const capture = menus.takeCapture(menuId, frameOf(sender));
      // Told only to the menu, our own frame: the page never learns what the vault holds.
      const savedAs = await session.read((payload) => payload.entries.find((entry) => entry.secret === capture.secret)?.name).catch(() => undefined);
      if (savedAs) return { savedAs };
      const token = captures.hold(capture);
      await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#capture=${token}`) });
      return {};
    },

    // A stand-in pick binds the site of the origin the menu was opened for (the redeemer's, checked equal) before the stand-in is handed over.
    inlineRedeem: async ({ token }, sender) => {
      await requireOfferSite(sender);
      const owner = ownerOf(sender);
      const { entryId, standIn } = menus.redeem(token, owner);
      const usable = (payload: Parameters<typeof entries.findEntry>[0]) => {
        const entry = entries.findEntry(payload, entryId);
        if (!entry.enabled) throw disabledKeyError(entry.name);
        const refusal = refusalFor(sender, entry.provider);
        if (refusal) throw new BackgroundError('fill-refused', words(FILL_REFUSALS[refusal]));
        return entry;
      };
      const value = standIn ? (await bindFrameSite({ browser, standIns }, await session.read(usable), owner.origin)).standIn : undefined;
      return session.mutate((payload) => {
        const entry = usable(payload);
        return { payload: entries.recordUse(payload, entryId, now(), owner.origin).payload, result: { secret: value ?? entry.secret } };
      });
    },
  } satisfies Partial<Handlers>;
}
