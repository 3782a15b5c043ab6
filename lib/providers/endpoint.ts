/**
 * Rules for a base-URL override: https anywhere, http only on loopback, no
 * credentials, query or fragment in the URL.
 * @module
 */
import { isLoopbackHost } from '../web/address.ts';
import { words, type Words } from '../words.ts';

/**
 * Returns why `text` is not an acceptable endpoint, or null when it is.
 * The message never repeats the URL (it could contain a pasted secret).
 */
export function endpointProblem(text: string): Words | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return words('keyProblems.endpointNotUrl');
  }
  if (url.username || url.password) return words('keyProblems.endpointCredentials');
  if (url.search || url.hash) return words('keyProblems.endpointQuery');
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  if (url.protocol === 'http:') return words('keyProblems.endpointHttp');
  return words('keyProblems.endpointScheme');
}
