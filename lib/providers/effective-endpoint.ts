/**
 * The base URL a key's requests go to: its override, or its provider's default, with
 * `{field}` placeholders filled from the key's fields.
 * @module
 */
import type { Provider } from './catalog.ts';
import { endpointProblem } from './endpoint.ts';
import { WordsError, words } from '../words.ts';

/** Field values placed into URLs and headers: no character that could change the host, path or header. */
const SAFE_VALUE = /^[A-Za-z0-9._-]{1,100}$/;

/** A key's endpoint or fields cannot make a safe request; `words` say why (a check's result, a usage read's problem). */
export class EndpointError extends WordsError {
  override name = 'EndpointError';
}

export interface KeyTarget {
  endpoint?: string | undefined;
  fields: Readonly<Record<string, string>>;
}

/**
 * A field's value (or its default) for a URL or a header.
 * @throws EndpointError naming the field when it is missing or holds a character that could change the request.
 */
export function fieldValue(provider: Provider, fields: Readonly<Record<string, string>>, id: string): string {
  const field = provider.fields.find((f) => f.id === id);
  const value = fields[id] || field?.default || '';
  if (!SAFE_VALUE.test(value)) throw new EndpointError(words('check.fieldUnsafe', field?.label ?? id));
  return value;
}

/** Fills `{field}` placeholders. @throws EndpointError naming the field that is missing or unsafe. */
export function fillTemplate(template: string, provider: Provider, fields: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, id: string) => fieldValue(provider, fields, id));
}

/**
 * The base URL, without a trailing slash.
 * @throws EndpointError when no endpoint is known or it breaks the endpoint rules.
 */
export function effectiveEndpoint(provider: Provider, target: KeyTarget): string {
  const base = target.endpoint || provider.defaultEndpoint;
  if (!base) throw new EndpointError(words('check.noEndpoint'));
  const url = fillTemplate(base, provider, target.fields).replace(/\/+$/, '');
  // Saved endpoints passed these rules already; a template filled with odd fields may not.
  if (endpointProblem(url)) throw new EndpointError(words('check.endpointBroken'));
  return url;
}
