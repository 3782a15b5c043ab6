/**
 * What the pages get of the vault, and what it costs them: the options page's first rows
 * come with its unlock and the rest in one more request; an announcement a page already
 * has, or a change the popup's rows do not show, asks nothing; the popup's first list,
 * asked for by its head script, is taken over with what was heard meanwhile; events
 * forged from a content script are ignored; answers do not wait for the auto-lock's alarm.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { byListOrder } from '../../lib/vault/entry-order.ts';
import { CHECK_PROGRESS, VAULT_CHANGED, isChangeAnnouncement, type VaultChange } from '../../lib/vault-events.ts';
import { FIRST_ROWS, VaultState } from '../../lib/ui/vault-state.svelte.ts';
import { PopupState } from '../../entrypoints/popup/popup-state.svelte.ts';
import { sendFirstList } from '../../entrypoints/popup/first-list.ts';
import type { Background } from '../../lib/background/create-background.ts';
import { CONTENT_SCRIPT, PAGE, clock, must, network, sendRaw, startWorker } from './background-harness.ts';

const PASSPHRASE = 'violet harbour 77 lantern';
const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

let worker: Background;

/** A vault of `count` keys (one provider, so one of them is its active key), created a millisecond apart, their first checks done. */
async function vaultWithKeys(count: number): Promise<string[]> {
  await must('create', { passphrase: PASSPHRASE });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    clock.now += 1;
    const { entry } = await must('addEntry', { entry: { provider: 'openai', name: `key ${String(i).padStart(3, '0')}`, secret: `sk-proj-${String(i).padStart(6, '0')}${'a'.repeat(32)}` } });
    ids.push(entry.id);
  }
  await worker.checks.settled();
  return ids;
}

/** The types of the requests a page sent, and the announcements it heard, from now on; `deaf`: announcements are lost. */
function recordPageTraffic() {
  const traffic = { requests: [] as string[], heard: [] as VaultChange[], deaf: false };
  // A page's requests reach the background from an extension page, as in the browser;
  // the background's announcements reach every listener, the page's among them.
  fakeBrowser.runtime.sendMessage = (async (message: { type?: string }) => {
    if (isChangeAnnouncement(message)) {
      if (traffic.deaf) return undefined;
      traffic.heard.push(message);
    } else if (message.type) traffic.requests.push(message.type);
    return sendRaw(message, PAGE);
  }) as typeof fakeBrowser.runtime.sendMessage;
  return traffic;
}

beforeEach(() => {
  fakeBrowser.reset();
  clock.now = 1_700_000_000_000;
  network.reset();
  worker = startWorker();
});

describe('the list a page asks for', () => {
  it('is the first rows in list order, with how many there are, when the page asks for the first rows', async () => {
    await vaultWithKeys(5);
    const all = await must('listEntries', {});
    const ordered = [...all.entries].sort(byListOrder).map((entry) => entry.id);
    const first = await must('listEntries', { first: 2 });
    expect(first.entries.map((entry) => entry.id)).toEqual(ordered.slice(0, 2));
    expect([first.total, all.total, all.entries.length]).toEqual([5, 5, 5]);
  });

  it('comes with the unlock answer only when the page asks for it, and never holds a secret', async () => {
    await vaultWithKeys(3);
    await must('lock', {});
    const opened = await must('unlock', { passphrase: PASSPHRASE, first: 2 });
    expect(opened.state).toBe('unlocked');
    expect(opened.listing?.entries.map((entry) => entry.name)).toEqual(['key 000', 'key 001']);
    expect(opened.listing?.total).toBe(3);
    expect(JSON.stringify(opened)).not.toContain('a'.repeat(32));
    await must('lock', {});
    expect(await must('unlock', { passphrase: PASSPHRASE })).toEqual({ state: 'unlocked' });
  });
});

describe('the options page', () => {
  it('shows its first rows with the unlock answer, then asks once for the rest; the announcement of that opening asks nothing', async () => {
    const count = FIRST_ROWS + 10;
    await vaultWithKeys(count);
    await must('lock', {});
    await settle();
    const { requests, heard } = recordPageTraffic();
    const page = new VaultState();
    const stop = page.watch();
    await vi.waitFor(() => expect(page.status).toBe('locked'));
    requests.length = 0;

    await page.unlock(PASSPHRASE);
    expect(page.status).toBe('unlocked');
    expect(page.entries.map((entry) => entry.name).slice(0, 3)).toEqual(['key 000', 'key 001', 'key 002']);
    await vi.waitFor(() => expect(page.complete).toBe(true));
    await settle();
    expect(heard.some((change) => change.open)).toBe(true);
    expect(requests).toEqual(['unlock', 'listEntries']);
    expect(page.entries.map((entry) => entry.name)).toEqual(Array.from({ length: count }, (_, i) => `key ${String(i).padStart(3, '0')}`));
    stop();
  });

  it('applies a change it is told of without asking, and catches up when it missed one', async () => {
    const [first, second] = await vaultWithKeys(2);
    const traffic = recordPageTraffic();
    const { requests } = traffic;
    const page = new VaultState();
    const stop = page.watch();
    await vi.waitFor(() => expect(page.complete).toBe(true));
    await settle();
    requests.length = 0;
    await must('updateEntry', { id: first!, changes: { notes: 'told' } });
    await vi.waitFor(() => expect(page.entries.find((entry) => entry.id === first)?.notes).toBe('told'));
    expect(requests).toEqual([]);

    traffic.deaf = true; // an announcement is lost: the next one does not follow from the version the page has
    await must('updateEntry', { id: second!, changes: { notes: 'missed' } });
    await settle();
    traffic.deaf = false;
    await must('updateEntry', { id: first!, changes: { notes: 'told again' } });
    await vi.waitFor(() => expect(page.entries.find((entry) => entry.id === second)?.notes).toBe('missed'));
    expect(page.entries.find((entry) => entry.id === first)?.notes).toBe('told again');
    expect(requests).toEqual(['listChanges']);
    stop();
  });
});

