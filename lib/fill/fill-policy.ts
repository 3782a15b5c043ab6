/**
 * Where a key may be filled. The background applies these rules to the URLs the browser
 * reports for the sender's tab and frame, never to what a page says about itself.
 * @module
 */
import { findProvider } from '../providers/catalog.ts';
import { isLoopbackHost } from '../web/address.ts';
import type { MessageKey } from '../words.ts';

export type FillRefusal = 'insecure-page' | 'not-a-web-page' | 'foreign-frame' | 'unnamed-frame';

/** Why a page or frame gets no key, as the message the background tells the user. */
export const FILL_REFUSALS: Readonly<Record<FillRefusal, MessageKey>> = {
  'insecure-page': 'errors.fillInsecurePage',
  'not-a-web-page': 'errors.fillNotAWebPage',
  'foreign-frame': 'errors.fillForeignFrame',
  'unnamed-frame': 'errors.fillUnnamedFrame',
};

function parse(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Is this a page keys may be filled into: https, or http on this computer? */
export function pageRefusal(pageUrl: string | undefined): FillRefusal | undefined {
  const page = parse(pageUrl);
  if (!page || (page.protocol !== 'https:' && page.protocol !== 'http:')) return 'not-a-web-page';
  if (page.protocol === 'http:' && !isLoopbackHost(page.hostname)) return 'insecure-page';
  return undefined;
}

/**
 * May the key of `provider` go into a frame at `frameUrl` of a tab at `tabUrl`? The frame
 * must be the page's own origin, or a console of that very provider.
 */
export function fillRefusal(tabUrl: string | undefined, frameUrl: string | undefined, provider: string): FillRefusal | undefined {
  const refusal = pageRefusal(tabUrl) ?? pageRefusal(frameUrl ?? tabUrl);
  if (refusal) return refusal;
  const frameOrigin = parse(frameUrl ?? tabUrl)!.origin;
  if (frameOrigin === parse(tabUrl)!.origin) return undefined;
  return findProvider(provider)?.consoleOrigins.includes(frameOrigin) ? undefined : 'foreign-frame';
}
