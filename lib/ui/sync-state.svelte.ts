/**
 * A page's view of sync: its status (read again on a timer and after each change), and
 * the switches. Components render it; only this asks the background.
 * @module
 */
import { ask } from '../client.ts';
import type { Result, SyncStatusView } from '../messages.ts';

export class SyncState {
  status = $state<SyncStatusView | undefined>(undefined);
  /** The synced vault is another one: its passphrase is needed to join it. */
  needsPassphrase = $state(false);
  failure = $state('');
  busy = $state(false);

  /** Reads the status every 10 s while a page shows it; returns a function that stops. */
  watch(): () => void {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), 10_000);
    return () => clearInterval(timer);
  }

  /** Reads the status now. */
  async refresh(): Promise<void> {
    const answer = await ask('syncStatus', {});
    if (answer.ok) this.status = answer.data;
  }

  async #run(request: Promise<Result<SyncStatusView>>): Promise<void> {
    this.busy = true;
    const answer = await request;
    this.busy = false;
    if (answer.ok) {
      this.status = answer.data;
      this.failure = '';
      this.needsPassphrase = false;
    } else {
      this.needsPassphrase = answer.code === 'sync-needs-passphrase';
      this.failure = answer.message;
    }
  }

  /** Turns sync on (with the synced vault's passphrase, to join it). */
  enable = (passphrase?: string) => this.#run(ask('enableSync', passphrase === undefined ? {} : { passphrase }));
  /** Turns sync off; works while the vault is locked. */
  disable = () => this.#run(ask('disableSync', {}));
  /** Runs a round now. */
  syncNow = () => this.#run(ask('syncNow', {}));
}
