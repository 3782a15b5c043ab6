/**
 * What a successful answer to a check says beyond "the key works": its models, the
 * credit left, or a flag in the body that the key is blocked after all.
 * @module
 */
import type { AnswerReader } from './catalog.ts';
import type { CheckResult } from './classify.ts';
import { get, text } from './answer-json.ts';
import { words } from '../words.ts';

const MAX_MODELS = 1000;

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

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Reads the parsed body of a 2xx answer with the provider's reader. */
export function readSuccess(reader: AnswerReader, body: unknown): CheckResult {
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
      const credit = remaining ? (limit ? words('check.creditLeftOf', remaining, limit) : words('check.creditLeft', remaining)) : usage ? words('check.creditUsed', usage) : undefined;
      if (typeof get(data, 'limit_remaining') === 'number' && (get(data, 'limit_remaining') as number) <= 0) {
        return { status: 'no-credit', message: words('check.creditUsedUp'), ...optional('credit', credit) };
      }
      return { status: 'valid', ...optional('credit', credit) };
    }
    case 'deepseek-balance': {
      const infos = get(body, 'balance_infos');
      const first = Array.isArray(infos) ? infos[0] : undefined;
      const amount = text(get(first, 'total_balance'));
      const credit = amount ? `${amount} ${text(get(first, 'currency')) ?? ''}`.trim() : undefined;
      if (get(body, 'is_available') === false) return { status: 'no-credit', message: words('check.balanceUsedUp'), ...optional('credit', credit) };
      return { status: 'valid', ...optional('credit', credit) };
    }
    case 'xai-key':
      if (get(body, 'api_key_blocked') === true || get(body, 'api_key_disabled') === true) {
        return { status: 'invalid', message: words('check.blocked') };
      }
      if (get(body, 'team_blocked') === true) return { status: 'restricted', message: words('check.teamBlocked') };
      return { status: 'valid' };
    case 'cohere-check':
      return get(body, 'valid') === false ? { status: 'invalid', message: words('check.cohereInvalid') } : { status: 'valid' };
    case 'none':
      return { status: 'valid' };
  }
}
