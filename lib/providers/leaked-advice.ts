/**
 * What to tell a person whose key its provider reported as leaked: the same words on
 * the key's row, in the popup, before a copy and in the notification.
 * @module
 */

/** The advice shown wherever a key reported as leaked appears. */
export const LEAKED_ADVICE = 'Reported as leaked — create a new key';
