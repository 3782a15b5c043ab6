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
import { WordsError, words, type Words } from '../../words.ts';

/** A failure with words fit for the user (never carrying a key); the background says them. */
export class SpendError extends WordsError {
  override name = 'SpendError';
}

/** What the request was for, to word its failure. */
export type SpendPurpose = 'own-usage' | 'organization' | 'revoke';

function refusalWords(provider: Provider, status: number, purpose: SpendPurpose): Words {
  if (status === 429) return words('spendErrors.limiting', provider.name);
  if (status >= 500) return words('spendErrors.trouble', provider.name, status);
  if (status === 401 || status === 403) {
    const manager = words(provider.id === 'openrouter' ? 'spendErrors.managementKey' : 'spendErrors.adminKey');
    if (purpose === 'organization') return words('spendErrors.organizationRefused', provider.name, manager);
    if (purpose === 'revoke') return words('spendErrors.revokeRefused', provider.name, manager);
    return words('spendErrors.usageRefused', provider.name);
  }
  if (status === 404) return words(purpose === 'revoke' ? 'spendErrors.unknownKey' : 'spendErrors.notOffered', provider.name);
  return words('spendErrors.unexpected', provider.name, status);
}

/** The failure an answer that is not a success means. */
export function answerFailure(provider: Provider, answer: CheckAnswer, secret: string, purpose: SpendPurpose): SpendError {
  if (answer.kind === 'failure') {
    if (answer.reason === 'no-permission') return new SpendError(words('network.mayNotContact', answer.host));
    return new SpendError(words(answer.reason === 'timeout' ? 'network.timedOut' : 'network.unreachable', answer.host));
  }
  const refusal = refusalWords(provider, answer.status, purpose);
  const said = providerMessage(answer.body, secret);
  return new SpendError(said ? words('spendErrors.providerSaid', refusal, provider.name, said) : refusal);
}

/** Something with a `safeParse`, such as a zod schema. */
export interface Shape<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * The parsed body of a successful answer in the expected shape.
 * @throws SpendError for a failure, a refusal, or an answer of another shape (`what` names the request).
 */
export function expectAnswer<T>(provider: Provider, answer: CheckAnswer, secret: string, purpose: SpendPurpose, shape: Shape<T>, what: Words): T {
  if (answer.kind === 'failure' || answer.status < 200 || answer.status >= 300) throw answerFailure(provider, answer, secret, purpose);
  const parsed = shape.safeParse(parseJson(answer.body));
  if (!parsed.success) throw new SpendError(words('spendErrors.unknownShape', provider.name, what));
  return parsed.data;
}
