/**
 * What the pages get of the vault, and what it costs them: a change the popup's rows do
 * not show asks nothing of it; answers do not wait for the auto-lock's alarm.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isChangeAnnouncement, type VaultChange } from '../../lib/vault-events.ts';
import type { Background } from '../../lib/background/create-background.ts';
import { PAGE, clock, must, network, sendRaw, startWorker } from './background-harness.ts';

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
});

describe('answers', () => {
  it('reach the page before the auto-lock countdown is restarted (the browser may be slow to set an alarm)', async () => {
    await vaultWithKeys(1);
    fakeBrowser.alarms.create = (() => new Promise<void>(() => undefined)) as typeof fakeBrowser.alarms.create;
    const answer = await Promise.race([must('popupList', {}), new Promise((resolve) => setTimeout(() => resolve('waited for the alarm'), 500))]);
    expect(answer).toMatchObject({ groups: [expect.objectContaining({ provider: 'openai' })] });
  });
});
