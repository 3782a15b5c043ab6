/**
 * How a key can be revoked at its provider from here, the same rule on the pages and in
 * the background: through the provider's API, when the vault holds a key that manages it
 * (an admin key of OpenAI or Anthropic, an OpenRouter management key) at the same
 * endpoint; otherwise on the provider's key page. No schema code, so pages bundle it.
 * @module
 */
import { findProvider } from '../catalog.ts';

/** Providers with an API that revokes a key. */
export const REVOCABLE_PROVIDERS: readonly string[] = ['openai', 'anthropic', 'openrouter'];

/** What the rule needs of a key (an entry or its summary, with `admin` from its shape). */
export interface RouteFacts {
  id: string;
  provider: string;
  endpoint?: string | undefined;
  admin?: boolean | undefined;
  usage?: { management?: true | undefined } | undefined;
}

export type RevokeRoute = { kind: 'api'; managers: string[] } | { kind: 'page'; url: string } | undefined;

/** Whether `key` manages other keys of its provider. */
export function isManager(key: RouteFacts): boolean {
  return key.provider === 'openrouter' ? key.usage?.management === true : key.admin === true;
}

/** How `key` can be revoked, given every key in the vault. */
export function revokeRoute(key: RouteFacts, all: readonly RouteFacts[]): RevokeRoute {
  const provider = findProvider(key.provider);
  if (!provider) return undefined;
  if (REVOCABLE_PROVIDERS.includes(provider.id) && !isManager(key)) {
    const managers = all.filter((other) => other.id !== key.id && other.provider === key.provider && (other.endpoint ?? '') === (key.endpoint ?? '') && isManager(other));
    if (managers.length) return { kind: 'api', managers: managers.map((m) => m.id) };
  }
  return provider.getKeyUrl ? { kind: 'page', url: provider.getKeyUrl } : undefined;
}
