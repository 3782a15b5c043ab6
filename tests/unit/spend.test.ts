import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SPEND_ALARM } from '../../lib/background/spend/spend.ts';
import { shareOf } from '../../lib/sync/synced-version.ts';
import type { Entry } from '../../lib/vault/payload-schema.ts';
import { clock, must, network, send, startWorker, type SentRequest } from './background-harness.ts';
import { SPEND_ANSWERS, openaiCompletionsPage, openaiCostsPage, openaiListPage, openaiProjectKey } from '../fixtures/spend-answers.ts';
import { ANSWERS, bodyFor, type RecordedAnswer } from '../fixtures/provider-answers.ts';

const ROUTER_KEY = `sk-or-v1-${'7'.repeat(60)}0890`;
const MANAGER_KEY = `sk-or-v1-${'5'.repeat(60)}0c96`;
const ADMIN_KEY = `sk-admin-${'a'.repeat(40)}`;
const MEMBER_KEY = `sk-proj-${'m'.repeat(40)}9f2c`;
const ANTHROPIC_ADMIN_KEY = `sk-ant-admin01-${'b'.repeat(40)}`;
const ANTHROPIC_MEMBER_KEY = `sk-ant-api03-R2D${'c'.repeat(77)}igAA`;
const SECRETS = [ROUTER_KEY, MANAGER_KEY, ADMIN_KEY, MEMBER_KEY, ANTHROPIC_ADMIN_KEY, ANTHROPIC_MEMBER_KEY];

const TODAY = Date.UTC(2023, 10, 14) / 1000; // clock.now is 2023-11-14T22:13:20Z
const MONTH = Date.UTC(2023, 10, 1) / 1000;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const recorded = (answer: RecordedAnswer) => new Response(bodyFor(answer, ''), { status: answer.status, headers: answer.headers });

/** What the fake providers answer; tests change parts of it. */
let provider: Record<string, (url: URL, init: RequestInit) => Response>;

function defaultProvider(): typeof provider {
  const keyOf = (init: RequestInit) => (init.headers as Record<string, string>).authorization?.replace('Bearer ', '');
  return {
    'GET /api/v1/key': (_, init) =>
      keyOf(init) === MANAGER_KEY
        ? json({ data: { ...SPEND_ANSWERS.openrouterKey.body.data, label: 'sk-or-v1-555...c96', is_management_key: true, usage: 0, usage_daily: 0, usage_weekly: 0, usage_monthly: 0 } })
        : json({ data: { ...SPEND_ANSWERS.openrouterKey.body.data, label: 'sk-or-v1-777...890' } }),
    'GET /api/v1/credits': () => recorded(SPEND_ANSWERS.openrouterCredits),
    'GET /api/v1/keys': (url) =>
      json(url.searchParams.get('offset') ? { data: [] } : { data: [{ ...SPEND_ANSWERS.openrouterKeys.body.data[0], label: 'sk-or-v1-777...890' }, { ...SPEND_ANSWERS.openrouterKeys.body.data[0], hash: 'b'.repeat(64), label: 'sk-or-v1-555...c96', name: 'Manager' }] }),
    'PATCH /api/v1/keys/f01d52606dc8f0a8303a7b5cc3fa07109c2e346cec7c0a16b40de462992ce943': () => json({ data: { ...SPEND_ANSWERS.openrouterKeys.body.data[0], disabled: true } }),
    'GET /v1/models': () => json({ data: [{ id: 'gpt-4o' }] }),
    'GET /v1/organization/admin_api_keys': () => recorded(ANSWERS.openaiAdminKeys),
    'GET /v1/organization/projects': () => json(openaiListPage([{ ...SPEND_ANSWERS.openaiProjects.body.data[0], id: 'proj_main', name: 'Main project' }], false)),
    'GET /v1/organization/projects/proj_main/api_keys': () => json(openaiListPage([openaiProjectKey('key_member', 'sk-proj-...9f2c', 1_699_990_000), openaiProjectKey('key_other', 'sk-proj-...0000')], false)),
    'GET /v1/organization/costs': (url) => json(url.searchParams.get('page') ? openaiCostsPage(TODAY, { key_member: 4.25, key_other: 1 }, null) : openaiCostsPage(MONTH, { key_member: 10 }, 'second')),
    'GET /v1/organization/usage/completions': () => json(openaiCompletionsPage(TODAY, { key_member: 12 }, null)),
    'DELETE /v1/organization/projects/proj_main/api_keys/key_member': () => recorded(SPEND_ANSWERS.openaiKeyDeleted),
    'GET /v1/organizations/api_keys': () => json({ ...ANSWERS.anthropicAdminKeys.body, has_more: false }),
    'GET /v1/organizations/me': () => recorded(SPEND_ANSWERS.anthropicMe),
    'GET /v1/organizations/usage_report/messages': () => json({ ...SPEND_ANSWERS.anthropicUsage.body, data: [{ ...SPEND_ANSWERS.anthropicUsage.body.data[0], starting_at: '2023-11-14T00:00:00Z' }], has_more: false, next_page: null }),
    'GET /v1/organizations/cost_report': () => json({ ...SPEND_ANSWERS.anthropicCost.body, has_more: false, next_page: null }),
    'POST /v1/organizations/api_keys/apikey_01Rj2N8SVvo6BePZj99NhmiT': () => recorded(SPEND_ANSWERS.anthropicKeyInactive),
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  network.reset();
  clock.now = 1_700_000_000_000;
  provider = defaultProvider();
  network.answer = (address, init) => {
    const url = new URL(address);
    const route = provider[`${init.method ?? 'GET'} ${url.pathname}`];
    return route ? route(url, init) : json({ error: { message: 'not found' } }, 404);
  };
  startWorker();
  await must('create', { passphrase: 'a long enough passphrase' });
});

