/**
 * The options page's own state: the search, the provider filter, what is being edited,
 * which key's details are open, a key waiting in the add form. The list shown is derived
 * from the vault's entries.
 * @module
 */
import { ask } from '../../lib/client.ts';
import type { EntrySummaryView } from '../../lib/messages.ts';
import type { KeyPrefill } from '../../lib/ui/key-prefill.ts';
import { buildIndex, search, type Indexed } from '../../lib/ui/search-index.ts';
import type { VaultState } from '../../lib/ui/vault-state.svelte.ts';

export class OptionsState {
  query = $state('');
  /** Provider id, or undefined for all. */
  provider = $state<string | undefined>(undefined);
  /** The key being edited; null while adding; undefined when the form is closed. */
  editing = $state<EntrySummaryView | null | undefined>(undefined);
  /** A new key's starting values (captured on a console, or pasted on this page). */
  prefill = $state<KeyPrefill | undefined>(undefined);
  /** The id of the key whose details are open. */
  details = $state<string | undefined>(undefined);
  /** The models its last check listed, once the background gave them. */
  detailModels = $state<readonly string[]>([]);

  readonly vault: VaultState;
  /** The searchable text of every entry: rebuilt when the list changes, not per keystroke. */
  readonly #index: Indexed[];
  readonly shown: EntrySummaryView[];
  /** The key whose details are open, as it is now. */
  readonly detailed: EntrySummaryView | undefined;

  constructor(vault: VaultState) {
    this.vault = vault;
    this.#index = $derived(buildIndex(this.vault.entries));
    this.shown = $derived(search(this.#index, this.query, this.provider));
    this.detailed = $derived(this.details === undefined ? undefined : this.vault.entries.find((entry) => entry.id === this.details));
  }

  /** Opens the details of key `id` and asks for its models. */
  async openDetails(id: string): Promise<void> {
    this.details = id;
    this.detailModels = [];
    const answer = await ask('entryModels', { id });
    if (answer.ok && this.details === id) this.detailModels = answer.data.models;
  }

  /** Opens the add form, with `prefill` if given. */
  add(prefill?: KeyPrefill): void {
    this.prefill = prefill;
    this.editing = null;
  }

  /** Closes the key form. */
  closeForm(): void {
    this.editing = undefined;
    this.prefill = undefined;
  }
}
