/**
 * What every page needs to know first: is there a vault, is it locked; and the three
 * things it can do about it (create, unlock, lock). A page's own state class extends it
 * with what it lists, and loads that list (`load`): at once after its own unlock, and,
 * passively, when the background says something changed.
 * @module
 */
import { browser } from 'wxt/browser';
import { ask } from '../client.ts';
import { isChangeAnnouncement, isCheckProgress, type VaultChange } from '../vault-events.ts';
import type { ErrorCode, Result } from '../messages.ts';

export type PageStatus = 'loading' | 'none' | 'locked' | 'unlocked';

export abstract class GateState {
  status = $state<PageStatus>('loading');
  /** The last error not shown by a form of its own. */
  error = $state('');
  /** "Check all" progress, while one runs. */
  progress = $state<{ done: number; total: number } | undefined>(undefined);
  #following: Promise<void> = Promise.resolve();

  /** Loads the page's list; `change` is the announcement that prompted it (undefined: the page's own act). */
  protected abstract load(change?: VaultChange): Promise<void>;

  /** Starts watching for changes made elsewhere; returns a function that stops it. */
  watch(): () => void {
    const onMessage = (message: unknown) => {
      if (isChangeAnnouncement(message)) this.#following = this.#following.then(() => this.load(message));
      if (isCheckProgress(message)) this.progress = message.running ? { done: message.done, total: message.total } : undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    void this.load();
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }

  /** Takes a refusal of the list: locked or no vault is a state, anything else an error. */
  protected refused(code: ErrorCode, message: string): void {
    if (code === 'locked' || code === 'no-vault') this.status = code === 'locked' ? 'locked' : 'none';
    else this.error = message;
  }

  // After our own create or unlock, the list is asked for at once, not after the announcement.
  async #openedBy(request: Promise<Result<unknown>>): Promise<Result<unknown>> {
    const answer = await request;
    if (answer.ok) {
      this.error = '';
      await this.load();
    }
    return answer;
  }

  create = (passphrase: string) => this.#openedBy(ask('create', { passphrase }));
  unlock = (passphrase: string) => this.#openedBy(ask('unlock', { passphrase }));
  lock = async () => {
    const answer = await ask('lock', {});
    if (answer.ok) this.status = 'locked';
    return answer;
  };
}
