import { test, expect } from './extension.ts';
import { createVault } from './vault-pages.ts';

const EDITS = 100;
// Two keys, three pages: at every step two pages edit the same key.
const KEYS = ['alpha', 'beta'];

interface Edit {
  key: string;
  line: string;
}

test('the popup and two options pages make 100 interleaved edits: each lands, or is refused as a conflict and retried', async ({ openPage }) => {
  const options = await openPage('options');
  await createVault(options);
  await options.evaluate(async (names) => {
    for (const name of names) await chrome.runtime.sendMessage({ type: 'addEntry', data: { entry: { provider: 'openai', name, secret: `sk-proj-${name}${'c'.repeat(40)}` } } });
  }, KEYS);
  const pages = [await openPage('popup'), options, await openPage('options')];

  // Edit i goes to key i mod 2, from page i mod 3: every key is edited from every page.
  const plans: Edit[][] = pages.map(() => []);
  for (let i = 0; i < EDITS; i++) plans[i % pages.length]!.push({ key: KEYS[i % KEYS.length]!, line: `edit ${i}` });

  // Each page reads the key, appends its line to the notes and saves, naming the version
  // it read; a refusal sends it back to read again. It counts its refusals.
  const refusals = await Promise.all(
    pages.map((page, i) =>
      page.evaluate(async (plan: Edit[]) => {
        let refused = 0;
        for (const { key, line } of plan) {
          for (;;) {
            const list = await chrome.runtime.sendMessage({ type: 'listEntries', data: {} });
            const entry = list.data.entries.find((candidate: { name: string }) => candidate.name === key);
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 4)); // a person's pause
            const answer = await chrome.runtime.sendMessage({
              type: 'updateEntry',
              data: { id: entry.id, changes: { notes: `${entry.notes}${line}\n` }, expectedUpdatedAt: entry.updatedAt },
            });
            if (answer.ok) break;
            if (answer.code !== 'conflict' && answer.code !== 'stale-revision') throw new Error(answer.message);
            refused++;
          }
        }
        return refused;
      }, plans[i]!),
    ),
  );

  const { data } = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'listEntries', data: {} }));
  const lines = data.entries.flatMap(({ name, notes }: { name: string; notes: string }) => notes.split('\n').filter(Boolean).map((line) => `${name}: ${line}`));
  const expected = Array.from({ length: EDITS }, (_, i) => `${KEYS[i % KEYS.length]}: edit ${i}`);
  expect(lines.sort()).toEqual(expected.sort());
  const conflicts = refusals.reduce((a, b) => a + b, 0);
  expect(conflicts).toBeGreaterThan(0); // the edits did collide
  console.info(`concurrency: ${EDITS} edits from 3 pages landed; ${conflicts} conflicts refused and retried`);
});
