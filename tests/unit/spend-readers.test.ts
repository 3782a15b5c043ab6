import { describe, expect, it } from 'vitest';
import { findProvider, type Provider } from '../../lib/providers/catalog.ts';
import type { CheckAnswer } from '../../lib/providers/classify.ts';
import type { ProviderRequest } from '../../lib/providers/provider-request.ts';
import { fitsHint, matchByHint, parseHint } from '../../lib/providers/spend/key-hint.ts';
import { DeepSeekBalanceAnswer, OpenRouterCreditsAnswer, OpenRouterKeyAnswer, readDeepSeekBalance, readOpenRouterCredits, readOpenRouterKey } from '../../lib/providers/spend/own-usage.ts';
import { readOpenAIOrganization } from '../../lib/providers/spend/openai-org.ts';
import { readAnthropicOrganization } from '../../lib/providers/spend/anthropic-org.ts';
import { spendRequest } from '../../lib/providers/spend/spend-request.ts';
import { SpendError } from '../../lib/providers/spend/spend-error.ts';
import { MAX_PAGES } from '../../lib/providers/spend/spend-endpoints.ts';
import { REVOKERS } from '../../lib/providers/spend/revokers.ts';
import { REVOCABLE_PROVIDERS, revokeRoute } from '../../lib/providers/spend/revoke-route.ts';
import { SPEND_ANSWERS, openaiCompletionsPage, openaiCostsPage, openaiListPage, openaiProjectKey } from '../fixtures/spend-answers.ts';
import { ANSWERS, bodyFor, type RecordedAnswer } from '../fixtures/provider-answers.ts';
import { say, sayOrQuote } from '../../lib/say.ts';

const openai = findProvider('openai') as Provider;
const anthropic = findProvider('anthropic') as Provider;
const ADMIN = { secret: `sk-admin-${'A'.repeat(40)}`, fields: {} };
const ANTHROPIC_ADMIN = { secret: `sk-ant-admin01-${'B'.repeat(40)}`, fields: {} };
// 2024-11-02T12:00:00Z: the recorded buckets start on 2024-11-01.
const NOW = Date.UTC(2024, 10, 2, 12);

const reply = (recorded: Pick<RecordedAnswer, 'status' | 'body'>): CheckAnswer => ({ kind: 'response', status: recorded.status, body: bodyFor(recorded as RecordedAnswer, '') });
const ok = (body: unknown): CheckAnswer => ({ kind: 'response', status: 200, body: JSON.stringify(body) });
/** What the SpendError `reading` fails with says. */
const refusal = (reading: Promise<unknown>) => reading.then(() => 'no refusal', (error: SpendError) => say(error.words));

/** A fake provider: answers by path and query, records every request. */
function fakeSend(answer: (path: string, query: URLSearchParams, request: ProviderRequest) => CheckAnswer | undefined) {
  const sent: ProviderRequest[] = [];
  const send = async (request: ProviderRequest) => {
    sent.push(request);
    const url = new URL(request.url);
    return answer(url.pathname.replace(/^\/v1/, ''), url.searchParams, request) ?? { kind: 'response' as const, status: 404, body: '{"error":{"message":"no such route"}}' };
  };
  return { send, sent };
}

