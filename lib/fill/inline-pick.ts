/**
 * What passes between the three parts of the inline menu besides the background's
 * requests: the pick the background delivers to the content script's own document, the
 * outcome it answers with, and the frame's notes to the content script (its height, or
 * that it closed). Free of dependencies: the content script, the menu page and the
 * background all import it.
 * @module
 */

/** Why a pick did or did not fill, as a code: the menu frame shows the words (`menu.outcome.*`), never text from a page. */
export const PICK_OUTCOME_CODES = ['filled', 'too-soon', 'menu-hidden', 'field-gone', 'field-hidden', 'field-read-only', 'refused', 'closed'] as const;

/** An outcome's code. */
export type PickOutcome = (typeof PICK_OUTCOME_CODES)[number];

/** The pick's delivery to the content script that opened the menu (from the background only). */
export interface PickDelivery {
  event: typeof PICK_DELIVERY;
  menuId: string;
  token: string;
}

/** The `event` of a pick's delivery. */
export const PICK_DELIVERY = 'ai-key-vault:pick';

/** True for a pick's delivery (the content script checks what it receives before acting on it). */
export function isPickDelivery(message: unknown): message is PickDelivery {
  const m = message as Partial<PickDelivery> | null;
  return typeof m === 'object' && m !== null && m.event === PICK_DELIVERY && typeof m.menuId === 'string' && typeof m.token === 'string';
}

/** From the content script to its menu frame: which menu the frame draws. */
export const MENU_ID_NOTE = 'ai-key-vault:menu-id';

/** From the menu frame to the content script: the height it needs, or that it closed. */
export const MENU_FRAME_NOTE = 'ai-key-vault:menu-frame';

/** The frame's note: its height, or that it closed. */
export interface MenuFrameNote {
  event: typeof MENU_FRAME_NOTE;
  height?: number;
  close?: boolean;
}

/** The path of the menu page, by which the background also tells its frame from other extension pages. */
export const MENU_PAGE_PATH = '/inline-menu.html';

/** How long a menu must have been plainly visible before a pick in it counts. */
export const PICK_DELAY_MS = 500;
