import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { zipEntries } from '../support/zip-entries.ts';

// What `npm run zip` hands to the stores: each browser's build as built, and for
// Firefox's reviewers the sources to rebuild it from, with nothing secret or bulky.
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
const zipOf = (kind: 'chrome' | 'firefox' | 'sources') => zipEntries(path.resolve('.output', `${name}-${version}-${kind}.zip`));
/** A built manifest's permission lists; a list a build lacks fails the test that reads it. */
function permissionsOf(dir: string, lists: readonly string[]): string[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  return lists.flatMap((list) => {
    const names = manifest[list];
    if (!Array.isArray(names)) throw new Error(`${dir}: no ${list} in the manifest`);
    return names as string[];
  });
}
const filesIn = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).replaceAll(path.sep, '/'));

for (const [browser, dir] of [['chrome', '.output/chrome-mv3'], ['firefox', '.output/firefox-mv2']] as const) {
  test(`the ${browser} zip holds exactly the ${browser} build, with its manifest and words`, () => {
    const zip = zipOf(browser);
    expect([...zip.keys()]).toEqual(expect.arrayContaining(['manifest.json', '_locales/en/messages.json']));
    // The same files as the build the other tests ran, so a stale zip fails here.
    expect([...zip.keys()].sort()).toEqual(filesIn(dir).sort());
    expect(zip.get('manifest.json')!.toString()).toBe(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  });
}

test('the sources zip holds what a reviewer rebuilds from, and no dependencies, builds, tests or local files', () => {
  const files = [...zipOf('sources').keys()];
  for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'locales/en.yml', 'README.md', 'PRIVACY.md', 'entrypoints/background.ts', 'wasm/argon2-fill.ts', 'scripts/build-wasm.mjs']) {
    expect(files, needed).toContain(needed);
  }
  const unwanted = files.filter((file) => /^(node_modules|\.output|\.wxt|test-results|playwright-report|tests|bench|docs|screenshots)\/|(^|\/)\.|\.(log|zip|pem|key)$/.test(file));
  expect(unwanted).toEqual([]);
});

// PRIVACY.md explains every permission either build asks for, so it cannot fall behind the manifests.
test('PRIVACY.md names every permission of the Chrome and Firefox manifests', () => {
  const privacy = readFileSync('PRIVACY.md', 'utf8');
  const asked = [
    ...permissionsOf('.output/chrome-mv3', ['permissions', 'host_permissions', 'optional_host_permissions']),
    ...permissionsOf('.output/firefox-mv2', ['permissions', 'optional_permissions']),
  ];
  expect(asked.length).toBeGreaterThan(20);
  expect([...new Set(asked)].filter((permission) => !privacy.includes(`\`${permission}\``))).toEqual([]);
});
