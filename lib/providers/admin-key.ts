/**
 * Organization admin keys (OpenAI `sk-admin-…`, Anthropic `sk-ant-admin01-…`): which
 * keys they are, and the check they can pass — they manage an organization and cannot
 * list models. Reads only the catalog's data, so any code holding a key can ask.
 * @module
 */
import { PROVIDERS, type Provider, type ValidationSpec } from './catalog.ts';

const adminPatterns = new Map(PROVIDERS.flatMap(({ id, adminKeys }) => (adminKeys ? [[id, new RegExp(adminKeys.pattern)] as const] : [])));

/** Whether `secret` is an organization admin key of the provider `provider` (an id). */
export function isAdminKey({ provider, secret }: { provider: string; secret: string }): boolean {
  return adminPatterns.get(provider)?.test(secret) ?? false;
}

/** The check for this key: the provider's administration read for an admin key, its usual check otherwise. */
export function checkSpec(provider: Provider, secret: string): ValidationSpec {
  const admin = provider.adminKeys;
  return admin && isAdminKey({ provider: provider.id, secret }) ? admin.validation : provider.validation;
}
