import { defineConfig } from '@playwright/test';

export default defineConfig({
  timeout: 60_000,
  // Each test launches its own browser with the extension: two at a time fit 2 cores.
  workers: 2,
  reporter: [['list']],
  projects: [
    { name: 'e2e', testDir: 'tests/e2e' },
    // Debian's Firefox ESR over WebDriver BiDi (puppeteer-core inside the fixtures); a
    // Firefox launch takes several seconds, and a restart test launches twice.
    { name: 'firefox', testDir: 'tests/e2e-firefox', timeout: 120_000 },
    // Timed work runs alone so that nothing else competes for the cores.
    { name: 'bench', testDir: 'bench', testMatch: '**/*.bench.ts', timeout: 600_000, workers: 1 },
    { name: 'screenshots', testDir: 'docs/shots' },
  ],
});
