/**
 * One round of usage reads over the vault's keys: OpenRouter and DeepSeek keys read their
 * own; each OpenAI or Anthropic admin key reads its organization, whose keys are matched
 * to the vault's keys of that provider and endpoint by the provider's hint. The result is
 * the usage to store per key: new figures, or the old ones with the reason the read
 * failed. Requests go out through `send`, each with the key it reads with.
 * @module
 */
import { findProvider, type Provider } from '../../providers/catalog.ts';
import { isAdminKey } from '../../providers/admin-key.ts';
import { expectAnswer, SpendError } from '../../providers/spend/spend-error.ts';
import { spendRequest } from '../../providers/spend/spend-request.ts';
import type { Send } from '../../providers/spend/pages.ts';
import { DEEPSEEK, OPENROUTER } from '../../providers/spend/spend-endpoints.ts';
import { DeepSeekBalanceAnswer, OpenRouterCreditsAnswer, OpenRouterKeyAnswer, readDeepSeekBalance, readOpenRouterCredits, readOpenRouterKey, type Figures } from '../../providers/spend/own-usage.ts';
import { readOpenAIOrganization } from '../../providers/spend/openai-org.ts';
import { readAnthropicOrganization } from '../../providers/spend/anthropic-org.ts';
import { matchByHint } from '../../providers/spend/key-hint.ts';
import type { OrgReport } from '../../providers/spend/organization.ts';
import { checkTarget } from '../../vault/entries.ts';
import type { Entry } from '../../vault/payload-schema.ts';
import type { Usage } from '../../vault/usage-schema.ts';
import type { UsageUpdate } from '../../vault/spend-records.ts';
import { i18n } from '#i18n';
import { words } from '../../words.ts';
import { say, sayOrQuote } from '../../say.ts';

const ORGANIZATIONS: Readonly<Record<string, (provider: Provider, admin: Entry, send: Send, now: number) => Promise<OrgReport>>> = {
  openai: readOpenAIOrganization,
  anthropic: readAnthropicOrganization,
};

/** How many keys read their own usage at once. */
const CONCURRENCY = 4;

/** The message of a failure: ours said in the reader's language, anything else in general words (it could quote anything). */
const reason = (error: unknown) => (error instanceof SpendError ? say(error.words) : i18n.t('background.usageNotRead'));

/** Whether `usage` holds any figure (not only when and why a read failed). */
const hasFigures = (usage: Usage) => Object.keys(usage).some((key) => !['at', 'figuresAt', 'scope', 'problem'].includes(key));

/** Usage after a failed read: the earlier figures stay, with when they were read and why the new read failed. */
export function failedRead(previous: Usage | undefined, problem: string, scope: Usage['scope'], now: number): Usage {
  if (!previous || !hasFigures(previous)) return { at: now, scope, problem };
  return { ...previous, at: now, figuresAt: previous.figuresAt ?? previous.at, problem };
}

const update = (entry: Entry, usage: Usage | undefined): UsageUpdate => ({ id: entry.id, target: checkTarget(entry), usage });

async function ownUsage(provider: Provider, entry: Entry, send: Send, now: number): Promise<Usage> {
  try {
    let figures: Figures;
    if (provider.id === 'deepseek') {
      figures = readDeepSeekBalance(expectAnswer(provider, await send(spendRequest(provider, entry, DEEPSEEK.balance)), entry.secret, 'own-usage', DeepSeekBalanceAnswer, words('spendErrors.what.balance')));
    } else {
      const own = readOpenRouterKey(expectAnswer(provider, await send(spendRequest(provider, entry, OPENROUTER.key)), entry.secret, 'own-usage', OpenRouterKeyAnswer, words('spendErrors.what.keyUsage')));
      figures = own.figures;
      // Credits belong to the account and only a management key may read them.
      if (own.management) figures = { ...figures, ...readOpenRouterCredits(expectAnswer(provider, await send(spendRequest(provider, entry, OPENROUTER.credits)), entry.secret, 'own-usage', OpenRouterCreditsAnswer, words('spendErrors.what.credits'))) };
    }
    const { balance, ...rest } = figures;
    return { at: now, scope: 'key', ...rest, ...(balance ? { balance: sayOrQuote(balance).slice(0, 80) } : {}) };
  } catch (error) {
    return failedRead(entry.usage, reason(error), 'key', now);
  }
}

