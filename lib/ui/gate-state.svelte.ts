/**
 * What every page needs to know first: is there a vault, is it locked; and the three
 * things it can do about it (create, unlock, lock). A page's own state class extends it
 * with what it lists, and loads that list (`load`): with or at once after its own
 * unlock, and, passively, when the background says something changed. The page's own
 * acts and the announcements it follows run one at a time, in order.
 * @module
 */
import { ask } from '../client.ts';
import { isChangeAnnouncement, isCheckProgress, type VaultChange } from '../vault-events.ts';
import { hearBackground } from './hear-background.ts';
import type { ErrorCode, ResponseOf, Result } from '../messages.ts';

export type PageStatus = 'loading' | 'none' | 'locked' | 'unlocked';

/** The answer to a create or unlock: the vault's state, and the first rows when the page asked for them. */
export type Opened = ResponseOf<'unlock'>;

export abstract class GateState {
  status = $state<PageStatus>('loading');
  /** The last error not shown by a form of its own. */
  error = $state('');
  /** "Check all" progress, while one runs. */
  progress = $state<{ done: number; total: number } | undefined>(undefined);
  #following: Promise<unknown> = Promise.resolve();
  #locks = 0;

  /** Loads the page's list; `change` is the announcement that prompted it (undefined: the page's own act). */
  protected abstract load(change?: VaultChange): Promise<void>;

  /** How many keys, first in list order, the page asks its create or unlock answer to carry (undefined: none). */
  protected firstRows(): number | undefined {
    return undefined;
  }

  /** The vault opened by the page's own act: takes the rows its answer carried, or loads. */
  protected async opened(_answer: Opened): Promise<void> {
    await this.load();
  }

  /** Asks, and gives the answer unless the page was locked meanwhile (a list asked for before the lock is stale). */
  protected async askOpen<T>(request: () => Promise<Result<T>>): Promise<Result<T> | undefined> {
    const locks = this.#locks;
    const answer = await request();
    return locks === this.#locks ? answer : undefined;
  }

  /** Runs `step` once the steps before it (the page's own acts, the announcements it follows) are done. */
  protected follow<T>(step: () => Promise<T>): Promise<T> {
    const run = this.#following.then(step);
    this.#following = run.catch(() => undefined);
    return run;
  }

  /** Starts watching for changes made elsewhere; returns a function that stops it. */
  watch(): () => void {
    const stop = hearBackground((message) => {
      if (isChangeAnnouncement(message)) void this.follow(() => this.load(message));
      if (isCheckProgress(message)) this.progress = message.running ? { done: message.done, total: message.total } : undefined;
    });
    void this.follow(() => this.load());
    return stop;
  }

  /** Takes a refusal of the list: locked or no vault is a state, anything else an error. */
  protected refused(code: ErrorCode, message: string): void {
    if (code === 'locked' || code === 'no-vault') this.status = code === 'locked' ? 'locked' : 'none';
    else this.error = message;
  }

  // After our own create or unlock, the list comes with the answer (or is asked for at once),
  // and an announcement of that same opening, heard meanwhile, waits behind it.
  #openedBy(request: () => Promise<Result<Opened>>): Promise<Result<Opened>> {
    return this.follow(async () => {
      const answer = await request();
      if (answer.ok) {
        this.error = '';
        await this.opened(answer.data);
      }
      return answer;
    });
  }

  #first(): { first?: number } {
    const first = this.firstRows();
    return first === undefined ? {} : { first };
  }

  create = (passphrase: string) => this.#openedBy(() => ask('create', { passphrase, ...this.#first() }));
  unlock = (passphrase: string) => this.#openedBy(() => ask('unlock', { passphrase, ...this.#first() }));
  lock = async () => {
    this.#locks += 1;
    const answer = await ask('lock', {});
    if (answer.ok) this.status = 'locked';
    return answer;
  };
}
