/**
 * Locks the vault after the configured time without use, when the system locks, and
 * (through session storage being cleared) when the browser restarts. It learns the
 * setting from the session's `changed` events; pages' requests count as use.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import type { Settings } from '../vault/payload-schema.ts';

export const AUTO_LOCK_ALARM = 'auto-lock';

export class AutoLock {
  /** The open vault's setting; undefined while locked. */
  #setting: Settings['autoLock'] | undefined;

  constructor(
    private readonly browser: WxtBrowser,
    private readonly lock: () => Promise<void>,
  ) {}

  /** The vault changed: remember its setting (undefined when it is not open). */
  settingIs(setting: Settings['autoLock'] | undefined): void {
    this.#setting = setting;
  }

  /** A use of the vault: restarts the countdown (or clears it when the vault is locked or never locks by time). */
  async used(): Promise<void> {
    const setting = this.#setting;
    if (typeof setting === 'number') await this.browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: setting });
    else await this.browser.alarms.clear(AUTO_LOCK_ALARM);
  }

  /** Wires the alarm, the system-lock signal and the browser's start to `lock`. */
  listen(): void {
    this.browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === AUTO_LOCK_ALARM) void this.lock();
    });
    this.browser.idle?.onStateChanged.addListener((state) => {
      if (state === 'locked' && this.#setting !== undefined && this.#setting !== 'never') void this.lock();
    });
    this.browser.runtime.onStartup.addListener(() => void this.lock());
  }
}
