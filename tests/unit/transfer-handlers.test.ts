import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clock, must, network, send, sendRaw, startWorker, storedText } from './background-harness.ts';

const PASSPHRASE = 'a long enough passphrase';
const OPENAI = `sk-proj-${'a'.repeat(40)}T3BlbkFJ${'b'.repeat(40)}`;
const GROQ = `gsk_${'c'.repeat(52)}`;
const ENV = `OPENAI_API_KEY=${OPENAI}\nGROQ_API_KEY=${GROQ}\nWHATEVER_TOKEN=zzz\n`;

beforeEach(async () => {
  fakeBrowser.reset();
  network.reset();
  clock.now = 1_700_000_000_000;
  startWorker();
  await must('create', { passphrase: PASSPHRASE });
});

const names = async () => (await must('listEntries', {})).entries.map((e) => e.name);

describe('import', () => {
  it('previews masked keys, saves nothing until confirmed, then adds only the new ones', async () => {
    await must('addEntry', { entry: { provider: 'groq', name: 'Existing', secret: GROQ } });
    const before = await storedText();
    const { token, rows } = await must('previewImport', { format: 'env', text: ENV });
    expect(rows.map((r) => [r.status, r.provider])).toEqual([['new', 'OpenAI'], ['duplicate', 'Groq'], ['unrecognised', undefined]]);
    expect(JSON.stringify(rows)).not.toContain(OPENAI);
    expect((await storedText()).local).toBe(before.local);
    expect(await must('confirmImport', { token })).toEqual({ added: 1 });
    expect(await names()).toEqual(['Existing', 'OpenAI (OPENAI_API_KEY)']);
    expect(await send('confirmImport', { token })).toMatchObject({ ok: false, code: 'import-expired' });
  });

  it('skips at confirmation a key saved since the preview', async () => {
    const { token } = await must('previewImport', { format: 'env', text: ENV });
    await must('addEntry', { entry: { provider: 'openai', name: 'OpenAI (OPENAI_API_KEY)', secret: OPENAI } });
    expect(await must('confirmImport', { token })).toEqual({ added: 1 }); // only Groq
    expect(await names()).toEqual(['OpenAI (OPENAI_API_KEY)', 'Groq (GROQ_API_KEY)']);
  });

  it('refuses a malformed file with a clear error and changes nothing', async () => {
    const before = await storedText();
    for (const text of ['OPENAI_API_KEY sk-nope', 'A="open', 'just text\nmore']) {
      const answer = await send('previewImport', { format: 'env', text });
      expect(answer).toMatchObject({ ok: false, code: 'import-failed' });
    }
    expect(await send('previewImport', { format: 'env', text: 'PORT=3000\n' })).toMatchObject({ code: 'import-failed', message: /No API keys/ });
    expect(await send('previewImport', { format: 'backup', text: '{}', passphrase: 'x' })).toMatchObject({ code: 'import-failed' });
    expect((await storedText()).local).toBe(before.local);
  });

  it('forgets a preview when the vault locks', async () => {
    const { token } = await must('previewImport', { format: 'env', text: ENV });
    await must('lock', {});
    await must('unlock', { passphrase: PASSPHRASE });
    expect(await send('confirmImport', { token })).toMatchObject({ code: 'import-expired' });
  });
});