const add = async (provider: string, name: string, secret: string) => (await must('addEntry', { entry: { provider, name, secret } })).entry;
const listed = async (id: string) => (await must('listEntries', {})).entries.find((entry) => entry.id === id)!;
const since = (before: number) => network.sent.slice(before);
const pathOf = (request: SentRequest) => `${request.init.method} ${new URL(request.url).pathname}`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** No request carried a key in its URL, and each key went only to its provider's own host. */
function expectKeysOnlyInHeaders(requests: readonly SentRequest[]) {
  for (const { url, init } of requests) {
    for (const secret of SECRETS) expect(url).not.toContain(secret);
    expect(JSON.stringify(init.body ?? '')).not.toMatch(/sk-/);
  }
}

describe('usage on each key', () => {
  it('reads an OpenRouter key’s own usage and limit, with the key in its header, on demand', async () => {
    const key = await add('openrouter', 'Router', ROUTER_KEY);
    await settle();
    const before = network.sent.length;
    expect(await must('refreshUsage', {})).toEqual({ refreshedAt: clock.now, keys: 1, problems: 0 });
    expect(since(before).map(pathOf)).toEqual(['GET /api/v1/key']);
    expect((since(before)[0]!.init.headers as Record<string, string>).authorization).toBe(`Bearer ${ROUTER_KEY}`);
    expect((await listed(key.id)).usage).toEqual({ at: clock.now, scope: 'key', today: 25.5, week: 25.5, month: 25.5, total: 25.5, limit: 100, remaining: 74.5, reset: 'monthly', expiresAt: Date.parse('2027-12-31T23:59:59Z') });
    expectKeysOnlyInHeaders(network.sent);
  });

  it('keeps the last figures with the reason when a later read fails, and says it plainly when there never were any', async () => {
    const key = await add('openrouter', 'Router', ROUTER_KEY);
    await must('refreshUsage', {});
    const firstRead = clock.now;
    clock.now += 3_600_000;
    provider['GET /api/v1/key'] = () => recorded(SPEND_ANSWERS.openrouterUnauthorized);
    expect(await must('refreshUsage', {})).toMatchObject({ keys: 1, problems: 1 });
    expect((await listed(key.id)).usage).toMatchObject({ at: clock.now, figuresAt: firstRead, month: 25.5, problem: 'OpenRouter refused to show this key’s usage. OpenRouter said: “User not found.”' });
    const deepseek = await add('deepseek', 'Deep', `sk-${'d'.repeat(32)}`);
    provider['GET /user/balance'] = () => json({ balance: 'unknown shape' });
    await must('refreshUsage', {});
    expect((await listed(deepseek.id)).usage).toEqual({ at: clock.now, scope: 'key', problem: 'DeepSeek answered the balance in a shape AI Key Vault does not know; nothing was changed.' });
  });

  it('with an OpenAI admin key present, shows each of the organization’s keys in the vault its month, and the admin key the organization’s', async () => {
    const member = await add('openai', 'Member', MEMBER_KEY);
    const admin = await add('openai', 'Org admin', ADMIN_KEY);
    await settle();
    const before = network.sent.length;
    await must('refreshUsage', {});
    const sent = since(before);
    // The member's key never left: every request used the admin key.
    expect(sent.every((request) => (request.init.headers as Record<string, string>).authorization === `Bearer ${ADMIN_KEY}`)).toBe(true);
    expectKeysOnlyInHeaders(sent);
    expect((await listed(member.id)).usage).toEqual({ at: clock.now, scope: 'key', today: 4.25, month: 14.25, requests: 12, tokens: 1800, lastUsedAt: 1_699_990_000_000, via: 'admin key “Org admin”, project “Main project”' });
    expect((await listed(admin.id)).usage).toEqual({ at: clock.now, scope: 'organization', today: 5.25, month: 15.25, matched: { keys: 1, of: 1 } });
  });

  it('tells the admin key’s row when the organization cannot be read, and leaves its keys’ figures alone', async () => {
    const member = await add('openai', 'Member', MEMBER_KEY);
    const admin = await add('openai', 'Org admin', ADMIN_KEY);
    await must('refreshUsage', {});
    provider['GET /v1/organization/costs'] = () => recorded(SPEND_ANSWERS.openaiRateLimited);
    clock.now += 60_000;
    await must('refreshUsage', {});
    expect((await listed(admin.id)).usage?.problem).toBe('OpenAI is limiting requests right now; try again later. OpenAI said: “Rate limit reached for requests”');
    expect((await listed(member.id)).usage).toMatchObject({ month: 14.25, at: clock.now - 60_000 });
  });

  it('keeps usage, budgets and revocations on this browser: none of them is shared by sync, and a new key drops them', async () => {
    const key = await add('openrouter', 'Router', ROUTER_KEY);
    await must('refreshUsage', {});
    await must('setBudget', { target: { id: key.id }, budget: 50 });
    const stored = (await listed(key.id)) as unknown as Entry;
    expect(stored.usage).toBeDefined();
    for (const part of ['usage', 'budget', 'revokedAt', 'validation', 'useCount']) expect(shareOf({ ...stored, revokedAt: 1 } as Entry)).not.toHaveProperty(part);
    const { entry } = await must('updateEntry', { id: key.id, changes: { secret: MANAGER_KEY } });
    expect(entry.usage).toBeUndefined();
    expect(entry.budget).toBe(50); // a budget is about the entry, not the key in it
  });
});