describe('key hints', () => {
  it('reads the providers’ hints and matches a key only when it is the one key that fits', () => {
    expect(parseHint('sk-ant-api03-R2D...igAA')).toEqual({ start: 'sk-ant-api03-R2D', end: 'igAA' });
    expect(parseHint('sk-proj-…9f2c')).toEqual({ start: 'sk-proj-', end: '9f2c' });
    expect(parseHint('sk-...a')).toBeUndefined(); // too little to tell keys apart
    expect(parseHint('Production API Key')).toBeUndefined();
    expect(fitsHint('sk-abc0000000000000000def', 'sk-abc...def')).toBe(true);
    expect(fitsHint('sk-abcdef', 'sk-abc...def')).toBe(false); // the hidden middle cannot be empty
    const keys = [
      { id: 'a', secret: 'sk-proj-1111aaaa9f2c' },
      { id: 'a-copy', secret: 'sk-proj-1111aaaa9f2c' }, // a duplicate entry holds the same key
      { id: 'b', secret: 'sk-proj-2222bbbb7777' },
      { id: 'c', secret: 'sk-proj-3333cccc7777' },
    ];
    const listed = [
      { id: 'key_1', hint: 'sk-proj-...9f2c' },
      { id: 'key_2', hint: 'sk-proj-...7777' }, // fits b and c: says nothing about either
    ];
    expect(Object.fromEntries(matchByHint(keys, listed))).toEqual({ a: 'key_1', 'a-copy': 'key_1' });
  });
});

describe('reading a key’s own usage', () => {
  it('reads OpenRouter’s /key answer: today, week, month, total, limit, what is left, reset and expiry', () => {
    const read = readOpenRouterKey(OpenRouterKeyAnswer.parse(SPEND_ANSWERS.openrouterKey.body));
    expect(read.label).toBe('sk-or-v1-au7...890');
    expect(read.management).toBe(false);
    expect(read.figures).toEqual({ today: 25.5, week: 25.5, month: 25.5, total: 25.5, limit: 100, remaining: 74.5, reset: 'monthly', expiresAt: Date.parse('2027-12-31T23:59:59Z') });
  });

  it('reads OpenRouter credits and DeepSeek’s balance as a balance', () => {
    expect(sayOrQuote(readOpenRouterCredits(OpenRouterCreditsAnswer.parse(SPEND_ANSWERS.openrouterCredits.body)).balance!)).toBe('$74.75 of credit left');
    expect(readDeepSeekBalance(DeepSeekBalanceAnswer.parse(SPEND_ANSWERS.deepseekBalance.body))).toEqual({ balance: '110.00 CNY' });
    const empty = { is_available: false, balance_infos: [{ currency: 'USD', total_balance: '0.00' }] };
    expect(sayOrQuote(readDeepSeekBalance(DeepSeekBalanceAnswer.parse(empty)).balance!)).toBe('0.00 USD — not enough for API calls');
  });
});

