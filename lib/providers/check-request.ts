/**
 * The request that checks a key, built from its provider's validation spec (the
 * administration read for an admin key). The key goes in a header (never in the URL)
 * and only to the key's own endpoint.
 * @module
 */
import type { Provider } from './catalog.ts';
import { checkSpec } from './admin-key.ts';
import { effectiveEndpoint, fieldValue, fillTemplate, type KeyTarget } from './effective-endpoint.ts';

export interface CheckRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** @throws EndpointError when the key's endpoint or fields cannot make a safe request. */
export function buildCheckRequest(provider: Provider, target: KeyTarget & { secret: string }): CheckRequest {
  const spec = checkSpec(provider, target.secret);
  const url = effectiveEndpoint(provider, target) + fillTemplate(spec.path, provider, target.fields);
  const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
  // A key saved without a secret (a local server without authentication) sends no key header.
  if (target.secret && spec.key !== 'none') {
    if (spec.key === 'bearer') headers.authorization = `Bearer ${target.secret}`;
    else headers[spec.key.header] = target.secret;
  }
  for (const [id, header] of Object.entries(spec.fieldHeaders ?? {})) {
    if (target.fields[id]) headers[header] = fieldValue(provider, target.fields, id);
  }
  const request: CheckRequest = { url, method: spec.method, headers };
  if (spec.body !== undefined) {
    headers['content-type'] = 'application/json';
    request.body = JSON.stringify(spec.body);
  }
  return request;
}
