import { defineConfig, type Plugin } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { compileModule } from 'svelte/compiler';

/** Compiles the pages' state modules (`*.svelte.ts`: runes in plain classes) once TypeScript is stripped, so tests drive them. */
const svelteStateModules: Plugin = {
  name: 'svelte-state-modules',
  enforce: 'post',
  transform(code, id) {
    if (!/\.svelte\.ts$/.test(id)) return undefined;
    const { js } = compileModule(code, { filename: id, generate: 'client' });
    return { code: js.code, map: js.map };
  },
};

export default defineConfig({
  plugins: [WxtVitest(), svelteStateModules],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/support/i18n-fake.ts'],
    testTimeout: 60_000,
  },
});
