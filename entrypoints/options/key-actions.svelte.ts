/**
 * What the options page asks the background to do with one key (copy, show, check,
 * duplicate, enable, make active, delete and undo), and what it tells the person after.
 * Rows raise these; the dialogs they may need (copy a risky key, delete the active key)
 * are drawn by the page from the state here.
 * @module
 */
import { SvelteSet } from 'svelte/reactivity';
import { i18n } from '#i18n';
import { ask } from '../../lib/client.ts';
import { copySecret } from '../../lib/ui/copy-secret.ts';
import { useConcern } from '../../lib/vault/key-use.ts';
import type { EntrySummaryView, Result } from '../../lib/messages.ts';
import type { ToastState } from './toast-state.svelte.ts';

const REVEAL_MS = 10_000;

export class KeyActions {
  /** The key shown in the clear, for ten seconds at most. */
  revealed = $state<{ id: string; secret: string } | undefined>(undefined);
  /** Ids of the keys being checked now. */
  readonly checking = new SvelteSet<string>();
  /** A key whose copy waits for the person's yes (disabled, expired, leaked, invalid). */
  confirmingCopy = $state<EntrySummaryView | undefined>(undefined);
  /** The active key whose delete waits for the person's yes. */
  deleting = $state<EntrySummaryView | undefined>(undefined);
  #hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly toasts: ToastState) {}

  /** Copies `entry`'s key; a key worth a second thought asks first, unless `confirmed`. */
  copy = async (entry: EntrySummaryView, confirmed = false): Promise<void> => {
    if (useConcern(entry, Date.now()) && !confirmed) return void (this.confirmingCopy = entry);
    this.confirmingCopy = undefined;
    this.toasts.show((await copySecret(entry.id, confirmed)).message);
  };

  /** Shows `entry`'s key in its row for ten seconds, or hides it. */
  reveal = async (entry: EntrySummaryView): Promise<void> => {
    if (this.revealed?.id === entry.id) return this.hide();
    const answer = await ask('getSecret', { id: entry.id, purpose: 'reveal', allowDisabled: true });
    if (!answer.ok) return void this.toasts.show(answer.message);
    this.hide();
    this.revealed = { id: entry.id, secret: answer.data.secret };
    this.#hideTimer = setTimeout(this.hide, REVEAL_MS);
  };

  /** Forgets the key shown in the clear. */
  hide = (): void => {
    clearTimeout(this.#hideTimer);
    this.revealed = undefined;
  };

  check = async (entry: EntrySummaryView): Promise<void> => {
    this.checking.add(entry.id);
    await this.#run(ask('checkEntry', { id: entry.id }));
    this.checking.delete(entry.id);
  };

  checkAll = () => this.#run(ask('checkAll', {}));

  cancelChecks = () => this.#run(ask('cancelChecks', {}));

  duplicate = (entry: EntrySummaryView) => this.#run(ask('duplicateEntry', { id: entry.id }));

  toggleEnabled = (entry: EntrySummaryView) =>
    this.#run(ask('updateEntry', { id: entry.id, changes: { enabled: !entry.enabled }, expectedUpdatedAt: entry.updatedAt }));

  makeActive = (entry: EntrySummaryView) => this.#run(ask('setActive', { id: entry.id }));

  /** Deletes `entry`: the active key of its provider asks first; any other goes at once, with "Undo". */
  remove = (entry: EntrySummaryView): Promise<void> => (entry.active ? Promise.resolve(void (this.deleting = entry)) : this.confirmRemove(entry));

  /** Deletes `entry` now and offers to undo it. */
  confirmRemove = async (entry: EntrySummaryView): Promise<void> => {
    this.deleting = undefined;
    const answer = await ask('deleteEntry', { id: entry.id });
    if (!answer.ok) return void this.toasts.show(answer.message);
    const { undo } = answer.data;
    this.toasts.show(i18n.t('options.toast.deleted', [entry.name]), { label: i18n.t('options.toast.undo'), run: () => void this.#undo(undo, entry.name) });
  };

  async #undo(token: string, name: string): Promise<void> {
    const answer = await ask('restoreEntry', { token });
    this.toasts.show(answer.ok ? i18n.t('options.toast.restored', [name]) : answer.message);
  }

  async #run(request: Promise<Result<unknown>>): Promise<void> {
    const answer = await request;
    if (!answer.ok) this.toasts.show(answer.message);
  }
}
