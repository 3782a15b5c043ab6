/**
 * The sites, beyond the curated list, where the user turned the inline offer on: one
 * registered content script whose match patterns are those sites. The browser keeps the
 * registration across restarts; the site's host permission was granted by the user.
 * @module
 */
import { browser } from 'wxt/browser';
import { hostPattern } from '../providers/host-permissions.ts';
import { pageRefusal, FILL_REFUSALS } from '../fill/fill-policy.ts';
import { curatedOrigins } from '../fill/sites.ts';
import { BackgroundError } from './errors.ts';

const SCRIPT_ID = 'inline-offer-sites';
export const INLINE_SCRIPT_FILE = 'content-scripts/inline.js';

/** The site for a match pattern: `https://example.com/*` → `https://example.com`. */
const siteOf = (pattern: string) => pattern.replace(/\/\*$/, '');

async function registeredPatterns(): Promise<string[]> {
  const [script] = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  return script?.matches ?? [];
}

async function register(patterns: string[]): Promise<string[]> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (patterns.length === 0) {
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  } else {
    const script = { id: SCRIPT_ID, matches: patterns, js: [INLINE_SCRIPT_FILE], allFrames: true, runAt: 'document_idle' as const, persistAcrossSessions: true };
    await (existing.length > 0 ? browser.scripting.updateContentScripts([script]) : browser.scripting.registerContentScripts([script]));
  }
  return patterns.map(siteOf).sort();
}

export async function inlineSites(): Promise<string[]> {
  return (await registeredPatterns()).map(siteOf).sort();
}

/** The match pattern for a site the user typed or chose. @throws BackgroundError for a page keys must not go to. */
function patternFor(site: string): string {
  const refusal = pageRefusal(site);
  if (refusal) throw new BackgroundError('invalid-input', FILL_REFUSALS[refusal]);
  return hostPattern(site);
}

export async function enableInlineSite(site: string): Promise<string[]> {
  const pattern = patternFor(site);
  if (!(await browser.permissions.contains({ origins: [pattern] }))) {
    throw new BackgroundError('forbidden', `Allow AI Key Vault to read ${siteOf(pattern)} first.`);
  }
  const patterns = await registeredPatterns();
  return register(patterns.includes(pattern) ? patterns : [...patterns, pattern]);
}

export async function disableInlineSite(site: string): Promise<string[]> {
  const pattern = patternFor(site);
  return register((await registeredPatterns()).filter((candidate) => candidate !== pattern));
}

/** Is the inline offer meant to run on the page at `url` (curated, or turned on by the user)? */
export async function inlineAllowedAt(url: string | undefined): Promise<boolean> {
  if (!url || pageRefusal(url)) return false;
  if (curatedOrigins().includes(new URL(url).origin)) return true;
  return (await registeredPatterns()).includes(hostPattern(url));
}
