/**
 * Requests for usage and revoking, built like a check request: to the key's own endpoint,
 * the key in the header its provider expects (never in the URL). Ids that come from a
 * provider's answer go into the path only when they are plain ids, so an answer cannot
 * steer a request elsewhere (`../`, `?`, `#`, `/`).
 * @module
 */
import type { Provider } from '../catalog.ts';
import { checkSpec } from '../admin-key.ts';
import { EndpointError, effectiveEndpoint, type KeyTarget } from '../effective-endpoint.ts';
import type { ProviderRequest } from '../provider-request.ts';
import { SpendError } from './spend-error.ts';
import { words } from '../../words.ts';

/** A key and where it lives. */
export type SpendKey = KeyTarget & { secret: string };

const PLAIN_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.:-]{0,199}$/;

/** `id` if it is a plain id (letters, digits, `_ - . :`, not starting with a dot). @throws SpendError otherwise. */
export function plainId(id: unknown): string {
  if (typeof id !== 'string' || !PLAIN_ID.test(id)) throw new SpendError(words('spendErrors.unsafeId'));
  return id;
}

export interface SpendRequestOptions {
  method?: ProviderRequest['method'];
  /** `{name}` placeholders of the path. */
  ids?: Readonly<Record<string, string>>;
  /** Query parameters; an array value repeats the parameter. */
  query?: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;
  body?: unknown;
}

/** The key's base URL. @throws SpendError when it breaks the endpoint rules (the message never repeats the URL). */
function baseUrl(provider: Provider, key: SpendKey): string {
  try {
    return effectiveEndpoint(provider, key);
  } catch (error) {
    throw error instanceof EndpointError ? new SpendError(error.words) : error;
  }
}

/** The request for `path` with `key`. @throws SpendError for an endpoint that breaks the rules or an unsafe id. */
export function spendRequest(provider: Provider, key: SpendKey, path: string, options: SpendRequestOptions = {}): ProviderRequest {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(plainId(options.ids?.[name])));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, String(one));
  }
  const query = search.toString() ? `?${search}` : '';
  const spec = checkSpec(provider, key.secret);
  const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
  if (spec.key === 'bearer') headers.authorization = `Bearer ${key.secret}`;
  else if (spec.key !== 'none') headers[spec.key.header] = key.secret;
  const request: ProviderRequest = { url: baseUrl(provider, key) + filled + query, method: options.method ?? 'GET', headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    request.body = JSON.stringify(options.body);
  }
  return request;
}
