import { test, expect } from './fixture.ts';
import { Firefox } from './firefox.ts';
import { PASSPHRASE } from '../e2e/vault-pages.ts';
import { addKey, button, byRole, createVault, fill, openSection, row, tick } from './pages.ts';
import { deliverSyncItems, storedAreas } from './extension-pages.ts';

const SYNC = 'Sync this vault across browsers signed in to the same account';
const KEYS = [
  { provider: 'OpenAI', name: 'Shared work', secret: 'sk-proj-SYNCEDaaaaaaaaaaaaaaaaaaaaaaaaaa1111' },
  { provider: 'Groq', name: 'Shared hobby', secret: 'gsk_SYNCEDbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
  { provider: 'Mistral', name: 'Added later', secret: 'mistralSYNCEDdddddddddddddddddddd' },
];

test('Firefox: sync writes ciphertext items to storage.sync, and another profile joins with them', async ({ firefox }) => {
  const page = await firefox.open('options.html');
  await createVault(page);
  for (const key of KEYS.slice(0, 2)) await addKey(page, key);
  await openSection(page, 'Sync');
  await tick(page, SYNC);
  await byRole(page, 'status', 'of 100.0 KB');
  const written = (await storedAreas(page)).sync;
  // The header and the groups of keys, nothing else.
  expect(Object.keys(written)).toContain('h');
  expect(Object.keys(written).filter((key) => key !== 'h').every((key) => /^g[0-9a-f]{2}$/.test(key))).toBe(true);
  for (const plain of [PASSPHRASE, ...KEYS.flatMap((key) => [key.name, key.secret])]) expect(JSON.stringify(written)).not.toContain(plain);
  const before = JSON.stringify(written);
  await addKey(page, KEYS[2]!);
  await expect.poll(async () => JSON.stringify((await storedAreas(page)).sync), { timeout: 10_000 }).not.toBe(before);

  const second = await Firefox.launch();
  try {
    const other = await second.open('options.html');
    await createVault(other, 'second profile passphrase 7');
    await deliverSyncItems(other, (await storedAreas(page)).sync);
    await openSection(other, 'Sync');
    await tick(other, SYNC);
    await fill(other, 'Passphrase of the synced vault', PASSPHRASE);
    await (await button(other, 'Join')).click();
    await openSection(other, 'Keys');
    for (const key of KEYS) await row(other, key.name);
    expect(await second.leaks(), 'leaks in the second profile').toEqual([]);
  } finally {
    await second.close();
  }
});
