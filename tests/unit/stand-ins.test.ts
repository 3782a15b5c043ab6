import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clock, must, send, startWorker } from './background-harness.ts';
import { page, resetPage } from './fill-fakes.ts';
import { pageRequest, resetRules, rules, startRequest } from './stand-in-fakes.ts';
import { LIMITS_ALARM } from '../../lib/background/stand-in/stand-ins.ts';
import { BINDINGS_ITEM } from '../../lib/stand-in/sealed-bindings.ts';
import { STAND_IN_MARKER } from '../../lib/stand-in/stand-in-token.ts';

const PASSPHRASE = 'amber lantern 12 orchard';
const OPENAI = { provider: 'openai', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaaaaaa1111' };
const ANTHROPIC = { provider: 'anthropic', name: 'Claude', secret: `sk-ant-api03-${'A'.repeat(93)}AA` };
const APP = 'https://app.example.com';
const CHAT = 'https://api.openai.com/v1/chat/completions';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const fillStandIn = (id: string) => send('fillStandIn', { id, tabId: page.tab.id });
/** A request from the app's page with the stand-in it was given: the key the provider receives. */
const providerGets = (standIn: string, from = APP, url = CHAT) => pageRequest(from, url, { Authorization: `Bearer ${standIn}` }).authorization;
const listed = async () => (await must('standIns', {})).bindings;
/** The limits alarm goes off (the fake browser's alarms do not run on their own). */
const limitsAlarm = () => fakeBrowser.alarms.onAlarm.trigger({ name: LIMITS_ALARM, scheduledTime: clock.now, persistAcrossSessions: false });
/** The next `count` requests, one after another, as the provider receives them. */
async function requests(standIn: string, count: number): Promise<string[]> {
  const got: string[] = [];
  for (let i = 0; i < count; i++) {
    got.push(providerGets(standIn)!);
    await settle();
  }
  return got;
}

let ids: Record<string, string>;

beforeEach(async () => {
  fakeBrowser.reset();
  resetPage();
  resetRules();
  page.granted.add(`${APP}/*`);
  startWorker();
  await must('create', { passphrase: PASSPHRASE });
  ids = {};
  for (const key of [OPENAI, ANTHROPIC]) ids[key.provider] = (await must('addEntry', { entry: key })).entry.id;
  await settle(); // the checks that follow a save
});

async function boundStandIn(id = ids.openai!): Promise<string> {
  expect((await fillStandIn(id)).ok).toBe(true);
  await settle();
  return page.filled.at(-1)!;
}

describe('Fill stand-in', () => {
  it('fills a stand-in in the key’s shape, never the key, and binds the page’s site', async () => {
    const standIn = await boundStandIn();
    expect(standIn).toMatch(/^sk-proj-AKVstandin[A-Za-z0-9]+T3BlbkFJ[A-Za-z0-9]+$/);
    expect(page.filled).not.toContain(OPENAI.secret);
    expect(await listed()).toEqual([expect.objectContaining({ site: APP, keyName: OPENAI.name, provider: 'openai', today: 0, total: 0, active: true })]);
    // Filling again on the same site gives the same stand-in.
    expect(await boundStandIn()).toBe(standIn);
    expect(await listed()).toHaveLength(1);
  });

  it('makes the provider receive the real key from the bound site only, in the header it expects', async () => {
    const openai = await boundStandIn();
    const anthropic = await boundStandIn(ids.anthropic!);
    expect(providerGets(openai)).toBe(`Bearer ${OPENAI.secret}`);
    expect(pageRequest(APP, 'https://api.anthropic.com/v1/messages', { 'x-api-key': anthropic })['x-api-key']).toBe(ANTHROPIC.secret);
    // Another site with the same stand-in, another host, a CORS preflight: the stand-in stays.
    page.granted.add('https://other.example.com/*');
    expect(providerGets(openai, 'https://other.example.com')).toBe(`Bearer ${openai}`);
    expect(providerGets(openai, APP, 'https://api.example.net/v1/chat/completions')).toBe(`Bearer ${openai}`);
    expect(pageRequest(APP, CHAT, { Authorization: `Bearer ${openai}` }, 'OPTIONS').authorization).toBe(`Bearer ${openai}`);
  });

  it('refuses a site whose host access was not granted, plain http, and a key with its own endpoint; nothing is bound', async () => {
    page.granted.clear();
    expect(await fillStandIn(ids.openai!)).toMatchObject({ ok: false, code: 'fill-refused', message: expect.stringContaining('Allow AI Key Vault on https://app.example.com first') });
    page.tab.url = 'http://app.example.com/settings';
    expect(await fillStandIn(ids.openai!)).toMatchObject({ ok: false, code: 'fill-refused' });
    page.tab.url = `${APP}/settings`;
    page.granted.add(`${APP}/*`);
    const gateway = (await must('addEntry', { entry: { provider: 'openai', name: 'Gateway', secret: 'sk-proj-GATEWAYbbbbbbbbbbbbbbbbbbbbbbbbbbbb2222', endpoint: 'https://gateway.example.com/v1' } })).entry.id;
    expect(await fillStandIn(gateway)).toMatchObject({ ok: false, message: expect.stringContaining('providers’ own APIs') });
    expect(page.filled).toEqual([]);
    expect(await listed()).toEqual([]);
    expect(rules.size).toBe(0);
  });

  it('takes the binding back when the fill itself fails', async () => {
    page.fillAnswer = { ok: false, reason: 'gone' };
    expect((await fillStandIn(ids.openai!)).ok).toBe(false);
    expect(await listed()).toEqual([]);
    expect(rules.size).toBe(0);
  });

  it('the context menu offers “Insert stand-in key” ▸ provider ▸ key, and tells how to allow a site it cannot ask for', async () => {
    expect(page.menu).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'insert-stand-in', title: 'Insert stand-in key' }),
        expect.objectContaining({ id: `stand-in:${ids.openai}`, title: OPENAI.name }),
      ]),
    );
    page.onMenuClicked.fire({ menuItemId: `stand-in:${ids.openai}`, frameId: 0 }, page.tab);
    await settle();
    expect(page.filled).toEqual([expect.stringMatching(/^sk-proj-AKVstandin/)]);
    expect(await listed()).toHaveLength(1);

    page.tab.url = 'https://elsewhere.example.com/chat';
    page.onMenuClicked.fire({ menuItemId: `stand-in:${ids.openai}`, frameId: 0 }, page.tab);
    await settle();
    expect(page.filled).toHaveLength(1);
    expect(page.notifications.at(-1)).toContain('Allow AI Key Vault on https://elsewhere.example.com first');
  });

  it('binding another key of the same API moves the site to it: the old stand-in stops working', async () => {
    const first = await boundStandIn();
    const second = (await must('addEntry', { entry: { provider: 'openai', name: 'Work', secret: 'sk-proj-WORKccccccccccccccccccccccccccccccc3333' } })).entry.id;
    const other = await boundStandIn(second);
    expect(other).not.toBe(first);
    expect(await listed()).toEqual([expect.objectContaining({ keyName: 'Work' })]);
    expect(providerGets(other)).toBe('Bearer sk-proj-WORKccccccccccccccccccccccccccccccc3333');
  });
});

