/**
 * Words for a key's age, expiry and use, as the list shows them.
 * @module
 */

const DAY = 86_400_000;

/** "today", "3 days ago", "5 months ago"… */
export function ago(time: number, now: number): string {
  const days = Math.floor((now - time) / DAY);
  if (days < 1) return 'today';
  if (days < 60) return `${days} day${days === 1 ? '' : 's'} ago`;
  const months = Math.floor(days / 30);
  if (months < 24) return `${months} months ago`;
  return `${Math.floor(days / 365)} years ago`;
}

export type ExpiryState = 'expired' | 'soon' | 'later' | undefined;

/** Expired, expiring within 14 days, or later. */
export function expiryState(expiresAt: number | undefined, now: number): ExpiryState {
  if (expiresAt === undefined) return undefined;
  if (expiresAt <= now) return 'expired';
  return expiresAt - now <= 14 * DAY ? 'soon' : 'later';
}

export function expiryText(expiresAt: number, now: number): string {
  const days = Math.ceil((expiresAt - now) / DAY);
  if (days <= 0) return `expired ${new Date(expiresAt).toLocaleDateString()}`;
  return days === 1 ? 'expires tomorrow' : `expires in ${days} days`;
}

/** True when a key is older than the rotation reminder allows. */
export function needsRotation(createdAt: number, rotationDays: number, now: number): boolean {
  return now - createdAt > rotationDays * DAY;
}
