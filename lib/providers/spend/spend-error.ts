/**
 * Why a usage read or a revocation did not work, in words for the key's row: no
 * permission (not an admin key, a missing scope), the key refused, rate-limited, the
 * provider's trouble, no answer, or an answer of a shape we do not know. The provider's
 * own message is quoted with the key blanked out.
 * @module
 */
import type { Provider } from '../catalog.ts';
import { providerMessage, type CheckAnswer } from '../classify.ts';
import { parseJson } from '../answer-json.ts';

/** A failure with a message fit for the user (never carrying a key). */
export class SpendError extends Error {
  override name = 'SpendError';
}

/** What the request was for, to word its failure. */
export type SpendPurpose = 'own-usage' | 'organization' | 'revoke';

function refusalWords(provider: Provider, status: number, purpose: SpendPurpose): string {
  if (status === 429) return `${provider.name} is limiting requests right now; try again later.`;
  if (status >= 500) return `${provider.name} is having trouble (HTTP ${status}); try again later.`;
  if (status === 401 || status === 403) {
    const manager = provider.id === 'openrouter' ? 'a management key' : 'an admin key of the organization';
    if (purpose === 'organization') return `${provider.name} refused to let this key read the organization: it takes ${manager}.`;
    if (purpose === 'revoke') return `${provider.name} refused to revoke the key: it takes ${manager}.`;
    return `${provider.name} refused to show this key’s usage.`;
  }
  if (status === 404) return purpose === 'revoke' ? `${provider.name} no longer knows this key (HTTP 404).` : `${provider.name} does not offer this here (HTTP 404).`;
  return `Unexpected answer from ${provider.name} (HTTP ${status}).`;
}

/** The failure an answer that is not a success means. */
export function answerFailure(provider: Provider, answer: CheckAnswer, secret: string, purpose: SpendPurpose): SpendError {
  if (answer.kind === 'failure') {
    if (answer.reason === 'no-permission') return new SpendError(`AI Key Vault may not contact ${answer.host}.`);
    return new SpendError(`${answer.host} ${answer.reason === 'timeout' ? 'did not answer in time' : 'could not be reached'}.`);
  }
  const said = providerMessage(answer.body, secret);
  return new SpendError(`${refusalWords(provider, answer.status, purpose)}${said ? ` ${provider.name} said: “${said}”` : ''}`);
}

/** Something with a `safeParse`, such as a zod schema. */
export interface Shape<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * The parsed body of a successful answer in the expected shape.
 * @throws SpendError for a failure, a refusal, or an answer of another shape (`what` names the request).
 */
export function expectAnswer<T>(provider: Provider, answer: CheckAnswer, secret: string, purpose: SpendPurpose, shape: Shape<T>, what: string): T {
  if (answer.kind === 'failure' || answer.status < 200 || answer.status >= 300) throw answerFailure(provider, answer, secret, purpose);
  const parsed = shape.safeParse(parseJson(answer.body));
  if (!parsed.success) throw new SpendError(`${provider.name} answered ${what} in a shape AI Key Vault does not know; nothing was changed.`);
  return parsed.data;
}
