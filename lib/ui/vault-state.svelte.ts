/**
 * The options page's view of the vault: every key's summary in list order, the
 * settings, and the KDF settings. The first rows come first (with the unlock's answer,
 * or in a small first request), so the list shows at once whatever the number of keys;
 * the rest follows in the next request. Kept current from the background's
 * announcements: a page at the announced base version applies the keys it names; any
 * other page asks for what changed since the version it has (passively: it never holds
 * off auto-lock).
 * @module
 */
import { ask } from '../client.ts';
import { byListOrder } from '../vault/entry-order.ts';
import type { EntrySummaryView, ResponseOf, Result } from '../messages.ts';
import type { VaultChange } from '../vault-events.ts';
import { GateState, type Opened } from './gate-state.svelte.ts';
import { markListShown } from './marks.ts';
import { withChanges } from './with-changes.ts';

type Listing = ResponseOf<'listChanges'> & { total?: number };

/** The keys a page asks for before the rest: more rows than any screen shows. */
export const FIRST_ROWS = 50;

export class VaultState extends GateState {
  // Replaced, never changed in place: raw, so 10,000 summaries are not made deeply reactive.
  entries = $state.raw<EntrySummaryView[]>([]);
  /** Whether `entries` holds every key (not while only the first rows have come). */
  complete = $state(false);
  settings = $state<Listing['settings'] | undefined>(undefined);
  kdf = $state<Listing['kdf'] | undefined>(undefined);
  #at: { view: string; version: number } | undefined;

  protected override firstRows(): number {
    return FIRST_ROWS;
  }

  protected override async opened({ listing }: Opened): Promise<void> {
    if (listing) this.#take(listing);
    else await this.load();
  }

  protected async load(change?: VaultChange): Promise<void> {
    if (change?.open && this.#at?.view === change.view) {
      if (this.#at.version >= change.version) return;
      if (change.changes && this.#at.version === change.base) return this.#take({ ...change, settings: change.settings!, kdf: change.kdf! });
    }
    // Prompted by an announcement: passive, from the version this page has (none: every key).
    const since = this.#at ?? { view: '', version: 0 };
    this.#answered(await this.askOpen(() => (change ? ask('listChanges', { since }) : ask('listEntries', { first: FIRST_ROWS }))));
  }

  #answered(answer: Result<Listing> | undefined): void {
    if (!answer) return;
    if (answer.ok) return this.#take(answer.data);
    this.#at = undefined;
    this.entries = [];
    this.complete = false;
    this.refused(answer.code, answer.message);
  }

  #take(listing: Listing): void {
    if (listing.entries) {
      this.entries = [...listing.entries].sort(byListOrder);
      this.complete = listing.total === undefined || listing.entries.length >= listing.total;
    } else if (listing.changes) this.entries = withChanges(this.entries, listing.changes);
    this.#at = { view: listing.view, version: listing.version };
    this.settings = listing.settings;
    this.kdf = listing.kdf;
    this.status = 'unlocked';
    markListShown();
    // The rest once the first rows are drawn (the request leaves now; its answer comes after the paint).
    if (!this.complete) void this.follow(() => this.#rest());
  }

  async #rest(): Promise<void> {
    if (this.complete || this.status !== 'unlocked') return;
    this.#answered(await this.askOpen(() => ask('listEntries', {})));
  }
}
