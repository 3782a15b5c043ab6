/**
 * Rules for a base-URL override: https anywhere, http only on loopback, no
 * credentials, query or fragment in the URL.
 * @module
 */
import { isLoopbackHost } from '../web/address.ts';

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
