import { describe, expect, it } from 'vitest';
import { PROVIDERS, findProvider, type Provider } from '../../lib/providers/catalog.ts';
import { classifyAnswer, providerMessage, type CheckAnswer, type CheckResult } from '../../lib/providers/classify.ts';
import { detectProvider } from '../../lib/providers/detect.ts';
import { buildCheckRequest } from '../../lib/providers/check-request.ts';
import type { EndpointError } from '../../lib/providers/effective-endpoint.ts';
import { say, sayOrQuote } from '../../lib/say.ts';
import { endpointProblem } from '../../lib/providers/endpoint.ts';
import { isAdminKey } from '../../lib/providers/admin-key.ts';
import { consoleProviders } from '../../lib/fill/sites.ts';
import { ANSWERS, bodyFor, type RecordedAnswer } from '../fixtures/provider-answers.ts';

const provider = (id: string): Provider => findProvider(id)!;
const answer = (status: number, body: unknown = {}): CheckAnswer => ({
  kind: 'response',
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const SECRET = 'sk-proj-secretvalue1234567890';
/** A check's result with our words said, as the background stores it. */
const said = ({ message, credit, ...result }: CheckResult) => ({
  ...result,
  ...(message ? { message: sayOrQuote(message) } : {}),
  ...(credit ? { credit: sayOrQuote(credit) } : {}),
});
const outcome = (id: string, a: CheckAnswer) => said(classifyAnswer(provider(id), a, SECRET));
/** What the error `build` throws says. */
function thrownWords(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    return say((error as EndpointError).words);
  }
  throw new Error('nothing was thrown');
}

describe('classifying answers', () => {
  it.each([
    ['openai', answer(200, { data: [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }] }), 'valid'],
    ['openai', answer(401, { error: { message: 'Incorrect API key provided: sk-proj-****7890.', code: 'invalid_api_key' } }), 'invalid'],
    ['openai', answer(403, { error: { message: 'You have insufficient permissions for this operation. Missing scopes: api.model.read.' } }), 'restricted'],
    ['openai', answer(429, { error: { message: 'You exceeded your current quota, please check your plan and billing details.', code: 'insufficient_quota' } }), 'no-credit'],
    ['openai', answer(429, { error: { message: 'Rate limit reached for requests', code: 'rate_limit_exceeded' } }), 'rate-limited'],
    ['openai', answer(503, 'upstream connect error'), 'error'],
    ['openai', answer(200, 'not json at all'), 'valid'],
    ['anthropic', answer(200, { data: [{ id: 'claude-3-5-haiku-latest', type: 'model' }], has_more: false }), 'valid'],
    ['anthropic', answer(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }), 'invalid'],
    ['anthropic', answer(403, { type: 'error', error: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' } }), 'restricted'],
    ['anthropic', answer(429, { type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' } }), 'rate-limited'],
    ['anthropic', answer(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }), 'error'],
    ['gemini', answer(200, { models: [{ name: 'models/gemini-2.0-flash' }] }), 'valid'],
    ['gemini', answer(400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } }), 'invalid'],
    ['gemini', answer(403, { error: { code: 403, message: 'Requests from referer <empty> are blocked.', status: 'PERMISSION_DENIED', details: [{ reason: 'API_KEY_HTTP_REFERRER_BLOCKED' }] } }), 'restricted'],
    ['gemini', answer(400, { error: { code: 400, message: 'User location is not supported for the API use.', status: 'FAILED_PRECONDITION' } }), 'restricted'],
    ['gemini', answer(429, { error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } }), 'rate-limited'],
    ['mistral', answer(401, { message: 'Unauthorized', request_id: 'x' }), 'invalid'],
    ['mistral', answer(402, { message: 'Payment required' }), 'no-credit'],
    ['groq', answer(498, { error: { message: 'Flex tier capacity exceeded' } }), 'rate-limited'],
    ['openrouter', answer(200, { data: { label: 'sk-or-v1-abc...', limit: 10, limit_remaining: 7.5, usage: 2.5, is_free_tier: false } }), 'valid'],
    ['openrouter', answer(200, { data: { limit: 5, limit_remaining: 0, usage: 5 } }), 'no-credit'],
    ['openrouter', answer(402, { error: { message: 'Insufficient credits' } }), 'no-credit'],
    ['xai', answer(200, { api_key_blocked: false, api_key_disabled: false, team_blocked: false }), 'valid'],
    ['xai', answer(200, { api_key_blocked: true }), 'invalid'],
    ['xai', answer(200, { team_blocked: true }), 'restricted'],
    ['xai', answer(400, { error: 'Incorrect API key provided' }), 'invalid'],
    ['deepseek', answer(200, { is_available: true, balance_infos: [{ currency: 'USD', total_balance: '4.20' }] }), 'valid'],
    ['deepseek', answer(200, { is_available: false, balance_infos: [{ currency: 'CNY', total_balance: '0.00' }] }), 'no-credit'],
    ['together', answer(200, [{ id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo' }]), 'valid'],
    ['perplexity', answer(400, { error: { message: "Invalid model 'ai-key-vault-check'" } }), 'valid'],
    ['perplexity', answer(401, '<html>401 Authorization Required</html>'), 'invalid'],
    ['cohere', answer(200, { valid: true, organization_id: 'o' }), 'valid'],
    ['cohere', answer(200, { valid: false }), 'invalid'],
    ['azure-openai', answer(401, { error: { code: '401', message: 'Access denied due to invalid subscription key.' } }), 'invalid'],
    ['ollama', answer(200, { models: [{ name: 'llama3.2:latest' }] }), 'valid'],
    ['ollama', answer(403, ''), 'unreachable'],
    ['lmstudio', answer(200, { data: [{ id: 'qwen2.5-7b-instruct' }] }), 'valid'],
    ['openai-compatible', answer(404, { detail: 'Not Found' }), 'error'],
  ] as const)('%s: HTTP answer → %s', (id, a, expected) => {
    expect(outcome(id, a).status).toBe(expected);
  });

  it('reads models, credit and the provider’s own words', () => {
    expect(outcome('gemini', answer(200, { models: [{ name: 'models/gemini-2.0-flash' }] })).models).toEqual(['gemini-2.0-flash']);
    expect(outcome('openrouter', answer(200, { data: { limit: 10, limit_remaining: 7.5, usage: 2.5 } })).credit).toBe('$7.50 left of $10.00');
    expect(outcome('openrouter', answer(200, { data: { limit: null, limit_remaining: null, usage: 1 } })).credit).toBe('$1.00 used, no limit');
    expect(outcome('deepseek', answer(200, { is_available: true, balance_infos: [{ currency: 'USD', total_balance: '4.20' }] })).credit).toBe('4.20 USD');
    expect(outcome('anthropic', answer(401, { error: { type: 'authentication_error', message: 'invalid x-api-key' } })).message).toBe('invalid x-api-key');
    expect(outcome('ollama', answer(200, { models: [] })).message).toBe('Running');
    expect(outcome('ollama', answer(403, '')).message).toMatch(/OLLAMA_ORIGINS/);
  });

  it('says a 5xx is the provider’s trouble, not the key’s', () => {
    expect(outcome('openai', answer(502, '')).message).toMatch(/having trouble.*may be fine/);
  });

  it('reports no answer as unreachable, with a hint for local servers', () => {
    expect(outcome('openai', { kind: 'failure', reason: 'timeout', host: 'api.openai.com' })).toMatchObject({ status: 'unreachable', message: 'api.openai.com did not answer in time.' });
    expect(outcome('ollama', { kind: 'failure', reason: 'network', host: 'localhost:11434' }).message).toMatch(/Is Ollama running\?/);
    expect(outcome('openai', { kind: 'failure', reason: 'no-permission', host: 'proxy.example.com' }).message).toMatch(/may not contact proxy.example.com/);
  });

  it('survives malformed bodies and never repeats the key', () => {
    for (const body of ['', 'null', '[]', '{"error":', '{"data":"x"}', '{"data":[1,null,{"id":5}]}', 'x'.repeat(100_000)]) {
      for (const status of [200, 400, 401, 403, 429, 500]) {
        for (const { id } of PROVIDERS) expect(() => classifyAnswer(provider(id), answer(status, body), SECRET)).not.toThrow();
      }
    }
    expect(providerMessage(JSON.stringify({ error: { message: `bad key ${SECRET} given` } }), SECRET)).toBe('bad key [key] given');
    expect(outcome('openai', answer(400, 'y'.repeat(5000))).message!.length).toBeLessThanOrEqual(300);
  });
});

describe('answers as the providers really send them', () => {
  const GEMINI_KEY = `AIza${'G'.repeat(35)}`;
  const replay = (id: string, recorded: RecordedAnswer, secret: string) =>
    said(classifyAnswer(provider(id), { kind: 'response', status: recorded.status, body: bodyFor(recorded, secret) }, secret));

  it('an OpenAI key without the Models: Read scope is restricted (401), with OpenAI’s words', () => {
    const result = replay('openai', ANSWERS.openaiMissingScope, SECRET);
    expect(result.status).toBe('restricted');
    expect(result.message).toMatch(/^You have insufficient permissions for this operation\. Missing scopes: api\.model\.read/);
  });

  it('a Gemini key reported as leaked is invalid, and the result says it was leaked', () => {
    const result = replay('gemini', ANSWERS.geminiLeaked, GEMINI_KEY);
    expect(result).toMatchObject({ status: 'invalid', reason: 'leaked' });
  });

  it('a suspended Gemini key is invalid, and the message does not repeat the key Google echoes', () => {
    const result = replay('gemini', ANSWERS.geminiSuspended, GEMINI_KEY);
    expect(result.status).toBe('invalid');
    expect(result.reason).toBeUndefined();
    expect(result.message).toMatch(/suspended/);
    expect(result.message).not.toContain(GEMINI_KEY);
  });

  it('OpenAI’s region block is restricted: it says nothing about the key', () => {
    expect(replay('openai', ANSWERS.openaiRegion, SECRET)).toMatchObject({ status: 'restricted', message: expect.stringMatching(/not available from this region/) });
  });

  it('a retired kind of Gemini key is invalid, with what to do instead of Google’s OAuth talk', () => {
    const result = replay('gemini', ANSWERS.geminiRetiredKeyType, GEMINI_KEY);
    expect(result).toMatchObject({ status: 'invalid', message: 'Google no longer accepts this kind of key — create a new one in AI Studio.' });
  });

  it('a disabled Anthropic key (404 from the models list) is invalid, while a gateway’s bare 404 stays an error', () => {
    expect(replay('anthropic', ANSWERS.anthropicDisabled, SECRET).status).toBe('invalid');
    expect(outcome('anthropic', answer(404, '<html>Not Found</html>')).status).toBe('error');
  });

  it('LM Studio asking for a token is restricted with its own words when no token is saved, invalid when the saved one is refused', () => {
    const refused = ANSWERS.lmstudioTokenRequired;
    const withoutKey = replay('lmstudio', refused, '');
    expect(withoutKey).toMatchObject({ status: 'restricted', message: expect.stringMatching(/^An LM Studio API token is required/) });
    expect(replay('lmstudio', refused, 'sk-lm-wrongtok:abcdefghijklmnopqrst').status).toBe('invalid');
  });

  it('admin keys are checked with the cheapest administration read, and their result says so', () => {
    const openaiAdmin = `sk-admin-${'a'.repeat(58)}T3BlbkFJ${'b'.repeat(58)}`;
    const anthropicAdmin = `sk-ant-admin01-${'c'.repeat(93)}AA`;
    expect(isAdminKey({ provider: 'openai', secret: openaiAdmin })).toBe(true);
    expect(isAdminKey({ provider: 'anthropic', secret: anthropicAdmin })).toBe(true);
    expect(isAdminKey({ provider: 'openai', secret: SECRET })).toBe(false);
    expect(isAdminKey({ provider: 'anthropic', secret: `sk-ant-api03-${'c'.repeat(93)}AA` })).toBe(false);
    expect(isAdminKey({ provider: 'groq', secret: openaiAdmin })).toBe(false);

    const openaiRequest = buildCheckRequest(provider('openai'), { secret: openaiAdmin, fields: {} });
    expect(openaiRequest).toMatchObject({ method: 'GET', url: `https://api.openai.com/v1${ANSWERS.openaiAdminKeys.path}` });
    expect(openaiRequest.headers.authorization).toBe(`Bearer ${openaiAdmin}`);
    const anthropicRequest = buildCheckRequest(provider('anthropic'), { secret: anthropicAdmin, fields: {} });
    expect(anthropicRequest).toMatchObject({ method: 'GET', url: `https://api.anthropic.com/v1${ANSWERS.anthropicAdminKeys.path}` });
    expect(anthropicRequest.headers).toMatchObject({ 'x-api-key': anthropicAdmin, 'anthropic-version': '2023-06-01' });

    expect(replay('openai', ANSWERS.openaiAdminKeys, openaiAdmin)).toMatchObject({ status: 'valid', admin: true });
    expect(replay('anthropic', ANSWERS.anthropicAdminKeys, anthropicAdmin)).toMatchObject({ status: 'valid', admin: true });
    expect(outcome('openai', answer(401, { error: { message: 'Incorrect API key provided' } }))).not.toHaveProperty('admin');
    expect(classifyAnswer(provider('openai'), answer(401, {}), openaiAdmin)).toMatchObject({ status: 'invalid', admin: true });
  });

  it('sends a saved LM Studio token as a Bearer token, and nothing when none is saved', () => {
    expect(buildCheckRequest(provider('lmstudio'), { secret: 'sk-lm-abcdefgh:abcdefghijklmnopqrst', fields: {} }).headers.authorization).toBe('Bearer sk-lm-abcdefgh:abcdefghijklmnopqrst');
    expect(buildCheckRequest(provider('lmstudio'), { secret: '', fields: {} }).headers.authorization).toBeUndefined();
  });

  it('sends OpenAI’s saved organization and project, and refuses values that could break a header', () => {
    const headers = buildCheckRequest(provider('openai'), { secret: SECRET, fields: { organization: 'org-abc123', project: 'proj_abc123' } }).headers;
    expect(headers).toMatchObject({ 'openai-organization': 'org-abc123', 'openai-project': 'proj_abc123' });
    expect(buildCheckRequest(provider('openai'), { secret: SECRET, fields: {} }).headers).not.toHaveProperty('openai-organization');
    expect(thrownWords(() => buildCheckRequest(provider('openai'), { secret: SECRET, fields: { project: 'proj\r\nx-evil: 1' } }))).toMatch(/Project/);
  });

  it('links to where each provider makes keys today, and knows their consoles', () => {
    expect(provider('anthropic').getKeyUrl).toBe('https://platform.claude.com/settings/keys');
    expect(provider('gemini').getKeyUrl).toBe('https://aistudio.google.com/apikey');
    expect(provider('perplexity').getKeyUrl).toBe('https://www.perplexity.ai/account/api/keys');
    expect(consoleProviders('https://platform.claude.com/settings/keys')).toEqual(['anthropic']);
    expect(consoleProviders('https://console.anthropic.com/settings/keys')).toEqual(['anthropic']);
    for (const { getKeyUrl, consoleOrigins, id } of PROVIDERS) {
      if (getKeyUrl && consoleOrigins.length) expect(consoleOrigins, id).toContain(new URL(getKeyUrl).origin);
    }
  });
});

describe('detecting the provider of a pasted key', () => {
  const top = (key: string, name?: string) => detectProvider(key, name)[0]?.provider;
  const sample = (prefix: string, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') =>
    prefix + Array.from({ length }, (_, i) => alphabet[(i * 7) % alphabet.length]).join('');

  it.each([
    ['openai project key', `sk-proj-${sample('', 40)}T3BlbkFJ${sample('', 40)}`, 'openai'],
    ['openai legacy key', `sk-${sample('', 20)}T3BlbkFJ${sample('', 20)}`, 'openai'],
    ['openai admin key', `sk-admin-${sample('', 58)}T3BlbkFJ${sample('', 58)}`, 'openai'],
    ['anthropic admin key', `sk-ant-admin01-${sample('', 93)}AA`, 'anthropic'],
    ['lm studio token', `sk-lm-${sample('', 8)}:${sample('', 20)}`, 'lmstudio'],
    ['anthropic key', `sk-ant-api03-${sample('', 93)}AA`, 'anthropic'],
    ['gemini key', sample('AIza', 35), 'gemini'],
    ['groq key', sample('gsk_', 52), 'groq'],
    ['openrouter key', sample('sk-or-v1-', 64, '0123456789abcdef'), 'openrouter'],
    ['xai key', sample('xai-', 80), 'xai'],
    ['perplexity key', sample('pplx-', 48), 'perplexity'],
    ['together key', sample('tgp_v1_', 43), 'together'],
    ['deepseek key', sample('sk-', 32, '0123456789abcdef'), 'deepseek'],
  ])('%s', (_, key, expected) => {
    expect(top(key)).toBe(expected);
    expect(top(`  ${key}\n`)).toBe(expected);
  });

  it('recognises OpenAI’s old service-account keys as surely OpenAI’s (trufflehog’s openai detector)', () => {
    expect(detectProvider(`sk-service-${sample('', 30)}T3BlbkFJ${sample('', 30)}`)[0]).toEqual({ provider: 'openai', confidence: 'exact' });
  });

  it('ranks candidates for ambiguous formats and lets a variable name decide', () => {
    const bare32 = sample('', 32, '0123456789abcdef');
    expect(detectProvider(bare32).map((c) => c.provider)).toEqual(expect.arrayContaining(['mistral', 'azure-openai']));
    expect(detectProvider(bare32).every((c) => c.confidence === 'possible')).toBe(true);
    expect(top(bare32, 'AZURE_OPENAI_API_KEY')).toBe('azure-openai');
    expect(top(sample('', 32), 'MISTRAL_API_KEY')).toBe('mistral');
    expect(top(sample('', 40), 'COHERE_API_KEY')).toBe('cohere');
  });

  it('does not match look-alikes', () => {
    for (const key of ['sk-ant-short', 'AIza-too-short', 'gsk_' + 'a'.repeat(51), 'sk-or-v1-XYZ', 'password123', 'hello world', 'ghp_' + 'a'.repeat(36), '']) {
      expect(detectProvider(key).filter((c) => c.confidence === 'exact'), key).toEqual([]);
    }
    expect(top(`sk-ant-api03-${'a'.repeat(93)}AA`)).not.toBe('openai');
  });
});

describe('check requests', () => {
  it('puts the key in the header each provider expects, never in the URL', () => {
    const expectations: Record<string, string> = { openai: 'authorization', anthropic: 'x-api-key', gemini: 'x-goog-api-key', 'azure-openai': 'api-key' };
    for (const [id, header] of Object.entries(expectations)) {
      const request = buildCheckRequest(provider(id), { secret: SECRET, fields: { resource: 'contoso' } });
      expect(Object.entries(request.headers).find(([, v]) => v.includes(SECRET))?.[0]).toBe(header);
      expect(request.url).not.toContain(SECRET);
    }
    expect(buildCheckRequest(provider('anthropic'), { secret: SECRET, fields: {} }).headers['anthropic-dangerous-direct-browser-access']).toBe('true');
  });

  it('uses the override endpoint and fills Azure’s template safely', () => {
    expect(buildCheckRequest(provider('openai'), { secret: 'k', endpoint: 'http://127.0.0.1:8080/v1/', fields: {} }).url).toBe('http://127.0.0.1:8080/v1/models');
    expect(buildCheckRequest(provider('azure-openai'), { secret: 'k', fields: { resource: 'contoso' } }).url).toBe(
      'https://contoso.openai.azure.com/openai/models?api-version=2024-10-21',
    );
    for (const resource of ['evil.com/x?', 'a@b', 'a:1', '', 'a/b']) {
      expect(thrownWords(() => buildCheckRequest(provider('azure-openai'), { secret: 'k', fields: { resource } })), resource).toMatch(/Resource/);
    }
    expect(thrownWords(() => buildCheckRequest(provider('openai-compatible'), { secret: 'k', fields: {} }))).toMatch(/no endpoint/);
    expect(buildCheckRequest(provider('ollama'), { secret: '', fields: {} }).headers.authorization).toBeUndefined();
  });

  it('accepts https anywhere and http only on loopback, without credentials', () => {
    expect(endpointProblem('https://gateway.example.com/v1')).toBeNull();
    expect(endpointProblem('http://localhost:11434')).toBeNull();
    expect(endpointProblem('http://127.0.0.2:8000')).toBeNull();
    expect(endpointProblem('http://[::1]:8000')).toBeNull();
    for (const bad of ['http://example.com', 'ftp://x.y', 'https://u:p@x.y', 'https://x.y/?key=1', 'javascript:alert(1)', 'not a url']) {
      expect(endpointProblem(bad), bad).not.toBeNull();
    }
  });
});
