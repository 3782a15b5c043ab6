/**
 * Rules about web addresses that pages and background both need: which hosts never
 * leave this machine, the match pattern that grants a site, and a site as the user
 * typed it. No dependencies, so pages bundle it as it is.
 * @module
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Match patterns of this machine, allowed at install. */
export const LOOPBACK_PATTERNS = ['http://localhost/*', 'http://127.0.0.1/*', 'http://[::1]/*'];

/** True for hosts that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The match pattern that grants access to `url`'s host (any port). @throws TypeError for a malformed URL. */
export function hostPattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

/** The site of a match pattern: `https://example.com/*` → `https://example.com`. */
export function siteOfPattern(pattern: string): string {
  return pattern.replace(/\/\*$/, '');
}

/** The match pattern for a site as a person typed it (`chat.example.com` means https), or undefined when it is no address. */
export function patternOfTypedSite(typed: string): string | undefined {
  const text = typed.trim();
  try {
    return hostPattern(text.includes('://') ? text : `https://${text}`);
  } catch {
    return undefined;
  }
}

/** The origin a page at `url` is remembered under, or undefined for one that has none. */
export function siteOf(url: string | undefined): string | undefined {
  try {
    const { origin } = new URL(url ?? '');
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
