/**
 * An OpenAI organization through its admin key: projects and their keys (paged by
 * `after` / `has_more` / `last_id`), dollars per key and day from the costs endpoint, and
 * requests and tokens per key and day from the completions usage endpoint (both paged by
 * `page` / `next_page`). Answer shapes: docs/providers/spend-and-revoke.md.
 * @module
 */
import { z } from 'zod/mini';
import type { Provider } from '../catalog.ts';
import { expectAnswer, type Shape } from './spend-error.ts';
import { spendRequest, type SpendKey } from './spend-request.ts';
import { allPages, type Send } from './pages.ts';
import { OPENAI_ADMIN } from './spend-endpoints.ts';
import { dayStart, monthStart } from './periods.ts';
import { addSpend, type OrgKey, type OrgReport } from './organization.ts';
import { words, type Words } from '../../words.ts';

const count = z.nullish(z.int().check(z.nonnegative()));

type List<T> = { data: T[]; has_more: boolean; last_id?: string | null | undefined };
const listOf = <T extends z.ZodMiniType>(item: T) => z.object({ data: z.array(item), has_more: z.boolean(), last_id: z.nullish(z.string()) });
const ProjectsAnswer = listOf(z.object({ id: z.string(), name: z.nullish(z.string()) }));
const ProjectKeysAnswer = listOf(z.object({ id: z.string(), redacted_value: z.string(), name: z.nullish(z.string()), last_used_at: z.nullish(z.number()) }));

type Buckets<R> = { data: { start_time: number; results: R[] }[]; has_more: boolean; next_page?: string | null | undefined };
const bucketsOf = <T extends z.ZodMiniType>(result: T) =>
  z.object({ data: z.array(z.object({ start_time: z.number(), results: z.array(result) })), has_more: z.boolean(), next_page: z.nullish(z.string()) });
const CostsAnswer = bucketsOf(z.object({ api_key_id: z.nullish(z.string()), amount: z.nullish(z.object({ value: z.nullish(z.union([z.number(), z.string()])) })) }));
const CompletionsAnswer = bucketsOf(z.object({ api_key_id: z.nullish(z.string()), num_model_requests: count, input_tokens: count, output_tokens: count }));

/** Every item of an `after`-paged list; `what` names the list and its items. */
function readList<T extends { id: string }>(provider: Provider, admin: SpendKey, send: Send, path: string, ids: Record<string, string>, shape: Shape<List<T>>, what: { list: Words; items: Words }): Promise<T[]> {
  return allPages(async (after) => {
    const page = expectAnswer(provider, await send(spendRequest(provider, admin, path, { ids, query: { limit: 100, after } })), admin.secret, 'organization', shape, what.list);
    return { items: page.data, next: page.has_more ? (page.last_id ?? page.data.at(-1)?.id) : undefined };
  }, what.items);
}

/** Every daily bucket of this month of a `page`-paged report. */
function readBuckets<R>(provider: Provider, admin: SpendKey, send: Send, path: string, now: number, shape: Shape<Buckets<R>>, what: Words) {
  const query = { start_time: monthStart(now) / 1000, bucket_width: '1d', group_by: 'api_key_id', limit: 31 };
  return allPages(async (page) => {
    const answer = expectAnswer(provider, await send(spendRequest(provider, admin, path, { query: { ...query, page } })), admin.secret, 'organization', shape, what);
    return { items: answer.data, next: answer.has_more ? (answer.next_page ?? undefined) : undefined };
  }, what);
}

/** Every key of every (not archived) project of the organization. @throws SpendError */
export async function listOpenAIKeys(provider: Provider, admin: SpendKey, send: Send): Promise<OrgKey[]> {
  const keys: OrgKey[] = [];
  for (const project of await readList(provider, admin, send, OPENAI_ADMIN.projects, {}, ProjectsAnswer, { list: words('spendErrors.what.projectList'), items: words('spendErrors.what.projects') })) {
    for (const key of await readList(provider, admin, send, OPENAI_ADMIN.projectKeys, { project: project.id }, ProjectKeysAnswer, { list: words('spendErrors.what.projectKeyList'), items: words('spendErrors.what.projectKeys') })) {
      keys.push({
        id: key.id,
        hint: key.redacted_value,
        ...(key.name ? { name: key.name } : {}),
        project: { id: project.id, ...(project.name ? { name: project.name } : {}) },
        ...(typeof key.last_used_at === 'number' ? { lastUsedAt: key.last_used_at * 1000 } : {}),
        active: true,
      });
    }
  }
  return keys;
}

/** The organization's keys, and this month's spend (dollars, requests, tokens) per key and in all. @throws SpendError */
export async function readOpenAIOrganization(provider: Provider, admin: SpendKey, send: Send, now: number): Promise<OrgReport> {
  const report: OrgReport = { keys: await listOpenAIKeys(provider, admin, send), perKey: new Map(), today: 0, month: 0 };
  const today = dayStart(now) / 1000;
  for (const bucket of await readBuckets(provider, admin, send, OPENAI_ADMIN.costs, now, CostsAnswer, words('spendErrors.what.costs'))) {
    const isToday = bucket.start_time >= today;
    for (const result of bucket.results) {
      const dollars = Number(result.amount?.value ?? 0);
      if (!Number.isFinite(dollars)) continue;
      report.month += dollars;
      if (isToday) report.today += dollars;
      if (result.api_key_id) addSpend(report.perKey, result.api_key_id, { month: dollars, today: isToday ? dollars : 0 });
    }
  }
  for (const bucket of await readBuckets(provider, admin, send, OPENAI_ADMIN.completions, now, CompletionsAnswer, words('spendErrors.what.usage'))) {
    for (const result of bucket.results) {
      if (result.api_key_id) addSpend(report.perKey, result.api_key_id, { requests: result.num_model_requests ?? 0, tokens: (result.input_tokens ?? 0) + (result.output_tokens ?? 0) });
    }
  }
  return report;
}
