import { test, expect } from './extension.ts';
import { FakeProvider, closedEndpoint } from '../fixtures/fake-provider.ts';
import { addKey, createVault, type KeyToAdd } from './vault-pages.ts';

test('pasting a key picks its provider and that provider’s endpoint, still changeable', async ({ openPage }) => {
  const page = await openPage('options');
  await createVault(page);
  await page.getByRole('button', { name: 'Add key' }).click();
  await page.getByLabel('API key').fill(`sk-ant-api03-${'x'.repeat(93)}AA`);
  await expect(page.getByLabel('Provider')).toHaveValue('anthropic');
  await expect(page.getByLabel('Endpoint')).toHaveValue('https://api.anthropic.com/v1');
  await page.getByLabel('Provider').selectOption({ label: 'Groq' });
  await expect(page.getByLabel('Endpoint')).toHaveValue('https://api.groq.com/openai/v1');
  await page.getByLabel('API key').fill(`AIza${'y'.repeat(35)}`);
  await expect(page.getByLabel('Provider')).toHaveValue('groq'); // a choice the person made stays
  await page.getByLabel('Provider').selectOption({ label: 'Azure OpenAI' });
  await page.getByLabel('Name').fill('Azure');
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled(); // Resource is required
  await page.getByLabel('Resource').fill('contoso');
  await expect(page.getByRole('button', { name: 'Save' })).toBeEnabled();
});

test('keys show the outcome of their check without anyone asking, and each key goes only to its own endpoint', async ({ openPage }) => {
  const fake = await FakeProvider.start();
  const keys: (KeyToAdd & { status: string; path: string; header?: string })[] = [
    { provider: 'OpenAI', name: 'OpenAI good', secret: 'sk-proj-good-aaaaaaaaaaaaaaaaaaaa01', endpoint: fake.endpoint('openai'), status: 'Valid', path: '/openai/v1/models', header: 'authorization' },
    { provider: 'OpenAI', name: 'OpenAI broke', secret: 'sk-proj-nocredit-aaaaaaaaaaaaaaa02', endpoint: fake.endpoint('openai'), status: 'No credit', path: '/openai/v1/models', header: 'authorization' },
    { provider: 'Anthropic', name: 'Anthropic bad', secret: 'sk-ant-api03-invalid-aaaaaaaaaaaa03', endpoint: fake.endpoint('anthropic'), status: 'Invalid', path: '/anthropic/v1/models', header: 'x-api-key' },
    { provider: 'Anthropic', name: 'Anthropic busy', secret: 'sk-ant-api03-ratelimited-aaaaaaa04', endpoint: fake.endpoint('anthropic'), status: 'Rate-limited', path: '/anthropic/v1/models', header: 'x-api-key' },
    { provider: 'Google Gemini', name: 'Gemini good', secret: 'AIzagoodaaaaaaaaaaaaaaaaaaaaaaaaaaa05', endpoint: fake.endpoint('gemini'), status: 'Valid', path: '/gemini/v1beta/models', header: 'x-goog-api-key' },
    { provider: 'Google Gemini', name: 'Gemini bad', secret: 'AIzainvalidaaaaaaaaaaaaaaaaaaaaaaaa06', endpoint: fake.endpoint('gemini'), status: 'Invalid', path: '/gemini/v1beta/models', header: 'x-goog-api-key' },
    { provider: 'OpenAI', name: 'Nobody home', secret: 'sk-proj-unreachable-aaaaaaaaaaaa07', endpoint: await closedEndpoint(), status: 'Unreachable', path: '' },
  ];
  try {
    const page = await openPage('options');
    await createVault(page);
    for (const key of keys) {
      await addKey(page, key);
      await expect(page.getByRole('listitem').filter({ hasText: key.name })).toContainText(key.status);
    }
    await expect(page.getByRole('listitem').filter({ hasText: 'Gemini good' })).toContainText('2 models');
    await expect(page.getByRole('listitem').filter({ hasText: 'Anthropic bad' })).toContainText('invalid x-api-key');

    // "Check all" asks the provider again about every key, with progress on the page.
    const before = fake.log.length;
    await page.getByRole('button', { name: 'Check all' }).click();
    await expect(page.getByRole('button', { name: 'Check all' })).toBeEnabled();
    await expect.poll(() => fake.log.length).toBe(before + keys.filter((k) => k.path).length);
    for (const key of keys) await expect(page.getByRole('listitem').filter({ hasText: key.name })).toContainText(key.status);

    // A single "Check" re-checks one key.
    await page.getByRole('listitem').filter({ hasText: 'OpenAI good' }).getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => fake.log.length).toBe(before + 1 + keys.filter((k) => k.path).length);

    // The server's log: each key reached only its own endpoint, in the header its provider expects.
    for (const request of fake.log) {
      const secretsHere = keys.filter((k) => JSON.stringify(request.headers).includes(k.secret));
      expect(secretsHere, request.url).toHaveLength(1);
      const [key] = secretsHere as [(typeof keys)[number]];
      expect(request.url).toBe(key.path);
      expect(fake.keyHeaderOf(request)).toBe(key.header);
      for (const k of keys) expect(request.url).not.toContain(k.secret);
    }
  } finally {
    await fake.stop();
  }
});
