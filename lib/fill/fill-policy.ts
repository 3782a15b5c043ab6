/**
 * Where a key may be filled. The background applies these rules to the URLs the browser
 * reports for the sender's tab and frame, never to what a page says about itself.
 * @module
 */
import { findProvider } from '../providers/catalog.ts';
import { isLoopbackHost } from '../web/address.ts';

export type FillRefusal = 'insecure-page' | 'not-a-web-page' | 'foreign-frame' | 'unnamed-frame';

export const FILL_REFUSALS: Readonly<Record<FillRefusal, string>> = {
  'insecure-page': 'AI Key Vault fills keys only into https pages (or pages on this computer): this page could be read by anyone on the network.',
  'not-a-web-page': 'AI Key Vault fills keys only into web pages.',
  'foreign-frame': 'This field is in a frame from another site. AI Key Vault fills it only when that frame belongs to the key’s provider.',
  'unnamed-frame': 'AI Key Vault cannot tell which site this frame belongs to, so it does not fill it.',
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
