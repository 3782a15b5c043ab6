/**
 * The request that checks a key, built from its provider's validation spec. The key
 * goes in a header (never in the URL) and only to the key's own endpoint.
 * @module
 */
import type { Provider } from './catalog.ts';
import { effectiveEndpoint, fillTemplate, type KeyTarget } from './effective-endpoint.ts';

export interface CheckRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** @throws Error when the key's endpoint or fields cannot make a safe request. */
export function buildCheckRequest(provider: Provider, target: KeyTarget & { secret: string }): CheckRequest {
  const spec = provider.validation;
  const url = effectiveEndpoint(provider, target) + fillTemplate(spec.path, provider, target.fields);
  const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
  if (spec.key === 'bearer') headers.authorization = `Bearer ${target.secret}`;
  else if (spec.key !== 'none') headers[spec.key.header] = target.secret;
  // A key saved without a secret (local servers) still gets the bearer header only when it has one.
  if (spec.key === 'bearer' && !target.secret) delete headers.authorization;
  const request: CheckRequest = { url, method: spec.method, headers };
  if (spec.body !== undefined) {
    headers['content-type'] = 'application/json';
    request.body = JSON.stringify(spec.body);
  }
  return request;
}
