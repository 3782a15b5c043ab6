import { test, expect } from './extension.ts';
import { FakeProvider, closedEndpoint } from '../fixtures/fake-provider.ts';
import { addKey, createVault, rowAction, type KeyToAdd } from './vault-pages.ts';

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
    // The details of a key: its models, and what its provider said.
    for (const [name, said] of [['Gemini good', '2 models'], ['Gemini good', 'gemini-2.0-flash, gemini-2.5-pro'], ['Anthropic bad', 'invalid x-api-key']] as const) {
      await page.getByRole('listitem').getByRole('button', { name, exact: true }).click();
      await expect(page.getByRole('dialog', { name })).toContainText(said);
      await page.keyboard.press('Escape');
    }

    // "Check all" asks the provider again about every key, with progress on the page.
    const before = fake.log.length;
    await page.getByRole('button', { name: 'Check all' }).click();
    await expect(page.getByRole('button', { name: 'Check all' })).toBeEnabled();
    await expect.poll(() => fake.log.length).toBe(before + keys.filter((k) => k.path).length);
    for (const key of keys) await expect(page.getByRole('listitem').filter({ hasText: key.name })).toContainText(key.status);

    // A single "Check" re-checks one key.
    await rowAction(page.getByRole('listitem').filter({ hasText: 'OpenAI good' }), 'Check');
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

test('keys read as their providers really answer: a leaked key shouts on its row and in the popup, admin keys use the admin read', async ({ openPage }) => {
  const fake = await FakeProvider.start();
  const keys: (KeyToAdd & { status: string; says?: string; path: string })[] = [
    { provider: 'Google Gemini', name: 'Gemini leaked', secret: 'AIzaleakedaaaaaaaaaaaaaaaaaaaaaaaaaaa01', endpoint: fake.endpoint('gemini'), status: 'Invalid', says: 'Reported as leaked — create a new key', path: '/gemini/v1beta/models' },
    { provider: 'Google Gemini', name: 'Gemini retired', secret: 'AIzaretiredaaaaaaaaaaaaaaaaaaaaaaaaaa02', endpoint: fake.endpoint('gemini'), status: 'Invalid', says: 'Google no longer accepts this kind of key — create a new one in AI Studio', path: '/gemini/v1beta/models' },
    { provider: 'OpenAI', name: 'OpenAI scoped', secret: 'sk-proj-noscope-aaaaaaaaaaaaaaaaaaaaa03', endpoint: fake.endpoint('openai'), status: 'Restricted', says: 'Missing scopes: api.model.read', path: '/openai/v1/models', fields: { Organization: 'org-team42', Project: 'proj_alpha' } },
    { provider: 'OpenAI', name: 'OpenAI abroad', secret: 'sk-proj-region-aaaaaaaaaaaaaaaaaaaaaa04', endpoint: fake.endpoint('openai'), status: 'Restricted', says: 'not available from this region', path: '/openai/v1/models' },
    { provider: 'OpenAI', name: 'OpenAI admin', secret: `sk-admin-${'a'.repeat(40)}05`, endpoint: fake.endpoint('openai'), status: 'Valid', says: 'admin key', path: '/openai/v1/organization/admin_api_keys?limit=1' },
    { provider: 'Anthropic', name: 'Anthropic admin', secret: `sk-ant-admin01-${'b'.repeat(40)}06`, endpoint: fake.endpoint('anthropic'), status: 'Valid', says: 'admin key', path: '/anthropic/v1/organizations/api_keys?limit=1' },
    { provider: 'Anthropic', name: 'Anthropic disabled', secret: 'sk-ant-api03-disabled-aaaaaaaaaaaaaaa07', endpoint: fake.endpoint('anthropic'), status: 'Invalid', says: 'disabled', path: '/anthropic/v1/models' },
    { provider: 'LM Studio', name: 'LM Studio locked', secret: '', endpoint: fake.endpoint('lmstudio'), status: 'Restricted', says: 'An LM Studio API token is required', path: '/lmstudio/v1/models' },
    { provider: 'LM Studio', name: 'LM Studio token', secret: 'sk-lm-abcdefgh:abcdefghijklmnopqr08', endpoint: fake.endpoint('lmstudio'), status: 'Running', path: '/lmstudio/v1/models' },
  ];
  try {
    const page = await openPage('options');
    await createVault(page);
    await page.getByRole('button', { name: 'Add key' }).click();
    await page.getByLabel('Provider').selectOption({ label: 'Anthropic' });
    await expect(page.getByRole('link', { name: 'Get a key from Anthropic' })).toHaveAttribute('href', 'https://platform.claude.com/settings/keys');
    await page.getByRole('button', { name: 'Cancel' }).click();
    for (const key of keys) {
      await addKey(page, key);
      const row = page.getByRole('listitem').filter({ hasText: key.name });
      await expect(row).toContainText(key.status);
      if (key.says) await expect(row).toContainText(key.says);
    }
    await expect(page.getByText('Reported as leaked — create a new key')).toHaveCount(1);

    // Each check went where its key can answer, with the key (if any) as its provider expects.
    for (const key of keys) {
      const sent = fake.log.filter((request) => key.secret && JSON.stringify(request.headers).includes(key.secret));
      if (key.secret) expect(sent.map((request) => request.url), key.name).toContain(key.path);
    }
    const scoped = fake.log.find((request) => JSON.stringify(request.headers).includes('sk-proj-noscope-'));
    expect(scoped?.headers).toMatchObject({ 'openai-organization': 'org-team42', 'openai-project': 'proj_alpha' });
    const lmStudio = fake.log.filter((request) => request.url.startsWith('/lmstudio/'));
    expect(lmStudio.map((request) => request.headers.authorization ?? 'none').sort()).toEqual(['Bearer sk-lm-abcdefgh:abcdefghijklmnopqr08', 'none']);

    // The popup shouts too, and asks before handing the leaked key out.
    const popup = await openPage('popup');
    const gemini = popup.getByRole('listitem').filter({ hasText: 'Google Gemini' });
    await expect(gemini).toContainText('Reported as leaked — create a new key');
    await gemini.getByRole('button', { name: 'Copy' }).click();
    await expect(popup.getByRole('dialog')).toContainText('“Gemini leaked”: Reported as leaked — create a new key.');
  } finally {
    await fake.stop();
  }
});
