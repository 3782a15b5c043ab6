/**
 * Which providers and sites stand-ins are for, and what of a site the browser's rules
 * can tell apart: scheme and host, not the port. Pages and background both use this, so
 * it has no dependencies but the address rules.
 * @module
 */
import { isLoopbackHost } from '../web/address.ts';

/** The providers a stand-in can be made for: those with a key shape (`stand-in-token.ts`) and an API of their own. */
export const STAND_IN_PROVIDERS = ['openai', 'anthropic', 'gemini', 'mistral', 'groq', 'openrouter', 'xai', 'deepseek', 'together', 'fireworks', 'perplexity', 'cohere', 'azure-openai'] as const;
export type StandInProvider = (typeof STAND_IN_PROVIDERS)[number];

/** Can a key of `provider` have a stand-in? */
export function isStandInProvider(provider: string): provider is StandInProvider {
  return (STAND_IN_PROVIDERS as readonly string[]).includes(provider);
}

/**
 * The site a page at `url` binds: `https://host`, or `http://host` on this computer.
 * Undefined for anything else (plain http elsewhere, extension pages, files).
 */
export function bindableSite(url: string | undefined): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    return undefined;
  }
  const { protocol, hostname } = parsed;
  if (protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(hostname))) return `${protocol}//${hostname}`;
  return undefined;
}

/** The host of a bound site. */
export function siteHost(site: string): string {
  return new URL(site).hostname;
}
