import { mkdirSync } from 'node:fs';
import { test } from '../../tests/e2e/extension.ts';
import { addKey, createVault } from '../../tests/e2e/vault-pages.ts';

// Pictures for the README and for looking at the UI; written outside test-results/.
test('screenshots', async ({ openPage }) => {
  mkdirSync('docs', { recursive: true });
  const options = await openPage('options');
  await options.setViewportSize({ width: 900, height: 560 });
  await options.screenshot({ path: 'docs/create.png' });
  await createVault(options);
  await addKey(options, { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaa1111' });
  await addKey(options, { provider: 'Anthropic', name: 'Work', secret: 'sk-ant-api03-WORKbbbbbbbbbbbbbbbbbbbbbbbbbbbb2222' });
  await addKey(options, { provider: 'Groq', name: 'Experiments', secret: 'gsk_EXPcccccccccccccccccccccccccccccccccccccccccccc3333' });
  await options.screenshot({ path: 'docs/options.png' });
  const popup = await openPage('popup');
  await popup.setViewportSize({ width: 380, height: 420 });
  await popup.getByRole('listitem').first().waitFor();
  await popup.screenshot({ path: 'docs/popup.png' });
});
