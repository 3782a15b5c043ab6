/**
 * What the browser does for a binding: on requests from the bound site to the key's API
 * host, it sets the key's header (the one the provider expects) to the real key. As a
 * declarativeNetRequest session rule, built here as plain data (no browser API).
 * @module
 */
import { findProvider } from '../providers/catalog.ts';
import { effectiveEndpoint } from '../providers/effective-endpoint.ts';
import { catalogHostPermissions } from '../providers/host-permissions.ts';
import type { Entry } from '../vault/payload-schema.ts';
import { isStandInProvider } from './site.ts';
import { words, type Words } from '../words.ts';

/** Where and how a key goes: its API host, the header, and the header's value (which holds the key). */
export interface Substitution {
  apiHost: string;
  header: string;
  value: string;
}

/** The shape of a declarativeNetRequest rule, as far as bindings use it. */
export interface SubstitutionRule {
  id: number;
  priority: number;
  action: { type: 'modifyHeaders'; requestHeaders: { header: string; operation: 'set'; value: string }[] };
  condition: {
    initiatorDomains: string[];
    requestDomains: string[];
    resourceTypes: ('xmlhttprequest' | 'other')[];
    excludedRequestMethods: 'options'[];
  };
}

/** The https API hosts the extension can reach from install (its host permissions): `api.openai.com`, `*.openai.azure.com`. */
export const API_HOST_PATTERNS: readonly string[] = catalogHostPermissions()
  .filter((pattern) => pattern.startsWith('https://'))
  .map((pattern) => pattern.slice('https://'.length, -'/*'.length));

/** Does `host` fall under one of the API host patterns? */
export function isCatalogApiHost(host: string): boolean {
  return API_HOST_PATTERNS.some((pattern) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern));
}

/** Is `host` the domain `domain` or one under it (how the browser's rules match domains)? */
export function withinDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** How `entry`'s key would be substituted, or the reason it cannot be, in words by reference. */
export function substitutionFor(entry: Entry): Substitution | { refusal: Words } {
  const provider = findProvider(entry.provider);
  if (!provider || !isStandInProvider(provider.id) || provider.validation.key === 'none') {
    return { refusal: provider ? words('errors.standInNoProvider', provider.name) : words('errors.standInUnknownProvider') };
  }
  if (!entry.secret) return { refusal: words('errors.standInNoSecret') };
  let apiHost: string;
  try {
    const url = new URL(effectiveEndpoint(provider, entry));
    apiHost = url.protocol === 'https:' ? url.hostname : '';
  } catch {
    apiHost = '';
  }
  if (!isCatalogApiHost(apiHost)) {
    return { refusal: words('errors.standInOtherEndpoint') };
  }
  const { key } = provider.validation;
  if (key === 'bearer') return { apiHost, header: 'authorization', value: `Bearer ${entry.secret}` };
  return { apiHost, header: key.header, value: entry.secret };
}

/**
 * The rule for one binding: requests from `site` (and hosts under it the extension may
 * also reach) to the API host get the header set. Requests the page makes itself only
 * (fetch, XHR, EventSource), never a CORS preflight, which carries no key.
 */
export function substitutionRule(ruleId: number, siteHost: string, substitution: Substitution): SubstitutionRule {
  return {
    id: ruleId,
    priority: 1,
    action: { type: 'modifyHeaders', requestHeaders: [{ header: substitution.header, operation: 'set', value: substitution.value }] },
    condition: {
      initiatorDomains: [siteHost],
      requestDomains: [substitution.apiHost],
      resourceTypes: ['xmlhttprequest', 'other'],
      excludedRequestMethods: ['options'],
    },
  };
}
