/**
 * The leak scan: after every scenario, everything the browser kept or said — stored
 * data (`storage.local`, `storage.session`, `storage.sync`), the console of every page and of the
 * worker, and every network request — is searched for the scenario's passphrases, key
 * names, keys and stand-ins. A key may appear only in a request to its own endpoint; a
 * stand-in only in requests to its provider and the sites it was given to, and no
 * stand-in (anything with a stand-in's marker) is ever stored in the clear or logged;
 * nothing else may appear anywhere.
 */
import type { BrowserContext, Request, Worker } from '@playwright/test';
import { containsStandIn } from '../../lib/stand-in/stand-in-token.ts';

interface Watched {
  /** Each key or stand-in, with the origins that may receive it. */
  secrets: Map<string, Set<string>>;
  /** Passphrases and key names: never anywhere. */
  texts: Set<string>;
}

const watched: Watched = { secrets: new Map(), texts: new Set() };

/** A key the scenario saved, and where it may be sent (its endpoint). */
export function watchSecret(secret: string, endpoint: string): void {
  watched.secrets.set(secret, new Set([new URL(endpoint).origin]));
}

/** A stand-in the scenario was given, and the origins it may travel to (its provider's API, the sites it went into). */
export function watchStandIn(standIn: string, ...origins: string[]): void {
  watched.secrets.set(standIn, new Set(origins.map((origin) => new URL(origin).origin)));
}

/** A passphrase or a key name the scenario typed. */
export function watchText(text: string): void {
  watched.texts.add(text);
}

/** One thing the browser kept or said, and where. */
export interface Seen {
  where: string;
  text: string;
  /** For requests: the origin they went to. */
  origin?: string;
}

/** Forgets what earlier scenarios asked to watch. */
export function resetWatched(): void {
  watched.secrets.clear();
  watched.texts.clear();
}

/** Starts recording a context; the returned function scans and returns what leaked. */
export function recordForLeaks(context: BrowserContext): () => Promise<string[]> {
  const seen: Seen[] = [];
  const onRequest = async (request: Request) => {
    const headers = await request.allHeaders().catch(() => request.headers());
    seen.push({ where: `request ${request.method()} ${request.url()}`, text: request.url(), origin: new URL(request.url()).origin });
    seen.push({ where: `request headers to ${request.url()}`, text: JSON.stringify(headers), origin: new URL(request.url()).origin });
    seen.push({ where: `request body to ${request.url()}`, text: request.postData() ?? '', origin: new URL(request.url()).origin });
  };
  const watchWorker = (worker: Worker) => worker.on('console', (message) => seen.push({ where: 'worker console', text: message.text() }));
  context.on('request', (request) => void onRequest(request));
  context.on('console', (message) => seen.push({ where: `console of ${message.location().url}`, text: message.text() }));
  context.serviceWorkers().forEach(watchWorker);
  context.on('serviceworker', watchWorker);

  return async () => {
    const worker = context.serviceWorkers()[0];
    if (worker) {
      const stored = await worker
        .evaluate(async () => ({ local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null), sync: await chrome.storage.sync.get(null) }))
        .catch(() => undefined);
      if (stored) {
        seen.push({ where: 'storage.local', text: JSON.stringify(stored.local) });
        seen.push({ where: 'storage.session', text: JSON.stringify(stored.session) });
        seen.push({ where: 'storage.sync', text: JSON.stringify(stored.sync) });
      }
    }
    return findLeaks(seen);
  };
}

/** The watched passphrases, names and keys found in what was seen, as readable lines. */
export function findLeaks(seen: readonly Seen[]): string[] {
  const leaks: string[] = [];
  for (const { where, text, origin } of seen) {
    for (const plain of watched.texts) if (text.includes(plain)) leaks.push(`“${plain}” in ${where}`);
    const inRequest = where.startsWith('request ');
    const inUrl = inRequest && !where.startsWith('request headers') && !where.startsWith('request body');
    for (const [secret, allowed] of watched.secrets) {
      if (text.includes(secret) && (!allowed.has(origin ?? '') || inUrl)) leaks.push(`a key (${secret.slice(0, 6)}…) in ${where}`);
    }
    if (!inRequest && containsStandIn(text)) leaks.push(`a stand-in in ${where}`);
  }
  return leaks;
}
