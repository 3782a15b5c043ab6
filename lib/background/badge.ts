/**
 * The toolbar badge: how many keys need attention: invalid, out of credit, or over their
 * monthly budget. Blank while locked, since nothing decrypted is known then.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import type { Payload } from '../vault/payload-schema.ts';
import { overBudget } from '../vault/budget.ts';

const NEEDS_ATTENTION = new Set(['invalid', 'no-credit']);

/** The number the badge shows: keys invalid, out of credit or over budget at `now` (each counted once). */
export function attentionCount(payload: Payload | undefined, now: number): number {
  if (!payload) return 0;
  const ids = new Set(payload.entries.filter((entry) => NEEDS_ATTENTION.has(entry.validation?.status ?? '')).map((entry) => entry.id));
  for (const key of overBudget(payload.entries, now)) ids.add(key.id);
  return ids.size;
}

/** The toolbar button's count, set only when it changes. */
export class Badge {
  #shown: number | undefined;

  constructor(
    private readonly browser: WxtBrowser,
    private readonly now: () => number,
  ) {}

  /** Shows the count for `payload`. */
  async update(payload: Payload | undefined): Promise<void> {
    const count = attentionCount(payload, this.now());
    if (count === this.#shown) return;
    this.#shown = count;
    // Firefox's MV2 build has browserAction where Chrome's MV3 has action.
    const { browser } = this;
    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    await action.setBadgeText({ text: count ? String(count) : '' });
    if (count) await action.setBadgeBackgroundColor({ color: '#b42318' });
  }
}
