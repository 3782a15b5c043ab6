/**
 * A page's view of the vault, kept current: it asks the background, and asks again when
 * the background announces a change (a lock from the popup shows on the options page
 * at once).
 * @module
 */
import { browser } from 'wxt/browser';
import { ask } from '../client.ts';
import { isChangeAnnouncement, isCheckProgress } from '../vault-events.ts';
import type { EntrySummaryView, ResponseOf, Result } from '../messages.ts';

export const LIST_READY = 'ai-key-vault:list-ready';

export type PageStatus = 'loading' | 'none' | 'locked' | 'unlocked';
type Listing = ResponseOf<'listEntries'>;

export class VaultState {
  status = $state<PageStatus>('loading');
  entries = $state<EntrySummaryView[]>([]);
  settings = $state<Listing['settings'] | undefined>(undefined);
  kdf = $state<Listing['kdf'] | undefined>(undefined);
  /** The last error not shown by a form of its own. */
  error = $state('');
  /** "Check all" progress, while one runs. */
  progress = $state<{ done: number; total: number } | undefined>(undefined);

  /** Starts watching for changes made elsewhere; returns a function that stops it. */
  watch(): () => void {
    const onMessage = (message: unknown) => {
      if (isChangeAnnouncement(message)) void this.refresh();
      if (isCheckProgress(message)) this.progress = message.running ? { done: message.done, total: message.total } : undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    void this.refresh();
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }

  /** Asks once: the list when unlocked; otherwise its refusal says locked or no vault. */
  async refresh(): Promise<void> {
    const list = await ask('listEntries', {});
    if (list.ok) {
      this.entries = list.data.entries;
      // For `npm run bench`: when the list first arrived (the page draws it in the same task).
      if (performance.getEntriesByName(LIST_READY).length === 0) performance.mark(LIST_READY);
      this.settings = list.data.settings;
      this.kdf = list.data.kdf;
      this.status = 'unlocked';
    } else if (list.code === 'locked' || list.code === 'no-vault') {
      this.entries = [];
      this.status = list.code === 'locked' ? 'locked' : 'none';
    } else {
      this.error = list.message;
    }
  }

  /** Runs a request and returns its answer for forms to show (the change announcement refreshes the view). */
  async run<T>(request: Promise<Result<T>>): Promise<Result<T>> {
    const answer = await request;
    if (answer.ok) this.error = '';
    return answer;
  }

  create = (passphrase: string) => this.run(ask('create', { passphrase }));
  unlock = (passphrase: string) => this.run(ask('unlock', { passphrase }));
  lock = () => this.run(ask('lock', {}));
}
