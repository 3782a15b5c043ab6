import { test, expect } from './fixture.ts';
import { FakeProvider } from '../fixtures/fake-provider.ts';
import { addKey, button, byRole, createVault, row, rowAction, waitForText } from './pages.ts';

test('Firefox: keys are checked at their own endpoint, on save and on Check', async ({ firefox }) => {
  const fake = await FakeProvider.start();
  const keys = [
    { provider: 'OpenAI', name: 'OpenAI good', secret: 'sk-proj-good-aaaaaaaaaaaaaaaaaaaa01', endpoint: fake.endpoint('openai'), status: 'Valid', path: '/openai/v1/models', header: 'authorization' },
    { provider: 'Anthropic', name: 'Anthropic bad', secret: 'sk-ant-api03-invalid-aaaaaaaaaaaa03', endpoint: fake.endpoint('anthropic'), status: 'Invalid', path: '/anthropic/v1/models', header: 'x-api-key' },
  ];
  try {
    const page = await firefox.open('options.html');
    await createVault(page);
    for (const key of keys) {
      await addKey(page, key);
      await waitForText(await row(page, key.name), key.status);
    }
    // The provider's words are in the key's details.
    await (await button(await row(page, 'Anthropic bad'), 'Anthropic bad')).click();
    await waitForText(await byRole(page, 'dialog', 'Anthropic bad'), 'invalid x-api-key');
    await page.keyboard.press('Escape');

    const before = fake.log.length;
    await rowAction(await row(page, 'OpenAI good'), 'Check');
    await expect.poll(() => fake.log.length).toBe(before + 1);

    // The server's log: each key reached only its own endpoint, in its provider's header.
    expect(fake.log.length).toBeGreaterThanOrEqual(keys.length + 1);
    for (const request of fake.log) {
      const [key, ...others] = keys.filter((k) => JSON.stringify(request.headers).includes(k.secret));
      expect(others, request.url).toEqual([]);
      expect(request.url).toBe(key?.path);
      expect(fake.keyHeaderOf(request)).toBe(key?.header);
    }
  } finally {
    await fake.stop();
  }
});
