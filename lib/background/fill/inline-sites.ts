/**
 * The sites, beyond the curated list, where the user turned the inline offer on: one
 * registered content script whose match patterns are those sites. The browser keeps the
 * registration across restarts; the site's host permission was granted by the user.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import { hostPattern, siteOfPattern } from '../../web/address.ts';
import { pageRefusal, FILL_REFUSALS } from '../../fill/fill-policy.ts';
import { curatedOrigins } from '../../fill/sites.ts';
import { BackgroundError } from '../errors.ts';
import { words } from '../../words.ts';

const SCRIPT_ID = 'inline-offer-sites';
export const INLINE_SCRIPT_FILE = 'content-scripts/inline.js';

/** The match pattern for a site the user typed or chose. @throws BackgroundError for a page keys must not go to. */
function patternFor(site: string): string {
  const refusal = pageRefusal(site);
  if (refusal) throw new BackgroundError('invalid-input', words(FILL_REFUSALS[refusal]));
  return hostPattern(site);
}

/** The user's own list of sites for the inline offer, kept as a registered content script. */
export class InlineSites {
  constructor(private readonly browser: WxtBrowser) {}

  async #patterns(): Promise<string[]> {
    const [script] = await this.browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    return script?.matches ?? [];
  }

  async #register(patterns: string[]): Promise<string[]> {
    const { scripting } = this.browser;
    const existing = await scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (patterns.length === 0) {
      if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    } else {
      const script = { id: SCRIPT_ID, matches: patterns, js: [INLINE_SCRIPT_FILE], allFrames: true, runAt: 'document_idle' as const, persistAcrossSessions: true };
      await (existing.length > 0 ? scripting.updateContentScripts([script]) : scripting.registerContentScripts([script]));
    }
    return patterns.map(siteOfPattern).sort();
  }

  /** The sites the user turned the offer on for. */
  async list(): Promise<string[]> {
    return (await this.#patterns()).map(siteOfPattern).sort();
  }

  /** Turns the offer on for `site`, whose host permission the user granted. @throws BackgroundError otherwise. */
  async enable(site: string): Promise<string[]> {
    const pattern = patternFor(site);
    if (!(await this.browser.permissions.contains({ origins: [pattern] }))) {
      throw new BackgroundError('forbidden', words('errors.allowSiteFirst', siteOfPattern(pattern)));
    }
    const patterns = await this.#patterns();
    return this.#register(patterns.includes(pattern) ? patterns : [...patterns, pattern]);
  }

  /** Turns the offer off for `site`. */
  async disable(site: string): Promise<string[]> {
    const pattern = patternFor(site);
    return this.#register((await this.#patterns()).filter((candidate) => candidate !== pattern));
  }

  /** Is the inline offer meant to run on the page at `url` (curated, or turned on by the user)? */
  async allowedAt(url: string | undefined): Promise<boolean> {
    if (!url || pageRefusal(url)) return false;
    if (curatedOrigins().includes(new URL(url).origin)) return true;
    return (await this.#patterns()).includes(hostPattern(url));
  }
}
