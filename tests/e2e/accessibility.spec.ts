import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './extension.ts';
import { addKey, createVault } from './vault-pages.ts';

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')})`);
}

// Dark mode is checked, not assumed: every state of both pages in both colour schemes.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`the options page and the popup have no serious accessibility violations, locked or unlocked (${colorScheme})`, async ({ openPage }) => {
    const open = async (name: 'options' | 'popup') => {
      const page = await openPage(name);
      await page.emulateMedia({ colorScheme });
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      return page;
    };
    const options = await open('options');
    await expect(options.getByRole('button', { name: 'Create vault' })).toBeVisible();
    expect(await seriousViolations(options)).toEqual([]);
    await createVault(options);
    await addKey(options, { provider: 'OpenAI', name: 'Personal', secret: 'sk-proj-PERSONALaaaaaaaaaaaaaaaaaaaaaaaa1111' });
    expect(await seriousViolations(options)).toEqual([]);
    await options.getByRole('button', { name: 'Add key' }).click();
    expect(await seriousViolations(options)).toEqual([]);
    await options.getByRole('button', { name: 'Cancel' }).click();

    const popup = await open('popup');
    await expect(popup.getByRole('listitem')).toHaveCount(1);
    expect(await seriousViolations(popup)).toEqual([]);

    await options.getByRole('button', { name: 'Lock' }).click();
    await expect(options.getByRole('button', { name: 'Unlock' })).toBeVisible();
    expect(await seriousViolations(options)).toEqual([]);
    await popup.reload();
    await expect(popup.getByRole('button', { name: 'Unlock' })).toBeVisible();
    expect(await seriousViolations(popup)).toEqual([]);
  });
}
