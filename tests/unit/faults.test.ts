/**
 * Fault injection on every write path: storage fails before or after each of its calls
 * while a change is being saved (as when the worker is stopped there, or storage
 * throws), or is full. Then a new worker opens the vault. Every time, the vault opens to
 * the old state when the user was told of an error, and to the new one when not.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { must, send, startWorker } from './background-harness.ts';
import type { MessageType, RequestOf, Result } from '../../lib/messages.ts';

const PASSPHRASE = 'granite willow 40 kettle';
const NEXT_PASSPHRASE = 'harbour copper 19 meadow';

type Mode = 'fail before' | 'apply, then fail' | 'quota exceeded';
const local = fakeBrowser.storage.local;
const original = { get: local.get.bind(local), set: local.set.bind(local) };

/** Counts storage calls and fails the `failAt`-th (1-based) as `mode` says. */
const faults = { calls: 0, failAt: 0, mode: 'fail before' as Mode, injected: 0 };

function injectFaults(): void {
  const step = async <T>(apply: () => Promise<T>, isSet: boolean): Promise<T> => {
    faults.calls += 1;
    if (faults.calls !== faults.failAt) return apply();
    faults.injected += 1;
    if (faults.mode === 'quota exceeded' && isSet) throw new Error('QUOTA_BYTES quota exceeded');
    if (faults.mode === 'apply, then fail') {
      await apply();
      throw new Error('the worker stopped');
    }
    throw new Error('storage failed');
  };
  Object.assign(local, {
    get: (keys?: never) => step(() => original.get(keys), false),
    set: (items: Record<string, unknown>) => step(() => original.set(items), true),
  });
}

// The router logs the kind of each foreign error; here they are the point.
beforeAll(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));
afterAll(() => {
  vi.restoreAllMocks();
  console.info(`fault injection: ${faults.injected} faults injected, ${OPERATIONS.length} operations`);
});

afterEach(() => {
  Object.assign(local, original);
  faults.failAt = 0;
});

/** What the user can see of the vault: every entry (without secrets), active keys, settings. */
async function visibleState(): Promise<string> {
  const { entries, settings } = await must('listEntries', {});
  const secrets = await Promise.all(entries.map(async ({ id }) => (await must('getSecret', { id, purpose: 'reveal', allowDisabled: true })).secret));
  // Reopened vaults list entries in storage order: compare them sorted.
  // Ids and times differ between the runs compared; everything else must match.
  const shown = entries
    .map(({ validation: _v, id: _i, createdAt: _c, updatedAt: _u, lastUsedAt: _l, ...entry }, i) => JSON.stringify({ ...entry, secret: secrets[i] }))
    .sort();
  return JSON.stringify({ entries: shown, settings });
}

async function freshVault(): Promise<string[]> {
  fakeBrowser.reset();
  startWorker();
  await must('create', { passphrase: PASSPHRASE });
  const ids: string[] = [];
  for (const name of ['one', 'two', 'three']) {
    ids.push((await must('addEntry', { entry: { provider: 'openai', name, secret: `sk-proj-${name}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa` } })).entry.id);
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // the checks after each save
  return ids;
}

interface Operation {
  name: string;
  run: (ids: string[]) => Promise<Result<unknown>>;
}

const call = <T extends MessageType>(type: T, data: RequestOf<T>) => send(type, data);

const OPERATIONS: Operation[] = [
  { name: 'add a key', run: () => call('addEntry', { entry: { provider: 'groq', name: 'new', secret: `gsk_${'n'.repeat(52)}` } }) },
  { name: 'edit a key', run: ([id]) => call('updateEntry', { id: id!, changes: { name: 'renamed', notes: 'edited' } }) },
  { name: 'delete a key', run: ([id]) => call('deleteEntry', { id: id! }) },
  { name: 'make a key active', run: ([, id]) => call('setActive', { id: id! }) },
  { name: 'change a setting', run: () => call('updateSettings', { settings: { rotationDays: 30 } }) },
  { name: 'count a use (copy)', run: ([id]) => call('getSecret', { id: id!, purpose: 'copy' }) },
  { name: 'change the passphrase', run: () => call('changePassphrase', { current: PASSPHRASE, next: NEXT_PASSPHRASE }) },
  {
    name: 'import a .env file',
    run: async () => {
      const preview = await call('previewImport', { format: 'env', text: `GROQ_API_KEY=gsk_${'i'.repeat(52)}\n` });
      if (!preview.ok) throw new Error(preview.message);
      return call('confirmImport', { token: preview.data.token });
    },
  },
];

/** Storage calls one operation makes, counted on a run without faults. */
async function callsOf(operation: Operation): Promise<number> {
  const ids = await freshVault();
  injectFaults();
  faults.calls = 0;
  faults.failAt = 0;
  expect((await operation.run(ids)).ok).toBe(true);
  return faults.calls;
}

/** A new worker, as after the old one was stopped; unlocks with whichever passphrase is current. */
async function reopened(): Promise<string> {
  Object.assign(local, original);
  startWorker();
  await must('lock', {});
  const unlocked = await send('unlock', { passphrase: PASSPHRASE });
  if (!unlocked.ok) await must('unlock', { passphrase: NEXT_PASSPHRASE });
  return visibleState();
}

describe('faults while saving', () => {
  it.each(OPERATIONS)('$name: after a fault at any step the vault opens to the old state (error) or the new one (success)', async (operation) => {
    const steps = await callsOf(operation);
    expect(steps).toBeGreaterThan(0);
    const newState = await reopened();
    for (let failAt = 1; failAt <= steps; failAt++) {
      for (const mode of ['fail before', 'apply, then fail', 'quota exceeded'] as const) {
        const ids = await freshVault();
        const oldState = await visibleState();
        injectFaults();
        Object.assign(faults, { calls: 0, failAt, mode });
        const answer = await operation.run(ids).catch((error: Error) => ({ ok: false as const, code: 'internal', message: error.message }));
        const after = await reopened();
        const where = `${mode} at storage call ${failAt} of ${steps}`;
        expect([oldState, newState], where).toContain(after);
        if (!answer.ok) {
          expect(after, `${where}: an error means nothing changed`).toBe(oldState);
          expect(answer.message, where).toMatch(/nothing was changed|no room left|Try again/);
        }
      }
    }
    // Every run creates a vault and unlocks it again: KDF work that a loaded machine stretches (a bound, not a speed limit).
  }, 240_000);
});