describe('export', () => {
  it('a backup restores the same keys into an emptied vault', async () => {
    await must('addEntry', { entry: { provider: 'openai', name: 'Main', secret: OPENAI, tags: ['prod'], notes: 'billing' } });
    await must('addEntry', { entry: { provider: 'groq', name: 'Fast', secret: GROQ } });
    const { text } = await must('exportBackup', { masterPassphrase: PASSPHRASE, backupPassphrase: 'backup passphrase 9' });
    for (const plain of [OPENAI, GROQ, 'Main', 'billing']) expect(text).not.toContain(plain);
    const original = (await must('listEntries', {})).entries;

    await fakeBrowser.storage.local.clear();
    await fakeBrowser.storage.session.clear();
    startWorker();
    await must('create', { passphrase: 'another passphrase' });
    expect(await send('previewImport', { format: 'backup', text, passphrase: 'wrong passphrase' })).toMatchObject({ message: /incorrect/ });
    const { token } = await must('previewImport', { format: 'backup', text, passphrase: 'backup passphrase 9' });
    await must('confirmImport', { token });
    const restored = (await must('listEntries', {})).entries;
    const shape = (e: (typeof original)[number]) => [e.provider, e.name, e.masked, e.tags, e.notes];
    const byName = (a: (typeof original)[number], b: (typeof original)[number]) => a.name.localeCompare(b.name);
    expect(restored.sort(byName).map(shape)).toEqual(original.sort(byName).map(shape));
    const secrets = await Promise.all(restored.map(async (e) => (await must('getSecret', { id: e.id, purpose: 'reveal' })).secret));
    expect(secrets).toEqual([GROQ, OPENAI]);
  });

  it('gives a backup only for the master passphrase, never for a backup passphrase alone', async () => {
    await must('addEntry', { entry: { provider: 'openai', name: 'Main', secret: OPENAI } });
    const before = await storedText();
    const answers = [
      await sendRaw({ type: 'exportBackup', data: { passphrase: 'backup passphrase 9' } }),
      await send('exportBackup', { masterPassphrase: 'not the master one', backupPassphrase: 'backup passphrase 9' }),
      await send('exportBackup', { masterPassphrase: '', backupPassphrase: 'backup passphrase 9' }),
    ];
    expect(answers.map((answer) => answer.ok)).toEqual([false, false, false]);
    expect(answers[1]).toMatchObject({ code: 'wrong-passphrase', message: expect.stringMatching(/incorrect/) });
    expect(JSON.stringify(answers)).not.toContain(OPENAI);
    expect((await storedText()).session).toBe(before.session);
  });

  it('throttles wrong master passphrases at export like wrong ones at unlock', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await send('exportBackup', { masterPassphrase: `wrong ${attempt}`, backupPassphrase: 'backup passphrase 9' })).toMatchObject({ code: 'wrong-passphrase' });
    }
    expect(await send('exportBackup', { masterPassphrase: PASSPHRASE, backupPassphrase: 'backup passphrase 9' })).toMatchObject({ ok: false, code: 'throttled' });
    clock.now += 2_000;
    expect((await send('exportBackup', { masterPassphrase: PASSPHRASE, backupPassphrase: 'backup passphrase 9' })).ok).toBe(true);
  });

  it('gives the plain text only for the master passphrase', async () => {
    await must('addEntry', { entry: { provider: 'openai', name: 'Main', secret: OPENAI } });
    expect(await send('exportPlain', { passphrase: 'not it' })).toMatchObject({ ok: false, code: 'wrong-passphrase' });
    const { text } = await must('exportPlain', { passphrase: PASSPHRASE });
    expect(JSON.parse(text).keys[0]).toMatchObject({ provider: 'openai', name: 'Main', secret: OPENAI });
  });
});

describe('per-key actions', () => {
  it('a disabled key is handed out only with confirmation; reveal does not count a use', async () => {
    const { entry } = await must('addEntry', { entry: { provider: 'openai', name: 'Main', secret: OPENAI, enabled: false } });
    expect(await send('getSecret', { id: entry.id, purpose: 'copy' })).toMatchObject({ ok: false, code: 'disabled' });
    expect(await must('getSecret', { id: entry.id, purpose: 'copy', allowDisabled: true })).toEqual({ secret: OPENAI, clearAfterSeconds: 30 });
    await must('getSecret', { id: entry.id, purpose: 'reveal', allowDisabled: true });
    expect((await must('listEntries', {})).entries[0]?.useCount).toBe(1);
  });

  it('duplicates a key under a new name', async () => {
    const { entry } = await must('addEntry', { entry: { provider: 'openai', name: 'Main', secret: OPENAI } });
    const { entry: copy } = await must('duplicateEntry', { id: entry.id });
    expect(copy).toMatchObject({ name: 'Main (copy)', masked: entry.masked, active: false });
  });

  it('reports the KDF settings of the open vault', async () => {
    expect((await must('listEntries', {})).kdf).toEqual({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
  });
});
