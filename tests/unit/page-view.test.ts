/**
 * What the pages get of the vault, and what it costs them: answers do not wait for the
 * auto-lock's alarm.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Background } from '../../lib/background/create-background.ts';
import { clock, must, network, startWorker } from './background-harness.ts';

const PASSPHRASE = 'violet harbour 77 lantern';

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

beforeEach(() => {
  fakeBrowser.reset();
  clock.now = 1_700_000_000_000;
  network.reset();
  worker = startWorker();
});

describe('answers', () => {
  it('reach the page before the auto-lock countdown is restarted (the browser may be slow to set an alarm)', async () => {
    await vaultWithKeys(1);
    fakeBrowser.alarms.create = (() => new Promise<void>(() => undefined)) as typeof fakeBrowser.alarms.create;
    const answer = await Promise.race([must('popupList', {}), new Promise((resolve) => setTimeout(() => resolve('waited for the alarm'), 500))]);
    expect(answer).toMatchObject({ groups: [expect.objectContaining({ provider: 'openai' })] });
  });
});
