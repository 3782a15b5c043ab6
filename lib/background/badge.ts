/**
 * The toolbar badge: how many keys are invalid or out of credit. Blank while locked,
 * since nothing decrypted is known then.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import type { Payload } from '../vault/payload-schema.ts';

const NEEDS_ATTENTION = new Set(['invalid', 'no-credit']);

/** The number the badge shows. */
export function attentionCount(payload: Payload | undefined): number {
  return payload?.entries.filter((entry) => NEEDS_ATTENTION.has(entry.validation?.status ?? '')).length ?? 0;
}

/** The toolbar button's count, set only when it changes. */
export class Badge {
  #shown: number | undefined;

  constructor(private readonly browser: WxtBrowser) {}

  /** Shows the count for `payload`. */
  async update(payload: Payload | undefined): Promise<void> {
    const count = attentionCount(payload);
    if (count === this.#shown) return;
    this.#shown = count;
    // Firefox's MV2 build has browserAction where Chrome's MV3 has action.
    const { browser } = this;
    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    await action.setBadgeText({ text: count ? String(count) : '' });
    if (count) await action.setBadgeBackgroundColor({ color: '#b42318' });
  }
}
