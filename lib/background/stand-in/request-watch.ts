/**
 * What the browser tells of requests to the providers' APIs (webRequest: observing
 * only, never blocking or changing a request), handed to the stand-ins to count. The
 * listeners are added when the worker starts, so a request wakes a stopped worker.
 * @module
 */
import type { Browser, WxtBrowser } from 'wxt/browser';
import { API_HOST_PATTERNS } from '../../stand-in/substitution.ts';
import type { StandIns } from './stand-ins.ts';

type WebRequest = WxtBrowser['webRequest'];

const hostOf = (url: string | undefined) => {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
};

/** Hands every request of a page to a provider's API to `standIns`: set off, sent (with its headers), failed. */
export function watchRequests(webRequest: WebRequest, standIns: StandIns): void {
  // Only the providers' API hosts, and only what pages send themselves (fetch, XHR, EventSource).
  const filter = { urls: API_HOST_PATTERNS.map((host) => `https://${host}/*`), types: ['xmlhttprequest', 'other'] as unknown as Browser.webRequest.ResourceType[] };
  const facts = (details: { url: string; initiator?: string }) => ({ host: hostOf(details.url), initiatorHost: hostOf(details.initiator) });
  // A CORS preflight carries no key (the rules leave it alone): never counted.
  webRequest.onBeforeRequest.addListener((details) => {
    if (details.method !== 'OPTIONS') standIns.requestStarted(details.requestId, facts(details));
    return undefined;
  }, filter);
  webRequest.onSendHeaders.addListener(
    (details) => {
      if (details.method === 'OPTIONS') return;
      const headers = new Map((details.requestHeaders ?? []).map(({ name, value }) => [name.toLowerCase(), value ?? '']));
      standIns.requestSent(details.requestId, { ...facts(details), headers });
    },
    filter,
    // Chrome shows the headers as sent, the rules' changes included, only with extraHeaders.
    ['requestHeaders', 'extraHeaders'],
  );
  webRequest.onErrorOccurred.addListener((details) => standIns.requestFailed(details.requestId), filter);
}
