/**
 * Rules for a base-URL override: https anywhere, http only on loopback, no
 * credentials, query or fragment in the URL.
 * @module
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for hosts that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Returns why `text` is not an acceptable endpoint, or null when it is.
 * The message never repeats the URL (it could contain a pasted secret).
 */
export function endpointProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Endpoint must be a full URL such as https://api.example.com/v1';
  }
  if (url.username || url.password) return 'Endpoint must not contain a user name or password';
  if (url.search || url.hash) return 'Endpoint must not contain a query or fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  if (url.protocol === 'http:') return 'Endpoint must use https (http is allowed only on localhost)';
  return 'Endpoint must use https';
}
