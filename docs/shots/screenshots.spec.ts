import { mkdirSync } from 'node:fs';
import { test, expect } from '../../tests/e2e/fill-world.ts';
import { clickShadowButton } from '../../tests/e2e/closed-shadow.ts';
import { menuIn } from '../../tests/e2e/inline-menu.ts';
import { FakeProvider } from '../../tests/fixtures/fake-provider.ts';
import { addKey, createVault } from '../../tests/e2e/vault-pages.ts';

// Pictures for the README and for looking at the UI; written outside test-results/.
test('screenshots', async ({ openPage, context, site }) => {
  mkdirSync('docs', { recursive: true });
  const fake = await FakeProvider.start();
  const options = await openPage('options');
  await options.setViewportSize({ width: 900, height: 620 });
  await options.screenshot({ path: 'docs/create.png' });
  await createVault(options);
  await addKey(options, { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaa1111', endpoint: fake.endpoint('openai') });
  await addKey(options, { provider: 'Anthropic', name: 'Work', secret: 'sk-ant-api03-WORKbbbbbbbbbbbbbbbbbbbbbbbbbbbb2222', endpoint: fake.endpoint('anthropic') });
  await addKey(options, { provider: 'Google Gemini', name: 'Old project', secret: 'AIzainvalidcccccccccccccccccccccccc3333', endpoint: fake.endpoint('gemini') });
  await expect(options.getByRole('listitem').filter({ hasText: 'Old project' })).toContainText('Invalid');
  await options.screenshot({ path: 'docs/options.png' });
  const popup = await openPage('popup');
  await popup.setViewportSize({ width: 380, height: 420 });
  await popup.getByRole('listitem').first().waitFor();
  await popup.screenshot({ path: 'docs/popup.png' });

  // The inline offer on a provider's console, its menu (our own frame) open.
  const console = await context.newPage();
  await console.setViewportSize({ width: 640, height: 300 });
  await console.goto(site.consoleUrl);
  await console.getByLabel('API key').click();
  await clickShadowButton(console, 'Fill from AI Key Vault');
  await (await menuIn(console)).getByRole('button', { name: /Personal/ }).waitFor();
  await console.screenshot({ path: 'docs/inline-offer.png' });
  await fake.stop();
});
