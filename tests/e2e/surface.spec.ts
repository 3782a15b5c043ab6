import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { curatedMatchPatterns } from '../../lib/fill/sites.ts';
import { LOOPBACK_PATTERNS } from '../../lib/web/address.ts';

// What the built extension asks for at install, and what it runs.
const CHROME = path.resolve('.output/chrome-mv3');
const FIREFOX = path.resolve('.output/firefox-mv2');
const manifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

test('the Chrome manifest asks for no broad access, no external messaging, and keeps a strict CSP', () => {
  const m = manifest(CHROME);
  const required = [...(m.host_permissions ?? []), ...(m.permissions ?? [])];
  // `scripting` reaches a page only with `activeTab` (the user's act there) or a site's own grant.
  for (const broad of ['<all_urls>', '*://*/*', 'https://*/*', 'http://*/*', 'tabs', 'webRequestBlocking', 'history', 'cookies', 'debugger']) {
    expect(required, broad).not.toContain(broad);
  }
  // Stand-in keys: header rules that need host access to both sides (not the plain
  // permission, which may act on any site), and webRequest, which in Manifest V3 only
  // observes, and only hosts the extension may reach.
  expect(m.permissions).toEqual(expect.arrayContaining(['declarativeNetRequestWithHostAccess', 'webRequest']));
  expect(m.permissions).not.toContain('declarativeNetRequest');
  expect(m.permissions).not.toContain('declarativeNetRequestFeedback');
  expect(m.manifest_version).toBe(3);
  for (const host of m.host_permissions) expect(host).toMatch(/^(https:\/\/(\*\.)?[a-z0-9.-]+\.[a-z]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\]))\/\*$/);
  expect(m.optional_host_permissions).toEqual(['https://*/*']);
  expect(m.externally_connectable).toBeUndefined();
  // One page may be framed by web pages, the inline menu (its scripts load as the extension's own),
  // only through a per-session address, and only on https pages and pages on this computer.
  expect(m.web_accessible_resources).toEqual([{ resources: ['inline-menu.html'], matches: ['https://*/*', ...LOOPBACK_PATTERNS], use_dynamic_url: true }]);
  // The inline offer runs unasked only on the curated provider consoles and BYOK apps.
  expect(m.content_scripts).toHaveLength(1);
  expect([...m.content_scripts[0].matches].sort()).toEqual([...curatedMatchPatterns()].sort());
  for (const match of m.content_scripts[0].matches) expect(match).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+\/\*$/);
  expect(m.content_security_policy).toEqual({ extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" });
});

test('no page loads code from anywhere but the extension', () => {
  for (const file of readdirSync(CHROME).filter((name) => name.endsWith('.html'))) {
    const html = readFileSync(path.join(CHROME, file), 'utf8');
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((url) => /^(https?:)?\/\//.test(url!)), file).toEqual([]);
  }
});

test('web-ext lint finds no error in the Firefox build', () => {
  const output = execFileSync(path.resolve('node_modules/.bin/web-ext'), ['lint', '-s', FIREFOX, '--output=json'], { encoding: 'utf8' });
  const report = JSON.parse(output);
  expect(report.errors.map((e: { code: string }) => e.code)).toEqual([]);
  expect(manifest(FIREFOX).browser_specific_settings.gecko.id).toBeTruthy();
  expect(manifest(FIREFOX).web_accessible_resources).toEqual(['inline-menu.html']);
  // Custom endpoints and sites for the inline offer are asked for one origin at a time,
  // which Firefox allows only for origins the manifest names as optional.
  expect(manifest(FIREFOX).optional_permissions).toEqual(['https://*/*']);
});

test('the Firefox build asks for nothing stand-in keys would need there (it has none)', () => {
  const permissions = manifest(FIREFOX).permissions as string[];
  for (const name of ['declarativeNetRequest', 'declarativeNetRequestWithHostAccess', 'webRequest', 'webRequestBlocking']) expect(permissions).not.toContain(name);
});
