import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isChangeAnnouncement, isCheckProgress, type CheckProgress } from '../../lib/vault-events.ts';
import { CHECK_CONCURRENCY } from '../../lib/background/checks/checks.ts';
import { clock, must, network, send, startWorker } from './background-harness.ts';
import { ANSWERS, bodyFor } from '../fixtures/provider-answers.ts';

const OPENAI = { provider: 'openai', name: 'Main', secret: 'sk-proj-CHECKMEaaaaaaaaaaaaaaaaaaaaaaaa' };

async function settle(predicate: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('never settled');
}

const entries = async () => (await must('listEntries', {})).entries;
const statusOf = async (name: string) => (await entries()).find((e) => e.name === name)?.validation?.status;

beforeEach(async () => {
  fakeBrowser.reset();
  network.reset();
  clock.now = 1_700_000_000_000;
  startWorker();
  await must('create', { passphrase: 'a long enough passphrase' });
});

describe('checking keys', () => {
  it('checks a key right after it is saved, at its own endpoint, the key in a header only', async () => {
    await must('addEntry', { entry: OPENAI });
    await settle(async () => (await statusOf('Main')) === 'valid');
    expect(network.sent).toHaveLength(1);
    const [{ url, init }] = network.sent as [(typeof network.sent)[number]];
    expect(url).toBe('https://api.openai.com/v1/models');
    expect((init.headers as Record<string, string>).authorization).toBe(`Bearer ${OPENAI.secret}`);
    expect(init).toMatchObject({ credentials: 'omit', redirect: 'error' });
  });

  it('stores the outcome, the provider’s message and the models, and counts bad keys on the badge', async () => {
    network.answer = () => new Response(JSON.stringify({ error: { message: 'Incorrect API key provided.' } }), { status: 401 });
    const { entry } = await must('addEntry', { entry: OPENAI });
    const { validation } = await must('checkEntry', { id: entry.id });
    expect(validation).toMatchObject({ status: 'invalid', message: 'Incorrect API key provided.', checkedAt: clock.now });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    network.answer = () => new Response(JSON.stringify({ data: [{ id: 'gpt-4o' }] }), { status: 200 });
    expect((await must('checkEntry', { id: entry.id })).validation).toMatchObject({ status: 'valid', models: ['gpt-4o'] });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    await must('lock', {});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('stores the results of a check of 60 keys in a few writes, and tells open pages in a few messages', async () => {
    network.answer = () => new Response('{}', { status: 503 }); // the checks after each save: one result each
    for (let i = 0; i < 60; i++) await must('addEntry', { entry: { ...OPENAI, name: `Key ${i}`, secret: `${OPENAI.secret}${i}` } });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    network.reset();
    network.delayMs = 10;
    const local = fakeBrowser.storage.local;
    const set = vi.spyOn(local, 'set');
    const heard: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => void (isChangeAnnouncement(message) && heard.push(message)));
    await must('checkAll', {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await entries()).filter((e) => e.validation?.status === 'valid')).toHaveLength(60);
    const writes = set.mock.calls.filter(([items]) => Object.keys(items as object).some((key) => key.startsWith('page.'))).length;
    console.info(`check of 60 keys: ${writes} writes, ${heard.length} announcements`);
    expect(writes).toBeLessThanOrEqual(6);
    expect(heard.length).toBeLessThanOrEqual(6);
  });

  it('notifies once when a valid key turns invalid, naming the key and its provider', async () => {
    const created = vi.spyOn(fakeBrowser.notifications, 'create');
    const { entry } = await must('addEntry', { entry: OPENAI });
    await must('checkEntry', { id: entry.id });
    network.answer = () => new Response('{}', { status: 401 });
    await must('checkEntry', { id: entry.id });
    await must('checkEntry', { id: entry.id });
    const shown = await fakeBrowser.notifications.getAll();
    expect(Object.keys(shown)).toEqual([`invalid-${entry.id}`]);
    expect(JSON.stringify(shown)).not.toContain(OPENAI.secret);
    expect(created.mock.calls.map(([, options]) => options)).toEqual([
      expect.objectContaining({ title: 'An API key stopped working', message: '“Main” (OpenAI) is no longer valid.' }),
    ]);
    created.mockRestore();
  });

  it('says “reported as leaked — create a new key” once when Google reports a key as leaked, even a key last seen restricted', async () => {
    const GEMINI = { provider: 'gemini', name: 'Studio', secret: `AIza${'L'.repeat(35)}` };
    const created = vi.spyOn(fakeBrowser.notifications, 'create');
    const leaked = ANSWERS.geminiLeaked;
    network.answer = () => new Response(JSON.stringify({ error: { code: 403, status: 'PERMISSION_DENIED', details: [{ reason: 'API_KEY_HTTP_REFERRER_BLOCKED' }] } }), { status: 403 });
    const { entry } = await must('addEntry', { entry: GEMINI });
    expect((await must('checkEntry', { id: entry.id })).validation?.status).toBe('restricted');
    network.answer = () => new Response(bodyFor(leaked, GEMINI.secret), { status: leaked.status, headers: leaked.headers });
    expect((await must('checkEntry', { id: entry.id })).validation).toMatchObject({ status: 'invalid', reason: 'leaked' });
    await must('checkEntry', { id: entry.id });
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([`invalid-${entry.id}`]);
    expect(created.mock.calls.map(([, options]) => options)).toEqual([
      expect.objectContaining({ title: 'An API key was reported as leaked', message: '“Studio” (Google Gemini): Reported as leaked — create a new key.' }),
    ]);
    created.mockRestore();
  });

  it('reports a timeout, a failed connection and a missing permission as unreachable', async () => {
    network.delayMs = 1000; // beyond the 200 ms test timeout
    const { entry } = await must('addEntry', { entry: OPENAI });
    expect((await must('checkEntry', { id: entry.id })).validation).toMatchObject({ status: 'unreachable', message: 'api.openai.com did not answer in time.' });
    network.delayMs = 0;
    network.answer = () => 'fail';
    expect((await must('checkEntry', { id: entry.id })).validation?.status).toBe('unreachable');
    const sentBefore = network.sent.length;
    const { entry: other } = await must('addEntry', { entry: { ...OPENAI, name: 'Gateway', endpoint: 'https://forbidden.example/v1' } });
    expect((await must('checkEntry', { id: other.id })).validation?.message).toMatch(/may not contact forbidden.example/);
    expect(network.sent.slice(sentBefore).some((r) => r.url.includes('forbidden.example'))).toBe(false);
  });

  it('drops a result when the key changed while it was being checked', async () => {
    network.delayMs = 50;
    network.answer = () => new Response('{}', { status: 401 });
    const { entry } = await must('addEntry', { entry: OPENAI });
    const checking = send('checkEntry', { id: entry.id });
    await must('updateEntry', { id: entry.id, changes: { secret: 'sk-proj-NEWKEYbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' } });
    network.answer = () => new Response('{"data":[]}', { status: 200 });
    await checking;
    await settle(async () => (await statusOf('Main')) === 'valid');
  });

  it('checks all keys with bounded concurrency, reporting progress, and can be stopped', async () => {
    network.delayMs = 20;
    for (let i = 0; i < 20; i++) await must('addEntry', { entry: { ...OPENAI, name: `Key ${i}` } });
    await settle(async () => network.inFlight === 0 && (await entries()).every((e) => e.validation));
    network.sent = [];
    network.maxInFlight = 0;
    network.answer = () => new Response('{}', { status: 429 });
    const progress: CheckProgress[] = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => void (isCheckProgress(m) && progress.push(m)));
    await must('checkAll', {});
    expect(network.sent).toHaveLength(20);
    expect(network.maxInFlight).toBe(CHECK_CONCURRENCY);
    expect((await entries()).every((e) => e.validation?.status === 'rate-limited')).toBe(true);
    expect(progress.at(0)).toMatchObject({ done: 0, total: 20, running: true });
    expect(progress.at(-1)).toMatchObject({ done: 20, total: 20, running: false });

    network.sent = [];
    network.delayMs = 100;
    const run = send('checkAll', {});
    await new Promise((resolve) => setTimeout(resolve, 30));
    await must('cancelChecks', {});
    await run;
    expect(network.sent.length).toBe(CHECK_CONCURRENCY);
  });
});
