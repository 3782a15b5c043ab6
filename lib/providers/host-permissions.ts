/**
 * The hosts the extension may contact from install: every catalog provider's API and
 * this machine. Any other endpoint is asked for when a key using it is saved.
 * @module
 */
import { LOOPBACK_PATTERNS } from '../web/address.ts';
import { PROVIDERS } from './catalog.ts';

/** Match patterns (ports are not part of them) for the manifest's host_permissions. */
export function catalogHostPermissions(): string[] {
  const patterns = new Set<string>(LOOPBACK_PATTERNS);
  for (const { defaultEndpoint } of PROVIDERS) {
    if (!defaultEndpoint) continue;
    // A templated host (Azure's {resource}) becomes a wildcard subdomain.
    const { protocol, hostname } = new URL(defaultEndpoint.replace(/\{\w+\}/g, 'x'));
    const host = defaultEndpoint.includes('{') ? hostname.replace(/^x\./, '*.') : hostname;
    if (protocol === 'https:') patterns.add(`https://${host}/*`);
  }
  return [...patterns];
}
