/**
 * Reads a provider's answer to a check into an outcome: valid, invalid, no credit,
 * rate-limited (the key is fine), restricted (alive but blocked for this caller),
 * unreachable, or error (the provider's own words). A 5xx is the provider's trouble,
 * never the key's. Answers a provider words in its own way are read by its rules
 * (answer-rules.ts) before the status code is.
 * @module
 */
import type { Provider } from './catalog.ts';
import { checkSpec, isAdminKey } from './admin-key.ts';
import { findRule } from './answer-rules.ts';
import { get, parseJson, text } from './answer-json.ts';
import { readSuccess } from './read-success.ts';
import { words, type TextOrWords } from '../words.ts';

export type Outcome = 'valid' | 'invalid' | 'no-credit' | 'rate-limited' | 'restricted' | 'unreachable' | 'error';

export interface CheckResult {
  status: Outcome;
  /** The provider's own text, or our words (the background says them as it stores the result). */
  message?: TextOrWords;
  models?: string[];
  credit?: TextOrWords;
  /** `leaked`: the provider reported the key as leaked. */
  reason?: 'leaked';
  /** The key is an organization admin key. */
  admin?: true;
}

/** What came back: an HTTP answer, or no answer at all. */
export type CheckAnswer =
  | { kind: 'response'; status: number; body: string }
  | { kind: 'failure'; reason: 'timeout' | 'network' | 'no-permission'; host: string };

const MAX_MESSAGE = 300;

/** The provider's own error text, shortened, with the key itself blanked out. */
export function providerMessage(body: string, secret: string): string | undefined {
  const json = parseJson(body);
  const error = get(json, 'error');
  const found =
    text(get(error, 'message')) ?? text(error) ?? text(get(json, 'message')) ?? text(get(json, 'detail')) ?? (json === undefined ? text(body.slice(0, MAX_MESSAGE)) : undefined);
  if (!found) return undefined;
  const safe = secret.length >= 6 ? found.split(secret).join('[key]') : found;
  return safe.length > MAX_MESSAGE ? `${safe.slice(0, MAX_MESSAGE - 1)}…` : safe;
}

function classifyResponse(provider: Provider, status: number, body: string, secret: string): CheckResult {
  const local = !provider.needsKey;
  const spec = checkSpec(provider, secret);
  const said = providerMessage(body, secret);
  const withMessage = (outcome: Outcome, fallback: TextOrWords): CheckResult => ({ status: outcome, message: said ?? fallback });

  if (spec.probeStatuses?.includes(status)) return { status: 'valid' };
  if (status >= 200 && status < 300) {
    const result = readSuccess(spec.reader, parseJson(body));
    return local && result.status === 'valid' ? { ...result, message: words('status.running') } : result;
  }
  if (provider.id === 'ollama' && status === 403) return { status: 'unreachable', message: words('check.ollamaRefused') };
  if (status >= 500) return withMessage('error', words('check.providerTrouble', provider.name, status));
  const rule = findRule(provider.id, status, body);
  if (rule) {
    return { status: rule.outcome, message: rule.message ?? said ?? rule.fallback ?? words('check.httpStatus', status), ...(rule.reason ? { reason: rule.reason } : {}) };
  }
  // A local server that asks for a token when none is saved runs fine; it only wants the token.
  if (local && !secret && spec.key !== 'none' && (status === 401 || status === 403)) {
    return withMessage('restricted', words('check.asksForToken', provider.name));
  }
  if (status === 402) return withMessage('no-credit', words('check.noCredit'));
  if (status === 429 || status === 498) {
    if (/insufficient_quota|billing/i.test(body)) return withMessage('no-credit', words('check.noQuota'));
    return withMessage('rate-limited', words('check.rateLimited'));
  }
  // A key without a scope (Anthropic's permission_error, scoped keys elsewhere) is alive.
  if (status === 403 && /permission|scope/i.test(body)) return withMessage('restricted', words('check.lacksPermission'));
  if (status === 401 || status === 403) return withMessage('invalid', words('check.refused'));
  return withMessage('error', words('check.unexpected', status));
}

function classifyFailure(provider: Provider, answer: Extract<CheckAnswer, { kind: 'failure' }>): CheckResult {
  if (answer.reason === 'no-permission') return { status: 'unreachable', message: words('check.mayNotContact', answer.host) };
  const timedOut = answer.reason === 'timeout';
  if (!provider.needsKey) return { status: 'unreachable', message: words(timedOut ? 'check.timedOutLocal' : 'check.unreachableLocal', answer.host, provider.name) };
  return { status: 'unreachable', message: words(timedOut ? 'network.timedOut' : 'network.unreachable', answer.host) };
}

/** Classifies the answer to a check of the key `secret` of `provider`. */
export function classifyAnswer(provider: Provider, answer: CheckAnswer, secret: string): CheckResult {
  const result = answer.kind === 'failure' ? classifyFailure(provider, answer) : classifyResponse(provider, answer.status, answer.body, secret);
  if (!isAdminKey({ provider: provider.id, secret })) return result;
  const adminNote = result.status === 'valid' ? { message: words('check.adminKey') } : {};
  return { ...result, ...adminNote, admin: true };
}
