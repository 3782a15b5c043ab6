/**
 * Filling a key into a page the user acted on (popup, shortcut, context menu), through
 * `activeTab`: the background checks the page, injects the agent, asks it where the
 * field is, picks the key, checks the frame against that key and the agent's own word on
 * its origin against the browser's, and only then hands the one secret to the agent —
 * in the very document that answered (Chrome), and to an agent that fills only in the
 * origin it is told (everywhere). Filling counts a use, and the key remembers the site.
 * @module
 */
import type { Browser, WxtBrowser } from 'wxt/browser';
import { AGENT_FILE, AGENT_GLOBAL, AGENT_REFUSALS, type FillAnswer, type LocateAnswer } from '../../fill/agent-protocol.ts';
import { FILL_REFUSALS, fillRefusal, pageRefusal } from '../../fill/fill-policy.ts';
import { consoleProviders } from '../../fill/sites.ts';
import * as entries from '../../vault/entries.ts';
import type { Entry, Payload } from '../../vault/payload-schema.ts';
import { BackgroundError } from '../errors.ts';
import type { VaultSession } from '../session/session.ts';
import { words, type MessageKey } from '../../words.ts';

/** A tab and frame, as the browser reported them with the user's act. */
export interface FillTarget {
  tabId: number;
  tabUrl: string | undefined;
  frameId: number;
  /** The frame's URL when it is not the top frame (without it, nothing is filled there). */
  frameUrl?: string;
}

/** Picks the key for a field from its hints (site first, then field); throws to refuse. */
export type ChooseKey = (payload: Payload, hints: string[]) => Entry;

/** What goes into the field for a key, given the checked frame's origin (a stand-in); throws to refuse. */
export type FillValue = (entry: Entry, frameOrigin: string) => Promise<string>;

export interface FillerDeps {
  browser: WxtBrowser;
  session: VaultSession;
  now: () => number;
}

type AgentCall = { method: 'locate'; params: [] } | { method: 'fill'; params: [secret: string, expectedOrigin: string] };

const refused = (message: MessageKey) => new BackgroundError('fill-refused', words(message));
const UNREACHABLE: MessageKey = 'errors.fillUnreachable';

/** Fills keys into pages through the injected agent. */
export class Filler {
  constructor(private readonly deps: FillerDeps) {}

  // Injects the agent into `where` (it stays for the next step) and calls it there; the
  // answer comes with the document that gave it, where the browser reports one (Chrome 106+).
  async #callAgent<T>(where: Browser.scripting.InjectionTarget, { method, params }: AgentCall, failure: MessageKey): Promise<{ answer: T; documentId: string | undefined }> {
    const { scripting } = this.deps.browser;
    try {
      await scripting.executeScript({ target: where, files: [AGENT_FILE] });
      const [called] = await scripting.executeScript({
        target: where,
        func: (global: string, call: string, args: string[]) =>
          (globalThis as unknown as Record<string, Record<string, (...args: string[]) => unknown>>)[global]![call]!(...args),
        args: [AGENT_GLOBAL, method, params],
      });
      return { answer: called?.result as T, documentId: called?.documentId };
    } catch {
      throw refused(failure);
    }
  }

  /**
   * Fills the key `choose` picks (or what `valueFor` makes of it) into the field the
   * agent finds at `target`; returns that key.
   */
  async fillInto(target: FillTarget, choose: ChooseKey, valueFor?: FillValue): Promise<Entry> {
    const { session, now } = this.deps;
    const { tabId, tabUrl, frameId } = target;
    // A frame whose address the browser did not report could be any site's.
    if (frameId !== 0 && !target.frameUrl) throw refused(FILL_REFUSALS['unnamed-frame']);
    const frameUrl = target.frameUrl ?? tabUrl;
    const pageProblem = pageRefusal(tabUrl) ?? pageRefusal(frameUrl);
    if (pageProblem) throw refused(FILL_REFUSALS[pageProblem]);
    const frameOrigin = new URL(frameUrl!).origin; // parsed by pageRefusal
    await session.read(() => undefined); // locked: say so before touching the page

    const frame = { tabId, frameIds: [frameId] };
    const { answer: located, documentId } = await this.#callAgent<LocateAnswer>(frame, { method: 'locate', params: [] }, UNREACHABLE);
    if (!located?.ok) throw refused(AGENT_REFUSALS[located?.reason ?? 'no-field']);
    const hints = [...consoleProviders(frameUrl), ...located.providers];
    const entry = await session.read((payload) => choose(payload, hints));
    const frameProblem = fillRefusal(tabUrl, target.frameUrl, entry.provider);
    if (frameProblem) throw refused(FILL_REFUSALS[frameProblem]);
    // The agent runs where the browser said the frame was, or the page moved on meanwhile.
    if (located.origin !== frameOrigin) throw refused(AGENT_REFUSALS.moved);

    // From here on, the document that answered, not whatever the frame holds by now;
    // Firefox cannot target a document: there the agent itself refuses another origin.
    const sameDocument = documentId ? { tabId, documentIds: [documentId] } : frame;
    const value = valueFor ? await valueFor(entry, frameOrigin) : entry.secret;
    const { answer: filled } = await this.#callAgent<FillAnswer>(sameDocument, { method: 'fill', params: [value, frameOrigin] }, AGENT_REFUSALS.moved);
    if (!filled?.ok) throw refused(AGENT_REFUSALS[filled?.reason ?? 'gone']);
    await session.mutate((payload) => ({ payload: entries.recordUse(payload, entry.id, now(), frameOrigin).payload, result: undefined }));
    return entry;
  }
}
