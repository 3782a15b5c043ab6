/**
 * An Anthropic organization through its admin key: its name, its keys (paged by
 * `after_id` / `has_more` / `last_id`, each with `partial_key_hint` and `status`), tokens
 * per key and day from the messages usage report, and the organization's dollars from
 * the cost report (amounts are decimal strings in cents; the report has no per-key
 * dollars, and leaves out Priority Tier). Answer shapes: docs/providers/spend-and-revoke.md.
 * @module
 */
import { z } from 'zod/mini';
import type { Provider } from '../catalog.ts';
import { expectAnswer, type Shape } from './spend-error.ts';
import { spendRequest, type SpendKey } from './spend-request.ts';
import { allPages, type Send } from './pages.ts';
import { ANTHROPIC_ADMIN } from './spend-endpoints.ts';
import { dayStart, monthStart } from './periods.ts';
import { addSpend, type OrgKey, type OrgReport } from './organization.ts';
import { words, type Words } from '../../words.ts';

const tokens = z.nullish(z.int().check(z.nonnegative()));

const MeAnswer = z.object({ id: z.string(), name: z.nullish(z.string()) });
const KeysAnswer = z.object({
  data: z.array(z.object({ id: z.string(), name: z.nullish(z.string()), partial_key_hint: z.nullish(z.string()), status: z.string(), workspace_id: z.nullish(z.string()) })),
  has_more: z.boolean(),
  last_id: z.nullish(z.string()),
});

type Report<R> = { data: { starting_at: string; results: R[] }[]; has_more: boolean; next_page?: string | null | undefined };
const reportOf = <T extends z.ZodMiniType>(result: T) =>
  z.object({ data: z.array(z.object({ starting_at: z.string(), results: z.array(result) })), has_more: z.boolean(), next_page: z.nullish(z.string()) });
const UsageAnswer = reportOf(
  z.object({
    api_key_id: z.nullish(z.string()),
    uncached_input_tokens: tokens,
    cache_read_input_tokens: tokens,
    cache_creation: z.nullish(z.object({ ephemeral_1h_input_tokens: tokens, ephemeral_5m_input_tokens: tokens })),
    output_tokens: tokens,
  }),
);
const CostAnswer = reportOf(z.object({ amount: z.string(), currency: z.nullish(z.string()) }));

/** Every daily bucket of this month of a report. */
function readReport<R>(provider: Provider, admin: SpendKey, send: Send, path: string, now: number, extra: Record<string, string>, shape: Shape<Report<R>>, what: Words) {
  const query = { starting_at: new Date(monthStart(now)).toISOString(), bucket_width: '1d', limit: 31, ...extra };
  return allPages(async (page) => {
    const answer = expectAnswer(provider, await send(spendRequest(provider, admin, path, { query: { ...query, page } })), admin.secret, 'organization', shape, what);
    return { items: answer.data, next: answer.has_more ? (answer.next_page ?? undefined) : undefined };
  }, what);
}

/** The organization's name and every key (all statuses). @throws SpendError */
export async function listAnthropicKeys(provider: Provider, admin: SpendKey, send: Send): Promise<{ name: string | undefined; keys: OrgKey[] }> {
  const me = expectAnswer(provider, await send(spendRequest(provider, admin, ANTHROPIC_ADMIN.me)), admin.secret, 'organization', MeAnswer, words('spendErrors.what.organization'));
  const listed = await allPages(async (after) => {
    const page = expectAnswer(provider, await send(spendRequest(provider, admin, ANTHROPIC_ADMIN.keys, { query: { limit: 1000, after_id: after } })), admin.secret, 'organization', KeysAnswer, words('spendErrors.what.keyList'));
    return { items: page.data, next: page.has_more ? (page.last_id ?? page.data.at(-1)?.id) : undefined };
  }, words('spendErrors.what.keys'));
  const keys = listed.flatMap((key): OrgKey[] =>
    key.partial_key_hint
      ? [{ id: key.id, hint: key.partial_key_hint, ...(key.name ? { name: key.name } : {}), ...(key.workspace_id ? { project: { id: key.workspace_id } } : {}), active: key.status === 'active' }]
      : [],
  );
  return { name: me.name ?? undefined, keys };
}

/** The organization's keys, tokens per key this month, and its dollars today and this month. @throws SpendError */
export async function readAnthropicOrganization(provider: Provider, admin: SpendKey, send: Send, now: number): Promise<OrgReport> {
  const { name, keys } = await listAnthropicKeys(provider, admin, send);
  const report: OrgReport = { ...(name ? { name } : {}), keys, perKey: new Map(), today: 0, month: 0 };
  const today = dayStart(now);
  for (const bucket of await readReport(provider, admin, send, ANTHROPIC_ADMIN.usage, now, { 'group_by[]': 'api_key_id' }, UsageAnswer, words('spendErrors.what.usage'))) {
    for (const r of bucket.results) {
      const used = (r.uncached_input_tokens ?? 0) + (r.cache_read_input_tokens ?? 0) + (r.cache_creation?.ephemeral_1h_input_tokens ?? 0) + (r.cache_creation?.ephemeral_5m_input_tokens ?? 0) + (r.output_tokens ?? 0);
      if (r.api_key_id) addSpend(report.perKey, r.api_key_id, { tokens: used });
    }
  }
  for (const bucket of await readReport(provider, admin, send, ANTHROPIC_ADMIN.costs, now, {}, CostAnswer, words('spendErrors.what.costs'))) {
    for (const result of bucket.results) {
      const dollars = Number(result.amount) / 100;
      if (!Number.isFinite(dollars) || (result.currency ?? 'USD') !== 'USD') continue;
      report.month += dollars;
      if (Date.parse(bucket.starting_at) >= today) report.today += dollars;
    }
  }
  return report;
}
