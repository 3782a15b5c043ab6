import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEnvFile } from '../../lib/transfer/env-file.ts';
import { planEnvImport } from '../../lib/transfer/import-plan.ts';
import { createBackup, openBackup } from '../../lib/transfer/backup.ts';
import { ImportError } from '../../lib/transfer/import-error.ts';
import { say } from '../../lib/say.ts';
import { FAST_PARAMS } from './helpers.ts';

const ENV_RUNS = 100_000;
const BACKUP_RUNS = 10_000;

/** Text that looks like .env files often enough to reach every branch. */
const envText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.tuple(
    fc.array(
    fc.oneof(
      fc.constant(''),
      fc.constant('# comment'),
      fc.tuple(fc.constantFrom('', 'export '), fc.constantFrom('OPENAI_API_KEY', 'GROQ_API_KEY', 'X', '1BAD', 'A B'), fc.constantFrom('=', ' = ', ''), fc.string(), fc.constantFrom('', '"', "'"))
        .map(([prefix, name, equals, value, quote]) => `${prefix}${name}${equals}${quote}${value}${quote}`),
    ),
    ),
    fc.constantFrom('\n', '\r\n'),
  ).map(([lines, separator]) => lines.join(separator)),
);

describe('import parsers under arbitrary input', () => {
  it(`a .env file either parses or is refused with an ImportError (${ENV_RUNS.toLocaleString('en')} files)`, () => {
    fc.assert(
      fc.property(envText, (text) => {
        try {
          const variables = parseEnvFile(text);
          expect(() => planEnvImport(variables, [], say)).not.toThrow();
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: ENV_RUNS },
    );
  });

  it(`a damaged or foreign backup is refused with an ImportError, never opened (${BACKUP_RUNS.toLocaleString('en')} files)`, async () => {
    const backup = await createBackup([], 'backup passphrase 1', FAST_PARAMS);
    const damaged = fc.oneof(
      fc.string(),
      fc.json(),
      // One character of a real backup changed.
      fc.tuple(fc.nat(backup.length - 1), fc.string({ minLength: 1, maxLength: 1 })).map(([at, c]) => backup.slice(0, at) + c + backup.slice(at + 1)),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (text) => {
        if (text === backup) return;
        // A wrong passphrase, so that even a file that survives damage is never opened.
        await expect(openBackup(text, 'not the passphrase')).rejects.toBeInstanceOf(ImportError);
      }),
      { numRuns: BACKUP_RUNS },
    );
  });
});
