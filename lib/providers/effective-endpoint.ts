/**
 * The base URL a key's requests go to: its override, or its provider's default, with
 * `{field}` placeholders filled from the key's fields.
 * @module
 */
import type { Provider } from './catalog.ts';
import { endpointProblem } from './endpoint.ts';

/** Field values placed into URLs and headers: no character that could change the host, path or header. */
const SAFE_VALUE = /^[A-Za-z0-9._-]{1,100}$/;

export interface KeyTarget {
  endpoint?: string | undefined;
  fields: Readonly<Record<string, string>>;
}

/**
 * A field's value (or its default) for a URL or a header.
 * @throws Error naming the field when it is missing or holds a character that could change the request.
 */
export function fieldValue(provider: Provider, fields: Readonly<Record<string, string>>, id: string): string {
  const field = provider.fields.find((f) => f.id === id);
  const value = fields[id] || field?.default || '';
  if (!SAFE_VALUE.test(value)) throw new Error(`${field?.label ?? id} must be letters, digits, dots or dashes`);
  return value;
}

/** Fills `{field}` placeholders. @throws Error naming the field that is missing or unsafe. */
export function fillTemplate(template: string, provider: Provider, fields: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, id: string) => fieldValue(provider, fields, id));
}

/**
 * The base URL, without a trailing slash.
 * @throws Error when no endpoint is known or it breaks the endpoint rules.
 */
export function effectiveEndpoint(provider: Provider, target: KeyTarget): string {
  const base = target.endpoint || provider.defaultEndpoint;
  if (!base) throw new Error('This key has no endpoint');
  const url = fillTemplate(base, provider, target.fields).replace(/\/+$/, '');
  // Saved endpoints passed these rules already; a template filled with odd fields may not.
  if (endpointProblem(url)) throw new Error('This key’s endpoint breaks the endpoint rules');
  return url;
}
