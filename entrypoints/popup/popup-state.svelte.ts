/**
 * The popup's state: its rows (one per provider, from the background's memory in one
 * request), the search over them, the message under each row, and what it asks the
 * background to do (copy, fill, switch the active key).
 * @module
 */
import { browser } from 'wxt/browser';
import { ask } from '../../lib/client.ts';
import { copySecret } from '../../lib/ui/copy-secret.ts';
import { GateState } from '../../lib/ui/gate-state.svelte.ts';
import { markListShown } from '../../lib/ui/marks.ts';
import type { ProviderGroupView } from '../../lib/messages.ts';
import type { VaultChange } from '../../lib/vault-events.ts';
import { matchingGroups } from './matching-groups.ts';

export class PopupState extends GateState {
  groups = $state<ProviderGroupView[]>([]);
  query = $state('');
  /** A line under a provider's row: what its last act did. */
  messages = $state<Record<string, string>>({});
  readonly shown: ProviderGroupView[];

  constructor() {
    super();
    this.shown = $derived(matchingGroups(this.groups, this.query));
  }

  protected async load(change?: VaultChange): Promise<void> {
    const answer = await ask('popupList', change ? { refresh: true } : {});
    if (!answer.ok) {
      this.groups = [];
      return this.refused(answer.code, answer.message);
    }
    this.groups = answer.data.groups;
    this.status = 'unlocked';
    markListShown();
  }

  #say(group: ProviderGroupView, message: string): void {
    this.messages = { ...this.messages, [group.provider]: message };
  }

  /** Copies the group's active key (`confirmed`: the user accepted a warning). */
  async copy(group: ProviderGroupView, confirmed: boolean): Promise<void> {
    this.#say(group, (await copySecret(group.active.id, confirmed)).message);
  }

  /** Fills the group's active key into the page the popup was opened over; closes the popup once it is in. */
  async fill(group: ProviderGroupView, confirmed: boolean): Promise<void> {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return this.#say(group, 'There is no page to fill.');
    const answer = await ask('fillTab', { id: group.active.id, tabId: tab.id, allowDisabled: confirmed });
    if (answer.ok) return window.close();
    this.#say(group, answer.message);
  }

  /** Makes `id` its provider's active key. */
  async switchTo(group: ProviderGroupView, id: string): Promise<void> {
    const answer = await ask('setActive', { id });
    this.#say(group, answer.ok ? '' : answer.message);
  }
}
