/**
 * Words for a key's age, expiry and use, as the list shows them, in the reader's language.
 * @module
 */
import { i18n } from '#i18n';

const DAY = 86_400_000;

/** "today", "3 days ago", "5 months ago"… */
export function ago(time: number, now: number): string {
  const days = Math.floor((now - time) / DAY);
  if (days < 1) return i18n.t('keyAge.today');
  if (days < 60) return i18n.t('keyAge.daysAgo', days);
  const months = Math.floor(days / 30);
  if (months < 24) return i18n.t('keyAge.monthsAgo', months);
  return i18n.t('keyAge.yearsAgo', Math.floor(days / 365));
}

export type ExpiryState = 'expired' | 'soon' | 'later' | undefined;

/** Expired, expiring within 14 days, or later. */
export function expiryState(expiresAt: number | undefined, now: number): ExpiryState {
  if (expiresAt === undefined) return undefined;
  if (expiresAt <= now) return 'expired';
  return expiresAt - now <= 14 * DAY ? 'soon' : 'later';
}

/** "expired 3/4/2026", "expires tomorrow", "expires in 9 days". */
export function expiryText(expiresAt: number, now: number): string {
  const days = Math.ceil((expiresAt - now) / DAY);
  if (days <= 0) return i18n.t('keyAge.expiredOn', [new Date(expiresAt).toLocaleDateString()]);
  return days === 1 ? i18n.t('keyAge.expiresTomorrow') : i18n.t('keyAge.expiresIn', days);
}

/** True when a key is older than the rotation reminder allows. */
export function needsRotation(createdAt: number, rotationDays: number, now: number): boolean {
  return now - createdAt > rotationDays * DAY;
}