describe('the popup', () => {
  it('is told its rows changed only by a change they show: a check of its active key, not of another key', async () => {
    const [active, other] = await vaultWithKeys(2);
    const { heard } = recordPageTraffic();
    const before = await must('popupList', {});
    network.answer = () => new Response(JSON.stringify({ data: [{ id: 'gpt-4o' }] }), { status: 200 });

    await must('checkEntry', { id: other! });
    await settle();
    expect((await must('popupList', {})).popup).toBe(before.popup);
    expect(heard.at(-1)?.popup).toBe(before.popup);

    await must('checkEntry', { id: active! });
    await settle();
    const after = await must('popupList', {});
    expect(after.popup).toBeGreaterThan(before.popup);
    expect(heard.at(-1)?.popup).toBe(after.popup);
    expect(after.groups[0]!.active).toMatchObject({ id: active, validation: { status: 'valid' } });

    await must('updateEntry', { id: other!, changes: { name: 'renamed' } });
    await settle();
    expect((await must('popupList', {})).popup).toBeGreaterThan(after.popup);
  });

  it("shows the list its head script asked for before the page's modules loaded, and asks nothing more", async () => {
    await vaultWithKeys(2);
    const { requests } = recordPageTraffic();
    sendFirstList();
    await settle();
    const popup = new PopupState();
    const stop = popup.watch();
    await vi.waitFor(() => expect(popup.status).toBe('unlocked'));
    expect(popup.groups.map((group) => group.active.name)).toEqual(['key 000']);
    await settle();
    expect(requests).toEqual(['popupList']);
    stop();
  });

  it('follows a change made after its head script was answered and before the page listened itself', async () => {
    const [active] = await vaultWithKeys(2);
    const { requests } = recordPageTraffic();
    sendFirstList();
    await settle();
    await must('updateEntry', { id: active!, changes: { name: 'renamed meanwhile' } });
    await settle();
    const popup = new PopupState();
    const stop = popup.watch();
    await vi.waitFor(() => expect(popup.groups[0]?.active.name).toBe('renamed meanwhile'));
    expect(requests).toEqual(['popupList', 'popupList']);
    stop();
  });

  it('asks itself when its head script got no answer', async () => {
    await vaultWithKeys(1);
    const { requests } = recordPageTraffic();
    const working = fakeBrowser.runtime.sendMessage;
    fakeBrowser.runtime.sendMessage = (() => Promise.reject(new Error('Could not establish connection'))) as typeof working;
    sendFirstList();
    await settle();
    fakeBrowser.runtime.sendMessage = working;
    const popup = new PopupState();
    const stop = popup.watch();
    await vi.waitFor(() => expect(popup.groups.map((group) => group.active.name)).toEqual(['key 000']));
    expect(requests).toEqual(['popupList']);
    stop();
  });
});

describe('what a page hears', () => {
  const WORKER = { id: PAGE.id, url: `${PAGE.origin}/background.js`, origin: PAGE.origin };
  const forged: unknown[] = [
    { event: CHECK_PROGRESS, done: 1, total: 1000, running: true },
    { event: VAULT_CHANGED, view: 'forged', version: 99, base: 98, popup: 99, open: true },
  ];
  const hear = async (sender: object) => {
    for (const message of forged) await fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => undefined);
    await settle();
  };

  it('is acted on only from outside any tab: a change or a progress forged from a content script draws nothing and asks nothing', async () => {
    await vaultWithKeys(2);
    const { requests } = recordPageTraffic();
    const page = new VaultState();
    const stop = page.watch();
    await vi.waitFor(() => expect(page.complete).toBe(true));
    await settle();
    requests.length = 0;

    await hear(CONTENT_SCRIPT);
    expect(page.progress).toBeUndefined();
    expect(requests).toEqual([]);

    await hear(WORKER); // the same events from the background are acted on
    expect(page.progress).toEqual({ done: 1, total: 1000 });
    expect(requests).toEqual(['listChanges']);
    stop();
  });

  it("is not replayed to the popup from its head script's hearing when a content script forged it", async () => {
    await vaultWithKeys(1);
    const { requests } = recordPageTraffic();
    sendFirstList();
    await settle();
    await hear(CONTENT_SCRIPT);
    const popup = new PopupState();
    const stop = popup.watch();
    await vi.waitFor(() => expect(popup.status).toBe('unlocked'));
    await settle();
    expect(requests).toEqual(['popupList']);
    stop();
  });
});

describe('answers', () => {
  it('reach the page before the auto-lock countdown is restarted (the browser may be slow to set an alarm)', async () => {
    await vaultWithKeys(1);
    fakeBrowser.alarms.create = (() => new Promise<void>(() => undefined)) as typeof fakeBrowser.alarms.create;
    const answer = await Promise.race([must('popupList', {}), new Promise((resolve) => setTimeout(() => resolve('waited for the alarm'), 500))]);
    expect(answer).toMatchObject({ groups: [expect.objectContaining({ provider: 'openai' })] });
  });
});
