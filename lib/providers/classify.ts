/**
 * Reads a provider's answer to a check into an outcome: valid, invalid, no credit,
 * rate-limited (the key is fine), restricted (alive but blocked for this caller),
 * unreachable, or error (the provider's own words). A 5xx is the provider's trouble,
 * never the key's.
 * @module
 */
import type { AnswerReader, Provider } from './catalog.ts';

export type Outcome = 'valid' | 'invalid' | 'no-credit' | 'rate-limited' | 'restricted' | 'unreachable' | 'error';

export interface CheckResult {
  status: Outcome;
  message?: string;
  models?: string[];
  credit?: string;
}

/** What came back: an HTTP answer, or no answer at all. */
export type CheckAnswer =
  | { kind: 'response'; status: number; body: string }
  | { kind: 'failure'; reason: 'timeout' | 'network' | 'no-permission'; host: string };

const MAX_MODELS = 1000;
const MAX_MESSAGE = 300;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const get = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

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

function modelIds(list: unknown, field: 'id' | 'name'): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const ids = list
    .map((item) => get(item, field))
    .filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 200)
    .map((id) => id.replace(/^models\//, ''));
  return ids.slice(0, MAX_MODELS);
}

const money = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? `$${value.toFixed(2)}` : undefined;

/** What a successful answer says beyond "valid". */
function readSuccess(reader: AnswerReader, body: unknown): CheckResult {
  switch (reader) {
    case 'models-data':
      return { status: 'valid', ...optional('models', modelIds(get(body, 'data'), 'id')) };
    case 'models-array':
      return { status: 'valid', ...optional('models', modelIds(body, 'id')) };
    case 'models-names':
      return { status: 'valid', ...optional('models', modelIds(get(body, 'models'), 'name')) };
    case 'openrouter-key': {
      const data = get(body, 'data');
      const remaining = money(get(data, 'limit_remaining'));
      const limit = money(get(data, 'limit'));
      const usage = money(get(data, 'usage'));
      const credit = remaining ? `${remaining} left${limit ? ` of ${limit}` : ''}` : usage ? `${usage} used, no limit` : undefined;
      if (typeof get(data, 'limit_remaining') === 'number' && (get(data, 'limit_remaining') as number) <= 0) {
        return { status: 'no-credit', message: 'This key has used up its credit limit.', ...optional('credit', credit) };
      }
      return { status: 'valid', ...optional('credit', credit) };
    }
    case 'deepseek-balance': {
      const infos = get(body, 'balance_infos');
      const first = Array.isArray(infos) ? infos[0] : undefined;
      const amount = text(get(first, 'total_balance'));
      const credit = amount ? `${amount} ${text(get(first, 'currency')) ?? ''}`.trim() : undefined;
      if (get(body, 'is_available') === false) return { status: 'no-credit', message: 'The balance is used up.', ...optional('credit', credit) };
      return { status: 'valid', ...optional('credit', credit) };
    }
    case 'xai-key':
      if (get(body, 'api_key_blocked') === true || get(body, 'api_key_disabled') === true) {
        return { status: 'invalid', message: 'This key is blocked or disabled.' };
      }
      if (get(body, 'team_blocked') === true) return { status: 'restricted', message: 'The team of this key is blocked.' };
      return { status: 'valid' };
    case 'cohere-check':
      return get(body, 'valid') === false ? { status: 'invalid', message: 'Cohere says this key is not valid.' } : { status: 'valid' };
    case 'none':
      return { status: 'valid' };
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const GEMINI_RESTRICTED = /API_KEY_(SERVICE|HTTP_REFERRER|IP_ADDRESS|ANDROID_APP|IOS_APP)_BLOCKED/;

/** Classifies the answer to a check of a key of `provider`. */
export function classifyAnswer(provider: Provider, answer: CheckAnswer, secret: string): CheckResult {
  const local = !provider.needsKey;
  if (answer.kind === 'failure') {
    if (answer.reason === 'no-permission') {
      return { status: 'unreachable', message: `AI Key Vault may not contact ${answer.host}. Edit the key and allow access when asked.` };
    }
    const why = answer.reason === 'timeout' ? 'did not answer in time' : 'could not be reached';
    const hint = local ? ` Is ${provider.name} running?` : '';
    return { status: 'unreachable', message: `${answer.host} ${why}.${hint}` };
  }
  const { status, body } = answer;
  const said = providerMessage(body, secret);
  const withMessage = (outcome: Outcome, fallback: string): CheckResult => ({ status: outcome, message: said ?? fallback });

  const probe = provider.validation.probeStatuses;
  if (probe?.includes(status)) return { status: 'valid' };
  if (status >= 200 && status < 300) {
    const result = readSuccess(provider.validation.reader, parseJson(body));
    return local && result.status === 'valid' ? { ...result, message: 'Running' } : result;
  }
  if (provider.id === 'ollama' && status === 403) {
    return {
      status: 'unreachable',
      message: 'Ollama refused the extension. Start it with OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* to allow it.',
    };
  }
  if (status >= 500) return withMessage('error', `${provider.name} is having trouble (HTTP ${status}); the key may be fine.`);
  if (status === 402) return withMessage('no-credit', 'No credit left on this account.');
  if (status === 429 || status === 498) {
    if (/insufficient_quota|billing/i.test(body)) return withMessage('no-credit', 'The account has no quota left.');
    return withMessage('rate-limited', 'Rate-limited right now; the key itself works.');
  }
  if (provider.id === 'gemini' && status === 403 && GEMINI_RESTRICTED.test(body)) {
    return withMessage('restricted', 'The key works but is restricted for this caller.');
  }
  if (provider.id === 'gemini' && status === 400) {
    if (/API_KEY_INVALID/.test(body)) return withMessage('invalid', 'The key is not valid.');
    if (/FAILED_PRECONDITION/.test(body)) return withMessage('restricted', 'The key works but not from this region.');
  }
  // A key without a scope (OpenAI restricted keys, Anthropic's permission_error) is alive.
  if (status === 403 && /permission|scope/i.test(body)) return withMessage('restricted', 'The key works but lacks a permission.');
  if (status === 401 || status === 403) return withMessage('invalid', 'The provider refused this key.');
  if (status === 400 && provider.id === 'xai') return withMessage('invalid', 'The provider refused this key.');
  return withMessage('error', `Unexpected answer (HTTP ${status}).`);
}
