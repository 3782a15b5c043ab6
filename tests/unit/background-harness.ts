/**
 * Drives the real background (router, handlers, session) over WXT's in-memory fake
 * browser, as the pages and content scripts would.
 */
import { onTestFinished } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground, type Background, type BackgroundDeps } from '../../lib/background/create-background.ts';
import { secureRandomBytes } from '../../lib/crypto/random.ts';
import { FakeSyncArea } from './fake-sync-area.ts';
import type { MessageType, RequestOf, ResponseOf, Result } from '../../lib/messages.ts';
import { FAST_PARAMS } from './helpers.ts';
import { installFillFakes } from './fill-fakes.ts';
import { installStandInFakes } from './stand-in-fakes.ts';
import { mortal, type Stopped } from './mortal-browser.ts';

const ID = fakeBrowser.runtime.id;
export const PAGE = { id: ID, url: `chrome-extension://${ID}/options.html`, origin: `chrome-extension://${ID}` };
export const PAGE_IN_TAB = { ...PAGE, tab: { id: 7, index: 0 } };
export const CONTENT_SCRIPT = { id: ID, url: 'https://platform.example.com/keys', origin: 'https://platform.example.com', tab: { id: 3, index: 0 } };
export const OTHER_EXTENSION = { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' };

type IdleListener = (state: string) => void;
const idleListeners: IdleListener[] = [];

/** The fake browser has no idle API: give it one that tests can fire. */
function installIdle(): void {
  idleListeners.length = 0;
  (fakeBrowser as unknown as { idle: unknown }).idle = {
    onStateChanged: { addListener: (listener: IdleListener) => idleListeners.push(listener) },
  };
}

export function fireIdle(state: 'active' | 'idle' | 'locked'): void {
  for (const listener of idleListeners) listener(state);
}

export const clock = { now: 1_700_000_000_000 };

/** Access levels the background asked session storage for (the fake lacks the call). */
export const sessionAccessLevels: string[] = [];

/** A request the background sent to a provider. */
export interface SentRequest {
  url: string;
  init: RequestInit;
}

/** A fake network: answers by URL, records every request, can delay and count concurrency. */
export const network = {
  sent: [] as SentRequest[],
  delayMs: 0,
  inFlight: 0,
  maxInFlight: 0,
  answer: (_url: string, _init: RequestInit): Response | 'fail' => new Response('{"data":[]}', { status: 200 }),
  reset() {
    this.sent = [];
    this.delayMs = 0;
    this.inFlight = 0;
    this.maxInFlight = 0;
    this.answer = () => new Response('{"data":[]}', { status: 200 });
  },
};

const fakeFetch: typeof fetch = async (input, init = {}) => {
  const url = String(input);
  network.sent.push({ url, init });
  network.inFlight += 1;
  network.maxInFlight = Math.max(network.maxInFlight, network.inFlight);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, network.delayMs);
      init.signal?.addEventListener('abort', () => (clearTimeout(timer), reject(new DOMException('aborted', 'AbortError'))));
    });
    const answer = network.answer(url, init);
    if (answer === 'fail') throw new TypeError('Failed to fetch');
    return answer;
  } finally {
    network.inFlight -= 1;
  }
};

/** Parts of the background a test may set. */
export type TestDeps = Pick<BackgroundDeps, 'syncArea' | 'syncDelayMs' | 'sliceMs'>;

/** The background as tests build it: the fake browser, a fixed clock, the fake network. */
export function testBackground(deps: TestDeps = {}, stopped: Stopped = () => false): Background {
  return createBackground({
    browser: mortal(fakeBrowser, stopped),
    kdfParams: FAST_PARAMS,
    now: () => clock.now,
    random: secureRandomBytes,
    fetch: mortal(fakeFetch, stopped),
    mayContact: async (origin) => !origin.includes('forbidden.example'),
    checkTimeoutMs: 200,
    syncArea: mortal(deps.syncArea ?? new FakeSyncArea(), stopped),
    offscreen: null, // no clipboard here: tests/unit/clipboard-timer.test.ts and the e2e suite cover it
    ...(deps.syncDelayMs !== undefined ? { syncDelayMs: deps.syncDelayMs } : {}),
    ...(deps.sliceMs !== undefined ? { sliceMs: deps.sliceMs } : {}),
  });
}

/**
 * Starts a background as a fresh service worker would (storage is kept across calls);
 * without `standIns`, the browser has no declarativeNetRequest or webRequest (Firefox).
 * When the test ends the worker stops, as the browser would end it: nothing it still
 * does reaches the browser or the network of a later test.
 */
export function startWorker(deps: TestDeps = {}, { standIns = true } = {}): Background {
  let stopped = false;
  onTestFinished(() => void (stopped = true));
  fakeBrowser.runtime.onMessage.removeAllListeners();
  fakeBrowser.alarms.onAlarm.removeAllListeners();
  installIdle();
  installFillFakes();
  installStandInFakes(standIns);
  sessionAccessLevels.length = 0;
  Object.assign(fakeBrowser.storage.session, {
    setAccessLevel: async ({ accessLevel }: { accessLevel: string }) => void sessionAccessLevels.push(accessLevel),
  });
  const background = testBackground(deps, () => stopped);
  background.start();
  return background;
}

/** Sends a raw message from `sender` and returns the background's answer. */
export async function sendRaw(message: unknown, sender: object = PAGE): Promise<Result<unknown>> {
  let answer: (value: unknown) => void = () => undefined;
  const answered = new Promise((resolve) => (answer = resolve));
  await fakeBrowser.runtime.onMessage.trigger(message, sender as never, answer);
  return (await answered) as Result<unknown>;
}

export async function send<T extends MessageType>(type: T, data: RequestOf<T>, sender: object = PAGE) {
  return (await sendRaw({ type, data }, sender)) as Result<ResponseOf<T>>;
}

/** Sends and expects success. */
export async function must<T extends MessageType>(type: T, data: RequestOf<T>, sender: object = PAGE): Promise<ResponseOf<T>> {
  const answer = await send(type, data, sender);
  if (!answer.ok) throw new Error(`${type} failed: ${answer.code} ${answer.message}`);
  return answer.data;
}

/** Everything stored, local and session, as text. */
export async function storedText(): Promise<{ local: string; session: string }> {
  return {
    local: JSON.stringify(await fakeBrowser.storage.local.get(null)),
    session: JSON.stringify(await fakeBrowser.storage.session.get(null)),
  };
}
