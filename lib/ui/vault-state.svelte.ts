/**
 * The options page's view of the vault: every key's summary in list order, the
 * settings, and the KDF settings. Kept current from the background's announcements:
 * a page at the announced base version applies the keys it names; any other page asks
 * for what changed since the version it has (passively: it never holds off auto-lock).
 * @module
 */
import { ask } from '../client.ts';
import { byListOrder } from '../vault/entry-order.ts';
import type { EntrySummaryView, ResponseOf } from '../messages.ts';
import type { VaultChange } from '../vault-events.ts';
import { GateState } from './gate-state.svelte.ts';
import { markListShown } from './marks.ts';
import { withChanges } from './with-changes.ts';

type Listing = ResponseOf<'listChanges'>;

export class VaultState extends GateState {
  // Replaced, never changed in place: raw, so 10,000 summaries are not made deeply reactive.
  entries = $state.raw<EntrySummaryView[]>([]);
  settings = $state<Listing['settings'] | undefined>(undefined);
  kdf = $state<Listing['kdf'] | undefined>(undefined);
  #at: { view: string; version: number } | undefined;

  protected async load(change?: VaultChange): Promise<void> {
    if (change?.open && change.changes && this.#at?.view === change.view && this.#at.version === change.base) {
      return this.#take({ ...change, settings: change.settings!, kdf: change.kdf! });
    }
    // Prompted by an announcement: passive, from the version this page has (none: every key).
    const answer = change ? await ask('listChanges', { since: this.#at ?? { view: '', version: 0 } }) : await ask('listEntries', {});
    if (!answer.ok) {
      this.#at = undefined;
      this.entries = [];
      return this.refused(answer.code, answer.message);
    }
    this.#take(answer.data);
  }

  #take(listing: Listing): void {
    if (listing.entries) this.entries = [...listing.entries].sort(byListOrder);
    else if (listing.changes) this.entries = withChanges(this.entries, listing.changes);
    this.#at = { view: listing.view, version: listing.version };
    this.settings = listing.settings;
    this.kdf = listing.kdf;
    this.status = 'unlocked';
    markListShown();
  }
}
