/**
 * Revoking a key at its provider with a key that manages it: OpenAI deletes a project
 * key with the organization's admin key; Anthropic sets a key inactive with the admin
 * key (there is no delete); OpenRouter disables a key with a management key. Each first
 * finds the key in the organization's own list by the provider's hint of it, so what is
 * named in the confirmation is what the provider calls it, and what is sent is exactly
 * one request.
 * @module
 */
import { z } from 'zod/mini';
import type { Provider } from '../catalog.ts';
import type { CheckAnswer } from '../classify.ts';
import type { ProviderRequest } from '../provider-request.ts';
import { parseJson } from '../answer-json.ts';
import { answerFailure, expectAnswer, SpendError } from './spend-error.ts';
import { spendRequest, type SpendKey } from './spend-request.ts';
import { allPages, type Send } from './pages.ts';
import { fitsHint, matchByHint } from './key-hint.ts';
import { ANTHROPIC_ADMIN, OPENAI_ADMIN, OPENROUTER } from './spend-endpoints.ts';
import { listOpenAIKeys } from './openai-org.ts';
import { listAnthropicKeys } from './anthropic-org.ts';
import { OpenRouterKeyAnswer } from './own-usage.ts';
import type { OrgKey } from './organization.ts';
import { words, type Words } from '../../words.ts';

/** A key that manages others (an admin or management key), with its name in the vault. */
export type Manager = SpendKey & { name: string };

/** The key as its provider lists it, found. */
export interface Located {
  /** Ids for the revoking request's path. */
  ids: Record<string, string>;
  /** What the provider calls the key: its name and hint. */
  providerKey: string;
  /** The organization (or account) it belongs to. */
  organization: Words;
  /** The provider already lists it as revoked: nothing needs sending. */
  alreadyRevoked: boolean;
}

export interface Revoker {
  /** What the provider will do, for the confirmation. */
  effect: Words;
  /** Finds `target` among the keys `manager` manages. @throws SpendError when it is not there. */
  locate(provider: Provider, manager: Manager, target: SpendKey, send: Send): Promise<Located>;
  /** The one request that revokes it. */
  request(provider: Provider, manager: Manager, located: Located): ProviderRequest;
  /** @throws SpendError unless `answer` confirms the key is revoked. */
  confirm(provider: Provider, manager: Manager, answer: CheckAnswer): void;
}

/** `target` among `keys`. @throws SpendError with `notListed` when it is not there. */
function locateByHint(keys: readonly OrgKey[], target: SpendKey, notListed: Words): OrgKey {
  const matched = matchByHint([{ id: 'target', secret: target.secret }], keys).get('target');
  const key = keys.find((k) => k.id === matched);
  if (!key) throw new SpendError(notListed);
  return key;
}

const keyWords = (key: { name?: string | undefined; hint: string }) => (key.name ? `“${key.name}” (${key.hint})` : key.hint);

function confirmed(provider: Provider, manager: Manager, answer: CheckAnswer, accepts: (body: unknown) => boolean): void {
  if (answer.kind === 'failure' || answer.status < 200 || answer.status >= 300) throw answerFailure(provider, answer, manager.secret, 'revoke');
  if (!accepts(parseJson(answer.body))) throw new SpendError(words('spendErrors.notConfirmed', provider.name));
}

const openai: Revoker = {
  effect: words('revokeAt.openaiEffect'),
  async locate(provider, manager, target, send) {
    const key = locateByHint(await listOpenAIKeys(provider, manager, send), target, words('spendErrors.notInOrganization', manager.name));
    const project = key.project!;
    return { ids: { project: project.id, key: key.id }, providerKey: keyWords(key), organization: words('revokeAt.inProject', project.name ?? project.id, manager.name), alreadyRevoked: false };
  },
  request: (provider, manager, located) => spendRequest(provider, manager, OPENAI_ADMIN.projectKey, { method: 'DELETE', ids: located.ids }),
  confirm: (provider, manager, answer) => confirmed(provider, manager, answer, (body) => z.object({ deleted: z.literal(true) }).safeParse(body).success),
};

const anthropic: Revoker = {
  effect: words('revokeAt.anthropicEffect'),
  async locate(provider, manager, target, send) {
    const { name, keys } = await listAnthropicKeys(provider, manager, send);
    const organization = name ? words('revokeAt.namedOrganization', name) : words('revokeAt.adminOrganization', manager.name);
    const key = locateByHint(keys, target, name ? words('spendErrors.notInNamedOrganization', name) : words('spendErrors.notInOrganization', manager.name));
    return { ids: { key: key.id }, providerKey: keyWords(key), organization, alreadyRevoked: !key.active };
  },
  request: (provider, manager, located) => spendRequest(provider, manager, ANTHROPIC_ADMIN.key, { method: 'POST', ids: located.ids, body: { status: 'inactive' } }),
  confirm: (provider, manager, answer) => confirmed(provider, manager, answer, (body) => z.object({ status: z.literal('inactive') }).safeParse(body).success),
};

const OpenRouterKeysAnswer = z.object({ data: z.array(z.object({ hash: z.string(), label: z.nullish(z.string()), name: z.nullish(z.string()), disabled: z.nullish(z.boolean()) })) });

const openrouter: Revoker = {
  effect: words('revokeAt.openrouterEffect'),
  async locate(provider, manager, target, send) {
    // The key's own label, as OpenRouter writes it; a key that no longer answers is found by its hint.
    const own = await send(spendRequest(provider, target, OPENROUTER.key));
    const label = own.kind === 'response' && own.status === 200 ? OpenRouterKeyAnswer.safeParse(parseJson(own.body)).data?.data.label : undefined;
    const listed = await allPages(async (offset) => {
      const page = expectAnswer(provider, await send(spendRequest(provider, manager, OPENROUTER.keys, { query: { offset, include_disabled: true } })), manager.secret, 'organization', OpenRouterKeysAnswer, words('spendErrors.what.keyList'));
      return { items: page.data, next: page.data.length ? String(Number(offset ?? 0) + page.data.length) : undefined };
    }, words('spendErrors.what.keys'));
    const fitting = listed.filter((key) => key.label && (key.label === label || fitsHint(target.secret, key.label)));
    if (fitting.length !== 1) throw new SpendError(words('spendErrors.notInAccount', manager.name));
    const key = fitting[0]!;
    return { ids: { hash: key.hash }, providerKey: keyWords({ name: key.name ?? undefined, hint: key.label! }), organization: words('revokeAt.managementAccount', manager.name), alreadyRevoked: key.disabled === true };
  },
  request: (provider, manager, located) => spendRequest(provider, manager, OPENROUTER.keyByHash, { method: 'PATCH', ids: located.ids, body: { disabled: true } }),
  confirm: (provider, manager, answer) => confirmed(provider, manager, answer, (body) => z.object({ data: z.object({ disabled: z.literal(true) }) }).safeParse(body).success),
};

/** The providers whose keys the vault can revoke, by provider id. */
export const REVOKERS: Readonly<Record<string, Revoker>> = { openai, anthropic, openrouter };
