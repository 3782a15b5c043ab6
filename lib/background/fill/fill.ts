/**
 * Filling a key into a page the user acted on (popup, shortcut, context menu), through
 * `activeTab`: the background checks the page, injects the agent, asks it where the
 * field is, picks the key, checks the frame against that key, and only then hands the
 * one secret to the agent. Filling counts a use.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { AGENT_FILE, AGENT_GLOBAL, AGENT_REFUSALS, type FillAnswer, type LocateAnswer } from '../../fill/agent-protocol.ts';
import { FILL_REFUSALS, fillRefusal, pageRefusal } from '../../fill/fill-policy.ts';
import { consoleProviders } from '../../fill/sites.ts';
import * as entries from '../../vault/entries.ts';
import type { Entry, Payload } from '../../vault/payload-schema.ts';
import { BackgroundError } from '../errors.ts';
import type { VaultSession } from '../session/session.ts';

/** A tab and frame, as the browser reported them with the user's act. */
export interface FillTarget {
  tabId: number;
  tabUrl: string | undefined;
  frameId: number;
  /** The frame's URL when it is not the top frame. */
  frameUrl?: string;
}

/** Picks the key for a field from its hints (site first, then field); throws to refuse. */
export type ChooseKey = (payload: Payload, hints: string[]) => Entry;

export interface FillerDeps {
  browser: WxtBrowser;
  session: VaultSession;
  now: () => number;
}

const refused = (message: string) => new BackgroundError('fill-refused', message);

/** Fills keys into pages through the injected agent. */
export class Filler {
  constructor(private readonly deps: FillerDeps) {}

  async #callAgent<T>(target: FillTarget, method: 'locate' | 'fill', secret?: string): Promise<T> {
    const injection = { tabId: target.tabId, frameIds: [target.frameId] };
    try {
      await this.deps.browser.scripting.executeScript({ target: injection, files: [AGENT_FILE] });
      const [answer] = await this.deps.browser.scripting.executeScript({
        target: injection,
        func: (global: string, call: string, arg: string | null) =>
          (globalThis as unknown as Record<string, Record<string, (arg: string | null) => unknown>>)[global]![call]!(arg),
        args: [AGENT_GLOBAL, method, secret ?? null],
      });
      return answer?.result as T;
    } catch {
      throw refused('AI Key Vault cannot reach this page. Open it from the toolbar over the page (or use its shortcut), then fill.');
    }
  }

  /** Fills the key `choose` picks into the field the agent finds at `target`; returns that key. */
  async fillInto(target: FillTarget, choose: ChooseKey): Promise<Entry> {
    const { session, now } = this.deps;
    const pageProblem = pageRefusal(target.tabUrl) ?? (target.frameUrl ? pageRefusal(target.frameUrl) : undefined);
    if (pageProblem) throw refused(FILL_REFUSALS[pageProblem]);
    await session.read(() => undefined); // locked: say so before touching the page

    const located = await this.#callAgent<LocateAnswer>(target, 'locate');
    if (!located?.ok) throw refused(AGENT_REFUSALS[located?.reason ?? 'no-field']);
    const hints = [...consoleProviders(target.frameUrl ?? target.tabUrl), ...located.providers];
    const entry = await session.read((payload) => choose(payload, hints));
    const frameProblem = fillRefusal(target.tabUrl, target.frameUrl, entry.provider);
    if (frameProblem) throw refused(FILL_REFUSALS[frameProblem]);

    const filled = await this.#callAgent<FillAnswer>(target, 'fill', entry.secret);
    if (!filled?.ok) throw refused(AGENT_REFUSALS[filled?.reason ?? 'gone']);
    await session.mutate((payload) => ({ payload: entries.recordUse(payload, entry.id, now()).payload, result: undefined }));
    return entry;
  }
}