async function organizationUsage(provider: Provider, admin: Entry, members: readonly Entry[], send: Send, now: number): Promise<{ admin: UsageUpdate; members: UsageUpdate[] } | { failed: UsageUpdate }> {
  let report: OrgReport;
  try {
    report = await ORGANIZATIONS[provider.id]!(provider, admin, send, now);
  } catch (error) {
    return { failed: update(admin, failedRead(admin.usage, reason(error), 'organization', now)) };
  }
  const matches = matchByHint(members, report.keys);
  const byId = new Map(report.keys.map((key) => [key.id, key]));
  const memberUpdates = [...matches].map(([entryId, keyId]) => {
    const member = members.find((m) => m.id === entryId)!;
    const key = byId.get(keyId)!;
    const spend = report.perKey.get(keyId) ?? {};
    const usage: Usage = {
      at: now,
      scope: 'key',
      ...(provider.id === 'openai' ? { today: spend.today ?? 0, month: spend.month ?? 0, requests: spend.requests ?? 0 } : {}),
      tokens: spend.tokens ?? 0,
      ...(key.lastUsedAt !== undefined ? { lastUsedAt: key.lastUsedAt } : {}),
      via: say(key.project?.name ? words('spend.viaAdminKeyProject', admin.name, key.project.name) : words('spend.viaAdminKey', admin.name)).slice(0, 300),
    };
    return update(member, usage);
  });
  const organization: Usage = {
    at: now,
    scope: 'organization',
    today: report.today,
    month: report.month,
    matched: { keys: matches.size, of: members.length },
    ...(report.name ? { via: say(words('spend.viaOrganization', report.name)).slice(0, 300) } : {}),
  };
  return { admin: update(admin, organization), members: memberUpdates };
}

/** Runs `tasks` a few at a time. */
async function pooled<T>(tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, tasks.length) }, worker));
  return results;
}

/** Reads usage for every key that can tell it; the updates to store (a key absent from them is left as it is). */
export async function collectUsage(entries: readonly Entry[], send: Send, now: number): Promise<UsageUpdate[]> {
  const provider = (entry: Entry) => findProvider(entry.provider);
  const own = entries.filter((entry) => entry.secret && (entry.provider === 'openrouter' || entry.provider === 'deepseek'));
  const updates = await pooled(own.map((entry) => async () => update(entry, await ownUsage(provider(entry)!, entry, send, now))));
  const admins = entries.filter((entry) => entry.provider in ORGANIZATIONS && isAdminKey(entry));
  const matched = new Map<string, UsageUpdate>();
  const readOrganizations = new Set<string>();
  for (const admin of admins) {
    const members = entries.filter((e) => e.provider === admin.provider && (e.endpoint ?? '') === (admin.endpoint ?? '') && e.secret && !isAdminKey(e));
    const result = await organizationUsage(provider(admin)!, admin, members, send, now);
    if ('failed' in result) {
      updates.push(result.failed);
      continue;
    }
    updates.push(result.admin);
    readOrganizations.add(`${admin.provider} ${admin.endpoint ?? ''}`);
    for (const member of result.members) matched.set(member.id, member);
  }
  // Keys an organization read could have listed but none did: figures an admin key read earlier no longer hold.
  for (const entry of entries) {
    if (isAdminKey(entry) || !readOrganizations.has(`${entry.provider} ${entry.endpoint ?? ''}`)) continue;
    updates.push(matched.get(entry.id) ?? update(entry, undefined));
  }
  return updates;
}
