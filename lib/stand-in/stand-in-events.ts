/**
 * The event the background sends to open extension pages when bindings or their counts
 * change. No dependencies, so pages bundle it as it is.
 * @module
 */

export const STAND_INS_CHANGED = 'ai-key-vault:stand-ins-changed';

/** True for that event (pages check what they receive before acting on it). */
export function isStandInsChanged(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { event?: unknown }).event === STAND_INS_CHANGED;
}
