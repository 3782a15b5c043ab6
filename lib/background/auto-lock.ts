/**
 * Locks the vault after the configured time without use, when the system locks, and
 * (through session storage being cleared) when the browser restarts.
 * @module
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../vault/payload-schema.ts';

export const AUTO_LOCK_ALARM = 'auto-lock';

/** Restarts the countdown; call on every use of the unlocked vault. */
export async function restartAutoLock(setting: Settings['autoLock']): Promise<void> {
  if (typeof setting === 'number') {
    await browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: setting });
  } else {
    await browser.alarms.clear(AUTO_LOCK_ALARM);
  }
}

export async function cancelAutoLock(): Promise<void> {
  await browser.alarms.clear(AUTO_LOCK_ALARM);
}

/** Wires the alarm and the system-lock signal to `lock`. */
export function listenForAutoLock(lock: () => Promise<void>, setting: () => Settings['autoLock'] | undefined): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) void lock();
  });
  browser.idle?.onStateChanged.addListener((state) => {
    const current = setting();
    if (state === 'locked' && current !== undefined && current !== 'never') void lock();
  });
  browser.runtime.onStartup.addListener(() => void lock());
}
