import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default ts.config(
  // wasm/ is AssemblyScript, checked by its compiler (npm run build:wasm).
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'playwright-report/', 'wasm/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The pure core runs in Node and in tests: no browser extension API here.
    files: ['lib/crypto/**', 'lib/vault/**', 'lib/providers/**', 'lib/fill/**', 'lib/stand-in/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['wxt/*', 'webextension-polyfill', '*/background/*', '*/ui/*'], message: 'lib core is pure: no browser APIs.' }] },
      ],
      'no-restricted-globals': ['error', { name: 'chrome', message: 'lib core is pure.' }, { name: 'browser', message: 'lib core is pure.' }],
    },
  },
);