describe('reading on a schedule', () => {
  it('reads every six hours while open, not while locked, and on opening only figures older than that', async () => {
    const key = await add('openrouter', 'Router', ROUTER_KEY);
    await settle();
    expect(await fakeBrowser.alarms.get(SPEND_ALARM)).toMatchObject({ periodInMinutes: 360 });
    let before = network.sent.length;
    await fakeBrowser.alarms.onAlarm.trigger({ name: SPEND_ALARM, scheduledTime: clock.now, periodInMinutes: 360, persistAcrossSessions: true });
    await settle();
    expect(since(before).map(pathOf)).toEqual(['GET /api/v1/key']);
    await must('lock', {});
    before = network.sent.length;
    await fakeBrowser.alarms.onAlarm.trigger({ name: SPEND_ALARM, scheduledTime: clock.now, periodInMinutes: 360, persistAcrossSessions: true });
    await settle();
    expect(since(before)).toEqual([]);
    await must('unlock', { passphrase: 'a long enough passphrase' });
    await settle();
    expect(since(before)).toEqual([]); // read moments ago
    await must('lock', {});
    clock.now += 7 * 3_600_000;
    await must('unlock', { passphrase: 'a long enough passphrase' });
    await settle();
    expect(since(before).map(pathOf)).toEqual(['GET /api/v1/key']);
    expect((await listed(key.id)).usage?.at).toBe(clock.now);
  });
});

