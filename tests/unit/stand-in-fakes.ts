/**
 * The parts of the browser stand-in keys use, faked for the background harness: the
 * declarativeNetRequest session rules, and a network that applies them as Chromium 156
 * does (checked in tests/e2e/stand-in.spec.ts): a rule sets a header on requests from
 * an initiator under its initiator domain, to a host under its request domain, but only
 * when the extension has host access to the initiator; the webRequest events are told
 * of each request as it sets off and as it is sent, with the headers as sent.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SubstitutionRule } from '../../lib/stand-in/substitution.ts';
import { page } from './fill-fakes.ts';

type Listener = (details: Record<string, unknown>) => void;

function fakeEvent() {
  const listeners: Listener[] = [];
  return { addListener: (listener: Listener) => void listeners.push(listener), fire: (details: Record<string, unknown>) => listeners.forEach((listener) => listener(details)) };
}

/** The session rules as the browser holds them (they outlive a worker, not the browser). */
export const rules = new Map<number, SubstitutionRule>();
let events = { before: fakeEvent(), sent: fakeEvent(), failed: fakeEvent() };
let nextRequest = 1;

const within = (host: string, domains: string[]) => domains.some((domain) => host === domain || host.endsWith(`.${domain}`));

/** Wires the fakes into the fake browser (a new worker gets new listeners); without `available`, the APIs are absent, as in Firefox. */
export function installStandInFakes(available = true): void {
  const fake = fakeBrowser as unknown as Record<string, unknown>;
  if (!available) {
    fake.declarativeNetRequest = undefined;
    fake.webRequest = undefined;
    return;
  }
  fake.declarativeNetRequest = {
    getSessionRules: async () => [...rules.values()].map((rule) => structuredClone(rule)),
    updateSessionRules: async ({ removeRuleIds = [], addRules = [] }: { removeRuleIds?: number[]; addRules?: SubstitutionRule[] }) => {
      for (const id of removeRuleIds) rules.delete(id);
      for (const rule of addRules) {
        if (rules.has(rule.id)) throw new Error(`Rule with id ${rule.id} does not have a unique ID.`);
        rules.set(rule.id, structuredClone(rule));
      }
    },
  };
  events = { before: fakeEvent(), sent: fakeEvent(), failed: fakeEvent() };
  fake.webRequest = { onBeforeRequest: events.before, onSendHeaders: events.sent, onErrorOccurred: events.failed };
}

/** Forgets the rules (the browser restarted). */
export function resetRules(): void {
  rules.clear();
}

/**
 * A page at `initiator` sets off a request with `headers` to `url`: the browser decides
 * its header changes now (as Chromium does when a request starts) and tells the
 * extension; `send()` sends it later and returns the headers the server gets, `fail()`
 * ends it before that.
 */
export function startRequest(initiator: string, url: string, headers: Record<string, string>, method = 'POST'): { send: () => Record<string, string>; fail: () => void } {
  const requestId = String(nextRequest++);
  const from = new URL(initiator);
  const to = new URL(url);
  const sent = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  for (const rule of rules.values()) {
    const { condition, action } = rule;
    if (!within(from.hostname, condition.initiatorDomains) || !within(to.hostname, condition.requestDomains)) continue;
    if (condition.excludedRequestMethods.includes(method.toLowerCase() as 'options')) continue;
    if (!page.granted.has(`${from.protocol}//${from.hostname}/*`)) continue;
    for (const { header, value } of action.requestHeaders) sent[header] = value;
  }
  const details = { requestId, url, initiator: from.origin, method, type: 'xmlhttprequest' };
  events.before.fire(details);
  return {
    send: () => (events.sent.fire({ ...details, requestHeaders: Object.entries(sent).map(([name, value]) => ({ name, value })) }), sent),
    fail: () => events.failed.fire({ ...details, error: 'net::ERR_CONNECTION_RESET' }),
  };
}

/** A page at `initiator` sends `headers` to `url` at once: the headers the server gets. */
export function pageRequest(initiator: string, url: string, headers: Record<string, string>, method = 'POST'): Record<string, string> {
  return startRequest(initiator, url, headers, method).send();
}
