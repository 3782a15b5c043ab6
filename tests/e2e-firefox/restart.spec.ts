import { test, expect } from './fixture.ts';
import { addKey, button, choose, createVault, openSection, row, unlock } from './pages.ts';
import { storedAreas } from './extension-pages.ts';

test('Firefox: the vault is locked after the browser restarts, and opens again with its passphrase', async ({ firefox }) => {
  const page = await firefox.open('options.html');
  await createVault(page);
  await addKey(page, { provider: 'OpenAI', name: 'Survivor', secret: 'sk-proj-SURVIVORaaaaaaaaaaaaaaaaaaaaaaa1111' });
  await openSection(page, 'Settings');
  await choose(page, 'Auto-lock', 'Never');

  await firefox.restart();
  const again = await firefox.open('options.html');
  await button(again, 'Unlock');
  expect((await storedAreas(again)).session).toEqual({});
  await unlock(again);
  await row(again, 'Survivor');
});