describe('the rules follow the vault', () => {
  it('none while locked, all again after unlock, and they survive a worker restart', async () => {
    const standIn = await boundStandIn();
    await must('lock', {});
    await settle();
    expect(rules.size).toBe(0);
    expect(providerGets(standIn)).toBe(`Bearer ${standIn}`);
    await must('unlock', { passphrase: PASSPHRASE });
    await settle();
    expect(providerGets(standIn)).toBe(`Bearer ${OPENAI.secret}`);

    startWorker(); // the browser stopped the idle worker: the rules stay, and requests still count
    expect(providerGets(standIn)).toBe(`Bearer ${OPENAI.secret}`);
    await settle();
    expect(await listed()).toEqual([expect.objectContaining({ today: 2, total: 2 })]);
  });

  it('a disabled or deleted key takes its rule away; enabling it again brings the rule back', async () => {
    const standIn = await boundStandIn();
    await must('updateEntry', { id: ids.openai!, changes: { enabled: false } });
    await settle();
    expect(providerGets(standIn)).toBe(`Bearer ${standIn}`);
    expect(await listed()).toEqual([expect.objectContaining({ active: false, status: 'Its key is disabled.' })]);
    await must('updateEntry', { id: ids.openai!, changes: { enabled: true } });
    await settle();
    expect(providerGets(standIn)).toBe(`Bearer ${OPENAI.secret}`);
    await must('deleteEntry', { id: ids.openai! });
    await settle();
    expect(rules.size).toBe(0);
    expect(await listed()).toEqual([expect.objectContaining({ keyName: 'Deleted key', active: false })]);
  });

  it('after a passphrase change the bindings still open and substitute', async () => {
    const standIn = await boundStandIn();
    await must('changePassphrase', { current: PASSPHRASE, next: 'copper kettle 44 meadow' });
    await must('lock', {});
    await must('unlock', { passphrase: 'copper kettle 44 meadow' });
    await settle();
    expect(await listed()).toHaveLength(1);
    expect(providerGets(standIn)).toBe(`Bearer ${OPENAI.secret}`);
  });
});

