/**
 * The options page's own state: the search, the provider filter, what is being edited
 * or deleted. The list shown is derived from the vault's entries.
 * @module
 */
import type { EntrySummaryView } from '../../lib/messages.ts';
import { buildIndex, search, type Indexed } from '../../lib/ui/search-index.ts';
import type { VaultState } from '../../lib/ui/vault-state.svelte.ts';

export class OptionsState {
  query = $state('');
  /** Provider id, or undefined for all. */
  provider = $state<string | undefined>(undefined);
  /** The key being edited; null while adding; undefined when the form is closed. */
  editing = $state<EntrySummaryView | null | undefined>(undefined);
  deleting = $state<EntrySummaryView | undefined>(undefined);

  readonly vault: VaultState;
  /** The searchable text of every entry: rebuilt when the list changes, not per keystroke. */
  readonly #index: Indexed[];
  readonly shown: EntrySummaryView[];

  constructor(vault: VaultState) {
    this.vault = vault;
    this.#index = $derived(buildIndex(this.vault.entries));
    this.shown = $derived(search(this.#index, this.query, this.provider));
  }
}
