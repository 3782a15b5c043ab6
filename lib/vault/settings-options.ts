/**
 * The choices the settings page offers (free of schema code, so pages can import them).
 * @module
 */

export const AUTO_LOCK_MINUTES = [1, 5, 15, 30, 60] as const;
export const CLIPBOARD_CLEAR_SECONDS = [10, 30, 60, 120] as const;