describe('limits', () => {
  it('a cap of N lets exactly N requests through, tells once, and resumes the next day', async () => {
    const told: string[] = [];
    Object.assign(fakeBrowser.notifications, { create: async (id: string, { message }: { message: string }) => (told.push(message), id) });
    const standIn = await boundStandIn();
    const [binding] = await listed();
    await must('setStandInLimits', { id: binding!.id, limits: { perDay: 3 } });
    const real = `Bearer ${OPENAI.secret}`;
    expect(await requests(standIn, 5)).toEqual([real, real, real, `Bearer ${standIn}`, `Bearer ${standIn}`]);
    expect(await listed()).toEqual([expect.objectContaining({ today: 3, total: 3, active: false, status: expect.stringContaining('today’s requests are used up') })]);
    expect(told).toEqual([expect.stringContaining('The stand-in key for “Personal” on https://app.example.com stopped: today’s requests are used up')]);

    // Raising the limit takes effect at once; lowering it too.
    await must('setStandInLimits', { id: binding!.id, limits: { perDay: 4 } });
    expect(await requests(standIn, 2)).toEqual([real, `Bearer ${standIn}`]);
    await must('setStandInLimits', { id: binding!.id, limits: { perDay: 1 } });
    expect(await requests(standIn, 1)).toEqual([`Bearer ${standIn}`]);

    clock.now += 24 * 3600_000;
    await limitsAlarm();
    await settle();
    expect(await requests(standIn, 2)).toEqual([real, `Bearer ${standIn}`]);
    expect(told).toHaveLength(2);
  });

  it('a request that fails before it is sent gives its place back', async () => {
    const standIn = await boundStandIn();
    const [binding] = await listed();
    await must('setStandInLimits', { id: binding!.id, limits: { perDay: 1 } });
    startRequest(APP, CHAT, { Authorization: `Bearer ${standIn}` }).fail();
    await settle();
    expect(await requests(standIn, 2)).toEqual([`Bearer ${OPENAI.secret}`, `Bearer ${standIn}`]);
  });

  it('a request counts from the moment it sets off: the one after the cap, started before the last returned, gets nothing', async () => {
    const standIn = await boundStandIn();
    const [binding] = await listed();
    await must('setStandInLimits', { id: binding!.id, limits: { perDay: 2 } });
    const headers = { Authorization: `Bearer ${standIn}` };
    const [first, second] = [startRequest(APP, CHAT, headers), startRequest(APP, CHAT, headers)];
    await settle(); // both on their way: the cap is reached, the rule goes
    const third = startRequest(APP, CHAT, headers);
    expect([first.send(), second.send(), third.send()].map(({ authorization }) => authorization)).toEqual([`Bearer ${OPENAI.secret}`, `Bearer ${OPENAI.secret}`, `Bearer ${standIn}`]);
    // The count is stored by the worker's queue after the requests return: wait for it, however busy this machine is.
    await expect.poll(listed).toEqual([expect.objectContaining({ today: 2 })]);
  });

  it('per minute, and an end date', async () => {
    const standIn = await boundStandIn();
    const [binding] = await listed();
    clock.now = Math.ceil(clock.now / 60_000) * 60_000 + 1_000;
    await must('setStandInLimits', { id: binding!.id, limits: { perDay: 100, perMinute: 2, until: clock.now + 120_000 } });
    expect(await requests(standIn, 3)).toEqual([`Bearer ${OPENAI.secret}`, `Bearer ${OPENAI.secret}`, `Bearer ${standIn}`]);
    clock.now += 60_000;
    await limitsAlarm();
    await settle();
    expect(await requests(standIn, 1)).toEqual([`Bearer ${OPENAI.secret}`]);
    clock.now += 60_000;
    await limitsAlarm();
    await settle();
    expect(await requests(standIn, 1)).toEqual([`Bearer ${standIn}`]);
    expect(await listed()).toEqual([expect.objectContaining({ status: expect.stringContaining('end date') })]);
  });

  it('revoke stops substitution at once', async () => {
    const standIn = await boundStandIn();
    const [binding] = await listed();
    await must('revokeStandIn', { id: binding!.id });
    expect(providerGets(standIn)).toBe(`Bearer ${standIn}`);
    expect(await listed()).toEqual([]);
    expect(await send('setStandInLimits', { id: binding!.id, limits: { perDay: 5 } })).toMatchObject({ ok: false, code: 'not-found' });
  });
});

describe('what is stored', () => {
  it('keeps the bindings sealed: no site, stand-in or marker in storage, nothing of them in session storage', async () => {
    const standIn = await boundStandIn();
    await requests(standIn, 1);
    const local = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(local[BINDINGS_ITEM] as object).sort()).toEqual(['ciphertext', 'nonce', 'v']);
    const text = JSON.stringify(local) + JSON.stringify(await fakeBrowser.storage.session.get(null));
    for (const plain of [standIn, STAND_IN_MARKER, 'app.example.com', OPENAI.secret]) expect(text).not.toContain(plain);
  });
});