describe('an OpenAI organization through its admin key', () => {
  it('reads the recorded answers: a project, its key, the key’s dollars, requests and tokens', async () => {
    const { send, sent } = fakeSend((path) => {
      if (path === '/organization/projects') return reply(SPEND_ANSWERS.openaiProjects);
      if (path === '/organization/projects/proj_abc/api_keys') return reply(SPEND_ANSWERS.openaiProjectKeys);
      if (path === '/organization/costs') return ok({ ...SPEND_ANSWERS.openaiCosts.body, data: [{ ...SPEND_ANSWERS.openaiCosts.body.data[0], results: [{ ...SPEND_ANSWERS.openaiCosts.body.data[0].results[0], api_key_id: 'key_abc' }] }] });
      if (path === '/organization/usage/completions') return ok({ ...SPEND_ANSWERS.openaiCompletions.body, has_more: false, next_page: null, data: [{ ...SPEND_ANSWERS.openaiCompletions.body.data[0], results: [{ ...SPEND_ANSWERS.openaiCompletions.body.data[0].results[0], api_key_id: 'key_abc' }] }] });
      return undefined;
    });
    const report = await readOpenAIOrganization(openai, ADMIN, send, NOW);
    expect(report.keys).toEqual([{ id: 'key_abc', hint: 'sk-abc...def', name: 'My API Key', project: { id: 'proj_abc', name: 'Project example' }, lastUsedAt: 1711471534000, active: true }]);
    expect(report.perKey.get('key_abc')).toEqual({ month: 0.06, today: 0, requests: 5, tokens: 1500 });
    expect(report.month).toBeCloseTo(0.06);
    // Every request: the admin key in the Authorization header, never in the URL; this month from its first second (UTC).
    for (const request of sent) {
      expect(request.headers.authorization).toBe(`Bearer ${ADMIN.secret}`);
      expect(request.url).not.toContain(ADMIN.secret);
    }
    const costs = new URL(sent.find((r) => r.url.includes('/costs'))!.url);
    expect(Object.fromEntries(costs.searchParams)).toMatchObject({ start_time: String(Date.UTC(2024, 10, 1) / 1000), group_by: 'api_key_id', bucket_width: '1d' });
  });

  it('reads an organization with hundreds of keys across pages of projects, keys and costs', async () => {
    const projects = ['proj_1', 'proj_2', 'proj_3'].map((id) => ({ ...SPEND_ANSWERS.openaiProjects.body.data[0], id, name: `Project ${id}` }));
    const keysOf = (project: string) => Array.from({ length: 120 }, (_, i) => openaiProjectKey(`key_${project}_${i}`, `sk-proj-...${project.slice(-1)}${String(i).padStart(3, '0')}`, 1_730_000_000 + i));
    const pageOf = <T extends { id: string }>(all: T[], after: string | null, size: number) => {
      const from = after ? all.findIndex((item) => item.id === after) + 1 : 0;
      return ok(openaiListPage(all.slice(from, from + size), from + size < all.length));
    };
    const dayOne = Date.UTC(2024, 10, 1) / 1000;
    const today = Date.UTC(2024, 10, 2) / 1000;
    const { send, sent } = fakeSend((path, query) => {
      if (path === '/organization/projects') return pageOf(projects, query.get('after'), 2);
      const project = /^\/organization\/projects\/(proj_\d)\/api_keys$/.exec(path)?.[1];
      if (project) return pageOf(keysOf(project), query.get('after'), 50);
      if (path === '/organization/costs') return ok(query.get('page') ? openaiCostsPage(today, { key_proj_2_119: 1.5 }, null) : openaiCostsPage(dayOne, { key_proj_2_119: 2.25, key_proj_1_0: 0.5 }, 'next'));
      if (path === '/organization/usage/completions') return ok(openaiCompletionsPage(dayOne, { key_proj_2_119: 7 }, null));
      return undefined;
    });
    const report = await readOpenAIOrganization(openai, ADMIN, send, NOW);
    expect(report.keys).toHaveLength(360);
    expect(sent.filter((r) => r.url.includes('/api_keys'))).toHaveLength(9); // 3 pages per project
    expect(report.perKey.get('key_proj_2_119')).toEqual({ month: 3.75, today: 1.5, requests: 7, tokens: 1050 });
    expect(report).toMatchObject({ month: 4.25, today: 1.5 });
    const mine = { id: 'entry', secret: `sk-proj-${'x'.repeat(40)}2119` };
    expect(matchByHint([mine], report.keys).get('entry')).toBe('key_proj_2_119');
  });

  it('says clearly when the key is not an admin key, is rate-limited, or the answers are broken', async () => {
    const failing = (answer: CheckAnswer) => fakeSend((path) => (path === '/organization/projects' ? reply(SPEND_ANSWERS.openaiProjects) : path.endsWith('/api_keys') ? reply(SPEND_ANSWERS.openaiProjectKeys) : answer)).send;
    const message = async (answer: CheckAnswer) => (await readOpenAIOrganization(openai, ADMIN, failing(answer), NOW).catch((e: unknown) => e)) as SpendError;

    const notAdmin = await message(reply(SPEND_ANSWERS.openaiNotAdmin));
    expect(notAdmin).toBeInstanceOf(SpendError);
    expect(say(notAdmin.words)).toMatch(/^OpenAI refused to let this key read the organization: it takes an admin key of the organization\. OpenAI said: “You have insufficient permissions.*Missing scopes: api\.usage\.read/);
    expect(say((await message(reply(SPEND_ANSWERS.openaiRateLimited))).words)).toMatch(/^OpenAI is limiting requests right now; try again later\. OpenAI said: “Rate limit reached for requests”/);
    expect(say((await message({ kind: 'response', status: 502, body: '<html>Bad gateway</html>' })).words)).toMatch(/^OpenAI is having trouble \(HTTP 502\)/);
    expect(say((await message(ok({ data: 'nope' }))).words)).toBe('OpenAI answered costs in a shape AI Key Vault does not know; nothing was changed.');
    expect(say((await message({ kind: 'failure', reason: 'timeout', host: 'api.openai.com' })).words)).toBe('api.openai.com did not answer in time.');
    // The provider's words never carry the key back.
    const echoing = await message({ kind: 'response', status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${ADMIN.secret}` } }) });
    expect(say(echoing.words)).not.toContain(ADMIN.secret);
  });

  it('stops on a cursor that repeats or a listing too long to read, and never sends an id from an answer that could change the path', async () => {
    const looping = fakeSend((path) => (path === '/organization/projects' ? ok(openaiListPage([{ id: 'proj_same' }], true)) : undefined));
    expect(await refusal(readOpenAIOrganization(openai, ADMIN, looping.send, NOW))).toBe('The provider repeated a page of projects; stopped reading.');
    let n = 0;
    const endless = fakeSend((path) => (path === '/organization/projects' ? ok(openaiListPage([{ id: `proj_${n++}` }], true)) : undefined));
    expect(await refusal(readOpenAIOrganization(openai, ADMIN, endless.send, NOW))).toContain(`more projects than AI Key Vault reads (${MAX_PAGES} pages)`);
    expect(endless.sent).toHaveLength(MAX_PAGES);
    const hostile = fakeSend((path) => (path === '/organization/projects' ? ok(openaiListPage([{ id: '../../organization/admin_api_keys' }], false)) : undefined));
    expect(await refusal(readOpenAIOrganization(openai, ADMIN, hostile.send, NOW))).toContain('characters AI Key Vault does not put into a request');
    expect(hostile.sent.map((r) => new URL(r.url).pathname)).toEqual(['/v1/organization/projects']);
  });
});

describe('an Anthropic organization through its admin key', () => {
  it('reads its name, its keys across pages, tokens per key and its dollars (cents in the answer)', async () => {
    const keys = Array.from({ length: 250 }, (_, i) => ({ ...ANSWERS.anthropicAdminKeys.body.data[0], id: `apikey_${i}`, partial_key_hint: `sk-ant-api03-R2D...${String(i).padStart(4, '0')}`, status: i === 7 ? 'inactive' : 'active' }));
    const { send, sent } = fakeSend((path, query) => {
      if (path === '/organizations/me') return reply(SPEND_ANSWERS.anthropicMe);
      if (path === '/organizations/api_keys') {
        const from = query.get('after_id') ? Number(query.get('after_id')!.split('_')[1]) + 1 : 0;
        const page = keys.slice(from, from + 100);
        return ok({ data: page, first_id: page[0]?.id, last_id: page.at(-1)?.id, has_more: from + 100 < keys.length });
      }
      if (path === '/organizations/usage_report/messages') return query.get('page') ? ok({ ...SPEND_ANSWERS.anthropicUsage.body, has_more: false, next_page: null }) : reply(SPEND_ANSWERS.anthropicUsage);
      if (path === '/organizations/cost_report') return query.get('page') ? ok({ data: [], has_more: false, next_page: null }) : reply(SPEND_ANSWERS.anthropicCost);
      return undefined;
    });
    const report = await readAnthropicOrganization(anthropic, ANTHROPIC_ADMIN, send, Date.UTC(2025, 7, 1, 18));
    expect(report.name).toBe('Organization Name');
    expect(report.keys).toHaveLength(250);
    expect(report.keys[7]?.active).toBe(false);
    expect(report.perKey.get('apikey_01Rj2N8SVvo6BePZj99NhmiT')).toEqual({ tokens: 2 * 3700 });
    expect(report.month).toBeCloseTo(1.2378912);
    expect(report.today).toBeCloseTo(1.2378912);
    for (const request of sent) {
      expect(request.headers).toMatchObject({ 'x-api-key': ANTHROPIC_ADMIN.secret, 'anthropic-version': '2023-06-01' });
      expect(request.url).not.toContain(ANTHROPIC_ADMIN.secret);
    }
    expect(new URL(sent.find((r) => r.url.includes('usage_report'))!.url).searchParams.get('group_by[]')).toBe('api_key_id');
  });

  it('says so when the key is refused or rate-limited', async () => {
    const refused = fakeSend((path) => (path === '/organizations/me' ? reply(SPEND_ANSWERS.anthropicNotAdmin) : undefined));
    expect(await refusal(readAnthropicOrganization(anthropic, ANTHROPIC_ADMIN, refused.send, NOW))).toContain('Anthropic refused to let this key read the organization: it takes an admin key of the organization. Anthropic said: “invalid x-api-key”');
    const limited = fakeSend((path) => (path === '/organizations/me' ? reply(SPEND_ANSWERS.anthropicMe) : path === '/organizations/api_keys' ? ok({ data: [], has_more: false }) : reply(SPEND_ANSWERS.anthropicRateLimited)));
    expect(await refusal(readAnthropicOrganization(anthropic, ANTHROPIC_ADMIN, limited.send, NOW))).toMatch(/^Anthropic is limiting requests right now; try again later\. Anthropic said: “Number of request tokens/);
  });
});

describe('where a key can be revoked', () => {
  it('through the API where a key that manages it is saved at the same endpoint, else on the provider’s key page', () => {
    expect(Object.keys(REVOKERS).sort()).toEqual([...REVOCABLE_PROVIDERS].sort());
    const member = { id: 'm', provider: 'openai' };
    const admin = { id: 'a', provider: 'openai', admin: true };
    const elsewhere = { id: 'e', provider: 'openai', admin: true, endpoint: 'https://gateway.example.com/v1' };
    expect(revokeRoute(member, [member, admin, elsewhere])).toEqual({ kind: 'api', managers: ['a'] });
    expect(revokeRoute(member, [member, elsewhere])).toEqual({ kind: 'page', url: 'https://platform.openai.com/api-keys' });
    expect(revokeRoute(admin, [member, admin])).toEqual({ kind: 'page', url: 'https://platform.openai.com/api-keys' });
    const router = { id: 'r', provider: 'openrouter' };
    const manager = { id: 'g', provider: 'openrouter', usage: { management: true as const } };
    expect(revokeRoute(router, [router, manager])).toEqual({ kind: 'api', managers: ['g'] });
    expect(revokeRoute({ id: 'x', provider: 'gemini' }, [])).toEqual({ kind: 'page', url: 'https://aistudio.google.com/apikey' });
    expect(revokeRoute({ id: 'o', provider: 'ollama' }, [])).toBeUndefined();
  });
});

describe('requests for spend', () => {
  it('go to the key’s own endpoint with the key in its header, ids from answers encoded as plain ids only', () => {
    const request = spendRequest(openai, { ...ADMIN, endpoint: 'https://gateway.example.com/v1' }, '/organization/projects/{project}/api_keys/{key}', { method: 'DELETE', ids: { project: 'proj_abc', key: 'key_abc' } });
    expect(request).toEqual({ url: 'https://gateway.example.com/v1/organization/projects/proj_abc/api_keys/key_abc', method: 'DELETE', headers: { accept: 'application/json', authorization: `Bearer ${ADMIN.secret}` } });
    for (const bad of ['..', 'a/b', 'a?b', 'a#b', '', '.hidden', 'x'.repeat(201)]) {
      expect(() => spendRequest(openai, ADMIN, '/organization/projects/{project}/api_keys', { ids: { project: bad } }), bad).toThrow(SpendError);
    }
  });
});
