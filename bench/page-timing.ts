/** What a person feels on a page, timed inside it. */
import type { Page } from '@playwright/test';

/** One keystroke in the options page's search: the input event, Svelte's update of the list, and layout. */
export function searchKeystroke(page: Page, text: string): Promise<number> {
  return page.evaluate(async (text) => {
    const field = document.querySelector<HTMLInputElement>('input[type=search]')!;
    const start = performance.now();
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await Promise.resolve();
    void document.body.offsetHeight;
    return performance.now() - start;
  }, text);
}
