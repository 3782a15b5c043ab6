import { defineConfig } from 'wxt';
import { catalogHostPermissions } from './lib/providers/host-permissions.ts';
import { MENU_PAGE_PATH } from './lib/fill/inline-pick.ts';
import { LOOPBACK_PATTERNS } from './lib/web/address.ts';

// The manifest lives here; permissions are kept to what the features use.
export default defineConfig({
  modules: ['@wxt-dev/module-svelte', '@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  imports: false,
  hooks: {
    // The worker runs without webextension-polyfill (2.6 KB gzip of it): in Firefox the
    // polyfill hands back the browser's own `browser`, and Chrome's worker APIs all return
    // promises themselves; its one addition, promises returned from onMessage listeners, the
    // worker does not use (it answers through sendResponse). Pages and content scripts keep it.
    // The worker is a classic script (entrypoints/background.ts): strict, as the modules it is made of.
    // The popup's head script (entrypoints/popup-first.ts) goes without it too: it only asks and listens.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some(({ type, name }) => type === 'background' || name === 'popup-first')) return;
      const alias = config.resolve?.alias;
      if (alias && !Array.isArray(alias)) delete (alias as Record<string, string>)['wxt/browser'];
      const output = config.build?.rollupOptions?.output;
      if (output && !Array.isArray(output)) output.strict = true;
    },
  },
  // `npm start` opens Chrome with the extension loaded; CHROMIUM_PATH picks another
  // binary. Chromium refuses to start as root unless its sandbox is off.
  webExt: {
    ...(process.env.CHROMIUM_PATH ? { binaries: { chrome: process.env.CHROMIUM_PATH } } : {}),
    ...(process.getuid?.() === 0 ? { chromiumArgs: ['--no-sandbox'] } : {}),
  },
  // `npm run zip`: the Chrome and Firefox packages, and for Firefox the sources zip AMO's
  // reviewers rebuild from (README: Store packages). An allowlist, so nothing else
  // (tests, benchmarks, screenshots, local files) ever goes into it.
  zip: {
    includeSources: [
      'entrypoints/**', 'lib/**', 'locales/**', 'public/**', 'scripts/**', 'wasm/**',
      'package.json', 'package-lock.json', 'tsconfig.json', 'wxt.config.ts',
      'README.md', 'PRIVACY.md', 'CHANGELOG.md',
    ],
  },
  manifest: ({ browser }) => ({
    // Every word the user reads comes from locales/<language>.yml (the build writes
    // _locales/<language>/messages.json); English is the fallback.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // clipboardRead: a copied key is cleared only if the clipboard still holds it, which
    // takes reading it. offscreen: Chrome's worker has no clipboard of its own.
    // activeTab + scripting: filling reaches a page only on the user's act there.
    // contextMenus: "Insert API key" on editable fields.
    // declarativeNetRequestWithHostAccess + webRequest (Chrome): stand-in keys. A session
    // rule sets a bound site's requests to its key's API host to the real key (only where
    // the extension has host access to both); webRequest observes (never blocks) those
    // requests to count them against the binding's limits.
    permissions: [
      'storage',
      'alarms',
      'idle',
      'clipboardWrite',
      'clipboardRead',
      'notifications',
      'activeTab',
      'scripting',
      'contextMenus',
      ...(browser === 'firefox' ? [] : ['offscreen', 'declarativeNetRequestWithHostAccess', 'webRequest']),
    ],
    host_permissions: catalogHostPermissions(),
    // Custom endpoints (gateways, proxies) and sites the user turns the inline offer on
    // for are asked for one origin at a time. Manifest V2 (Firefox) names them among its
    // optional permissions; WXT drops optional_host_permissions there without moving them.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*'] } : { optional_host_permissions: ['https://*/*'] }),
    // Argon2id runs as WebAssembly (3× faster than JS): compiling WASM needs
    // 'wasm-unsafe-eval'. No remote code, no eval of strings.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    // The inline menu: our page, framed by the content script inside the sites it runs on.
    // The page alone (its scripts load as the extension's own); Chrome only through a
    // per-session address; on https pages (any site the user may turn the offer on for)
    // and pages on this computer, as the offer itself.
    web_accessible_resources: [
      { resources: [MENU_PAGE_PATH.slice(1)], matches: ['https://*/*', ...LOOPBACK_PATTERNS], use_dynamic_url: true },
    ],
    commands: {
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandOpen__',
      },
      'fill-key': { suggested_key: { default: 'Alt+Shift+L' }, description: '__MSG_commandFill__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Nothing leaves the browser but a key's check, to that key's own provider.
            gecko: { id: 'ai-key-vault@example.org', strict_min_version: '115.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