describe('budgets', () => {
  it('notifies at 80 % and at 100 % once each per month, counts keys over budget on the badge, and says a budget is advice', async () => {
    const created = vi.spyOn(fakeBrowser.notifications, 'create');
    const key = await add('openrouter', 'Router', ROUTER_KEY);
    await must('setBudget', { target: { id: key.id }, budget: 30 });
    await must('setBudget', { target: { provider: 'openrouter' }, budget: 25 });
    await must('refreshUsage', {}); // 25.50 of 30 (85 %) and of 25 (102 %)
    let shown = await fakeBrowser.notifications.getAll();
    expect(Object.keys(shown).sort()).toEqual([`budget-key:${key.id}-80`, 'budget-provider:openrouter-100']);
    expect(created.mock.calls.map((call) => ((call as unknown[])[1] as { message: string }).message)).toEqual([
      '“Router” (OpenRouter) spent $25.50 of $30.00 this month. A budget is advice: the provider keeps serving requests.',
      'Your OpenRouter keys spent $25.50 of $25.00 this month. A budget is advice: the provider keeps serving requests.',
    ]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    await must('refreshUsage', {});
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toHaveLength(2);
    provider['GET /api/v1/key'] = () => json({ data: { ...SPEND_ANSWERS.openrouterKey.body.data, usage_monthly: 31 } });
    await must('refreshUsage', {});
    shown = await fakeBrowser.notifications.getAll();
    expect(Object.keys(shown)).toContain(`budget-key:${key.id}-100`);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    // A new month: last month's figures count for nothing, and the notices may come again.
    clock.now = Date.UTC(2023, 11, 2);
    await must('setBudget', { target: { id: key.id }, budget: 40 });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect((await must('listEntries', {})).settings.providerBudgets).toEqual({ openrouter: 25 });
    await must('setBudget', { target: { provider: 'openrouter' }, budget: null });
    expect((await must('listEntries', {})).settings.providerBudgets).toBeUndefined();
    expect((await send('setBudget', { target: { id: key.id }, budget: -5 })).ok).toBe(false);
  });
});

describe('revoking at the provider', () => {
  it('OpenAI: names the key and its organization, sends exactly one delete with the admin key, then disables the entry and records when', async () => {
    const member = await add('openai', 'Member', MEMBER_KEY);
    await add('openai', 'Org admin', ADMIN_KEY);
    await settle();
    const preview = await must('previewRevoke', { id: member.id });
    expect(preview).toMatchObject({ key: 'Member', providerKey: '“Key key_member” (sk-proj-...9f2c)', organization: 'project “Main project” in the organization of admin key “Org admin”', effect: 'OpenAI deletes the key. This cannot be undone.', alreadyRevoked: false });
    const before = network.sent.length;
    clock.now += 1000;
    expect(await must('revokeAtProvider', { token: preview.token })).toEqual({ revokedAt: clock.now, sent: true });
    const sent = since(before);
    expect(sent.map(pathOf)).toEqual(['DELETE /v1/organization/projects/proj_main/api_keys/key_member']);
    expect((sent[0]!.init.headers as Record<string, string>).authorization).toBe(`Bearer ${ADMIN_KEY}`);
    expect(await listed(member.id)).toMatchObject({ enabled: false, revokedAt: clock.now });
    // A token is good for one confirmation.
    expect(await send('revokeAtProvider', { token: preview.token })).toMatchObject({ ok: false, code: 'import-expired' });
    expectKeysOnlyInHeaders(network.sent);
  });

  it('says what the provider said when it refuses, and changes nothing', async () => {
    const member = await add('openai', 'Member', MEMBER_KEY);
    await add('openai', 'Org admin', ADMIN_KEY);
    const preview = await must('previewRevoke', { id: member.id });
    provider['DELETE /v1/organization/projects/proj_main/api_keys/key_member'] = () => json({ error: { message: 'API keys owned by service accounts cannot be deleted here.', type: 'invalid_request_error' } }, 400);
    const refused = await send('revokeAtProvider', { token: preview.token });
    expect(refused).toEqual({ ok: false, code: 'provider-refused', message: 'Unexpected answer from OpenAI (HTTP 400). OpenAI said: “API keys owned by service accounts cannot be deleted here.”' });
    expect(await listed(member.id)).toMatchObject({ enabled: true });
    expect((await listed(member.id)).revokedAt).toBeUndefined();
  });

  it('Anthropic sets the key inactive; OpenRouter disables it with a management key', async () => {
    const claude = await add('anthropic', 'Claude dev', ANTHROPIC_MEMBER_KEY);
    await add('anthropic', 'Anthropic admin', ANTHROPIC_ADMIN_KEY);
    const router = await add('openrouter', 'Router', ROUTER_KEY);
    await add('openrouter', 'Manager', MANAGER_KEY);
    await settle();
    const anthropicPreview = await must('previewRevoke', { id: claude.id });
    expect(anthropicPreview).toMatchObject({ providerKey: '“Developer Key” (sk-ant-api03-R2D...igAA)', organization: 'organization “Organization Name”' });
    let before = network.sent.length;
    await must('revokeAtProvider', { token: anthropicPreview.token });
    expect(since(before).map(pathOf)).toEqual(['POST /v1/organizations/api_keys/apikey_01Rj2N8SVvo6BePZj99NhmiT']);
    expect(JSON.parse(since(before)[0]!.init.body as string)).toEqual({ status: 'inactive' });
    expect(await listed(claude.id)).toMatchObject({ enabled: false });

    // OpenRouter learns which key manages the account from its own /key answer.
    expect((await send('previewRevoke', { id: router.id })).ok).toBe(false);
    await must('refreshUsage', {});
    const routerPreview = await must('previewRevoke', { id: router.id });
    expect(routerPreview).toMatchObject({ providerKey: '“My Production Key” (sk-or-v1-777...890)', organization: 'the OpenRouter account of management key “Manager”' });
    before = network.sent.length;
    await must('revokeAtProvider', { token: routerPreview.token });
    expect(since(before).map(pathOf)).toEqual(['PATCH /api/v1/keys/f01d52606dc8f0a8303a7b5cc3fa07109c2e346cec7c0a16b40de462992ce943']);
    expect((since(before)[0]!.init.headers as Record<string, string>).authorization).toBe(`Bearer ${MANAGER_KEY}`);
    expect(await listed(router.id)).toMatchObject({ enabled: false });
    expectKeysOnlyInHeaders(network.sent);
  });

  it('cannot revoke without a key that manages it, and a lock forgets a preview', async () => {
    const member = await add('openai', 'Member', MEMBER_KEY);
    expect(await send('previewRevoke', { id: member.id })).toMatchObject({ ok: false, code: 'not-revocable' });
    await add('openai', 'Org admin', ADMIN_KEY);
    const preview = await must('previewRevoke', { id: member.id });
    await must('lock', {});
    await must('unlock', { passphrase: 'a long enough passphrase' });
    const before = network.sent.length;
    expect(await send('revokeAtProvider', { token: preview.token })).toMatchObject({ ok: false, code: 'import-expired' });
    expect(since(before)).toEqual([]);
  });
});
