import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../lib/transfer/env-file.ts';
import { planBackupImport, planEnvImport } from '../../lib/transfer/import-plan.ts';
import { createBackup, openBackup } from '../../lib/transfer/backup.ts';
import { ImportError } from '../../lib/transfer/import-error.ts';
import { say } from '../../lib/say.ts';
import { addEntry } from '../../lib/vault/entries.ts';
import { emptyPayload } from '../../lib/vault/payload-schema.ts';
import { FAST_PARAMS, nextId } from './helpers.ts';

const OPENAI = `sk-proj-${'a'.repeat(40)}T3BlbkFJ${'b'.repeat(40)}`;
const GROQ = `gsk_${'c'.repeat(52)}`;
const AZURE = 'f'.repeat(32);

/** What the import refusal `run` throws says. */
async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ImportError) return say(error.words);
    throw error;
  }
  return 'no refusal';
}

describe('.env files', () => {
  it('reads export, quotes, comments, CRLF and a BOM', () => {
    const text = `\uFEFF# keys\r\nexport OPENAI_API_KEY="${OPENAI}"\r\nGROQ_API_KEY='${GROQ}' \nPLAIN=value # note\nEMPTY=\n\n`;
    expect(parseEnvFile(text)).toEqual([
      { name: 'OPENAI_API_KEY', value: OPENAI, line: 2 },
      { name: 'GROQ_API_KEY', value: GROQ, line: 3 },
      { name: 'PLAIN', value: 'value', line: 4 },
      { name: 'EMPTY', value: '', line: 5 },
    ]);
  });

  it('names the first malformed line, and refuses binary files', async () => {
    expect(await refusal(() => parseEnvFile('A=1\nthis is not a variable\n'))).toBe('Line 2 is not of the form NAME=value.');
    expect(await refusal(() => parseEnvFile('A="unclosed\n'))).toBe('Line 1: the quote is never closed.');
    expect(() => parseEnvFile('=novalue')).toThrow(ImportError);
    expect(await refusal(() => parseEnvFile('A=\u0000'))).toBe('This is not a text file.');
  });

  it('plans new, duplicate and unrecognised keys, skipping variables that are not keys', () => {
    const existing = addEntry(emptyPayload(), { provider: 'groq', name: 'Old', secret: GROQ }, nextId(), 1).payload.entries;
    const variables = parseEnvFile(
      [`OPENAI_API_KEY=${OPENAI}`, `GROQ_API_KEY=${GROQ}`, 'MYSTERY_API_KEY=abc123', 'DATABASE_URL=postgres://x', 'PORT=3000',
        `AZURE_OPENAI_API_KEY=${AZURE}`, 'AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/', `OPENAI_API_KEY_2=${OPENAI}`].join('\n'),
    );
    const plan = planEnvImport(variables, existing, say);
    expect(plan.map((c) => [c.source, c.status, c.input?.provider])).toEqual([
      ['OPENAI_API_KEY, line 1', 'new', 'openai'],
      ['GROQ_API_KEY, line 2', 'duplicate', 'groq'],
      ['MYSTERY_API_KEY, line 3', 'unrecognised', undefined],
      ['AZURE_OPENAI_API_KEY, line 6', 'new', 'azure-openai'],
      ['OPENAI_API_KEY_2, line 8', 'duplicate', 'openai'],
    ]);
    expect(plan[3]?.input?.fields).toEqual({ resource: 'contoso' });
    expect(plan[0]?.input?.name).toBe('OpenAI (OPENAI_API_KEY)');
    expect(plan[0]?.input?.notes).toBe('Imported from .env (OPENAI_API_KEY).');
  });
});

describe('encrypted backups', () => {
  it('round-trip every entry under the backup passphrase', async () => {
    const { payload } = addEntry(emptyPayload(), { provider: 'openai', name: 'Main', secret: OPENAI, tags: ['prod'], notes: 'n' }, nextId(), 5);
    const text = await createBackup(payload.entries, 'backup passphrase 1', FAST_PARAMS);
    expect(text).not.toContain(OPENAI);
    expect(text).not.toContain('Main');
    expect(await openBackup(text, 'backup passphrase 1')).toEqual(payload.entries);
  });

  it('says what is wrong with a file that is not a backup, damaged, or under another passphrase', async () => {
    const text = await createBackup([], 'backup passphrase 1', FAST_PARAMS);
    expect(await refusal(() => openBackup(text, 'wrong one'))).toMatch(/passphrase is incorrect/);
    expect(await refusal(() => openBackup('{"hello":1}', 'x'))).toMatch(/not an AI Key Vault backup/);
    expect(await refusal(() => openBackup('not json', 'x'))).toMatch(/not an AI Key Vault backup/);
    expect(await refusal(() => openBackup(text.replace('"version":1', '"version":9'), 'x'))).toMatch(/newer version/);
    expect(await refusal(() => openBackup(text.replace(/"checksum":"[^"]+"/, '"checksum":"AAAA"'), 'backup passphrase 1'))).toMatch(/damaged/);
  });

  it('plans a restore: keys already saved are duplicates, names stay unique', async () => {
    const first = addEntry(emptyPayload(), { provider: 'openai', name: 'Main', secret: OPENAI }, nextId(), 1);
    const backup = addEntry(emptyPayload(), { provider: 'openai', name: 'Main', secret: 'sk-proj-different-key-0000000000' }, nextId(), 2);
    const plan = planBackupImport([...backup.payload.entries, ...first.payload.entries], first.payload.entries);
    expect(plan.map((c) => [c.status, c.input?.name])).toEqual([['new', 'Main 2'], ['duplicate', 'Main']]);
  });
});
