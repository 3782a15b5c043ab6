/**
 * What pages see of the vault, kept in memory: a summary of every key (never a
 * secret), the settings and KDF settings, and a version that grows with each change.
 * It follows the session's `changed` events, updating only the keys a change touched,
 * so a page's request is answered at once, whatever the session's queue is doing, and a
 * page that missed some changes catches up with just those. It also knows which changes
 * alter the popup's rows, so an open popup asks again only for those.
 * @module
 */
import type { Argon2idParams } from '../../crypto/kdf.ts';
import { byListOrder } from '../../vault/entry-order.ts';
import { summarize, type EntrySummary } from '../../vault/summary.ts';
import { altersRow } from '../../vault/provider-groups.ts';
import type { Entry, Payload, Settings } from '../../vault/payload-schema.ts';
import type { SiteMemory } from '../../vault/site-memory.ts';
import type { SessionEvents } from '../session/session.ts';

/** Keys added or changed (their summary now) and keys gone, since a version. */
export interface ViewChanges {
  upserted: EntrySummary[];
  removed: string[];
}

/** Where a page stands: which view (a new one after each worker start) and which version of it. */
export interface ViewVersion {
  view: string;
  version: number;
}

/** A page's answer: everything, or only what changed since the version it has. */
export interface Listing extends ViewVersion {
  entries?: EntrySummary[];
  changes?: ViewChanges;
  settings: Settings;
  kdf: Argon2idParams;
}

/** Every key, or the first ones in list order (`total`: how many there are in all). */
export interface FullListing extends Listing {
  entries: EntrySummary[];
  total: number;
}

/** How many versions back a page can catch up from, and the most keys one catch-up names. */
const JOURNAL_LENGTH = 64;
const MAX_CHANGES = 500;

type Touched = ReadonlySet<string> | 'all';

export class VaultView {
  readonly #id: string;
  #version = 0;
  #open: { settings: Settings; kdf: Argon2idParams; active: Payload['active'] } | undefined;
  #summaries = new Map<string, EntrySummary>();
  /** Each key's site memory (not in its summary: pages never receive it). */
  #usedOn = new Map<string, SiteMemory | undefined>();
  #journal: { version: number; touched: Touched }[] = [];
  /** The summaries in list order, sorted when first asked for after a change. */
  #ordered: EntrySummary[] | undefined;
  #popupVersion = 0;

  /** `id`: random, so a page never takes a new worker's version 3 for the old one's. */
  constructor(id: string) {
    this.#id = id;
  }

  /** The version pages compare with the one they have. */
  get version(): ViewVersion {
    return { view: this.#id, version: this.#version };
  }

  /** Whether the vault is open (else pages ask the session, which says locked or no vault). */
  get isOpen(): boolean {
    return this.#open !== undefined;
  }

  /** Grows with each change that alters what the popup shows (a check of a key it does not show does not). */
  get popupVersion(): number {
    return this.#popupVersion;
  }

  /** The open vault's settings and KDF settings. */
  get settings(): Pick<Listing, 'settings' | 'kdf'> | undefined {
    return this.#open && { settings: this.#open.settings, kdf: this.#open.kdf };
  }

  /** Follows one `changed` event of the session. */
  apply({ payload, kdf, records }: SessionEvents['changed']): void {
    this.#version += 1;
    this.#ordered = undefined;
    let touched: Touched = 'all';
    let popupChanged = true;
    if (!payload || !kdf) {
      this.#open = undefined;
      this.#summaries.clear();
      this.#usedOn.clear();
    } else if (!this.#open || !records) {
      this.#summaries = new Map();
      this.#usedOn = new Map();
      for (const entry of payload.entries) {
        this.#summaries.set(entry.id, summarize(entry, payload));
        this.#usedOn.set(entry.id, entry.usedOn);
      }
    } else {
      ({ touched, popupChanged } = this.#update(payload, records));
    }
    if (popupChanged) this.#popupVersion += 1;
    if (payload && kdf) this.#open = { settings: payload.settings, kdf, active: payload.active };
    this.#journal.push({ version: this.#version, touched });
    if (this.#journal.length > JOURNAL_LENGTH) this.#journal.shift();
  }

  // The changed records, and the keys whose "active" mark moved with them; and whether the popup's rows changed.
  #update(payload: Payload, records: ReadonlySet<string>): { touched: Set<string>; popupChanged: boolean } {
    const touched = new Set(records);
    const before = this.#open!.active;
    for (const provider of new Set([...Object.keys(before), ...Object.keys(payload.active)])) {
      if (before[provider] === payload.active[provider]) continue;
      if (before[provider]) touched.add(before[provider]);
      if (payload.active[provider]) touched.add(payload.active[provider]);
    }
    const byId = new Map<string, Entry>(payload.entries.map((entry) => [entry.id, entry]));
    let popupChanged = false;
    for (const id of touched) {
      const entry = byId.get(id);
      const before = this.#summaries.get(id);
      const after = entry && summarize(entry, payload);
      popupChanged ||= this.#changesPopup(before, after, entry, payload);
      if (after) this.#summaries.set(id, after);
      else this.#summaries.delete(id);
      if (entry) this.#usedOn.set(id, entry.usedOn);
      else this.#usedOn.delete(id);
    }
    return { touched, popupChanged };
  }

  /** What changed since `since`, or undefined when that is another view, too far back, or too much to say key by key. */
  changesSince(since: ViewVersion): ViewChanges | undefined {
    const { version } = since;
    if (since.view !== this.#id) return undefined;
    if (version === this.#version) return { upserted: [], removed: [] };
    const steps = this.#journal.filter((step) => step.version > version);
    if (version > this.#version || steps.length !== this.#version - version || steps.some((step) => step.touched === 'all')) return undefined;
    const ids = new Set(steps.flatMap((step) => [...(step.touched as ReadonlySet<string>)]));
    if (ids.size > MAX_CHANGES) return undefined;
    const changes: ViewChanges = { upserted: [], removed: [] };
    for (const id of ids) {
      const summary = this.#summaries.get(id);
      if (summary) changes.upserted.push(summary);
      else changes.removed.push(id);
    }
    return changes;
  }

  // Besides active keys, the popup shows a key last used on a site (there), and the first key of a provider without an active one.
  #changesPopup(before: EntrySummary | undefined, after: EntrySummary | undefined, entry: Entry | undefined, payload: Payload): boolean {
    if ((before && this.#usedOn.get(before.id)) || entry?.usedOn || (after && !payload.active[after.provider])) return true;
    return altersRow(before, after);
  }

  /** Every key (or the first `first` in list order), with the settings. Only while open. */
  listing(first?: number): FullListing {
    const { settings, kdf } = this.#open!;
    const total = this.#summaries.size;
    const entries = first === undefined || first >= total ? [...this.#summaries.values()] : this.#inListOrder().slice(0, first);
    return { ...this.version, settings, kdf, entries, total };
  }

  #inListOrder(): EntrySummary[] {
    this.#ordered ??= [...this.#summaries.values()].sort(byListOrder);
    return this.#ordered;
  }

  /** The answer to a page at `since`: what changed, or every key when that cannot be said. Only while open. */
  catchUp(since: ViewVersion): Listing {
    const changes = this.changesSince(since);
    return changes ? { ...this.version, settings: this.#open!.settings, kdf: this.#open!.kdf, changes } : this.listing();
  }

  /** Every key's summary, in no particular order (the popup groups them). */
  summaries(): IterableIterator<EntrySummary> {
    return this.#summaries.values();
  }

  /** The site memory of key `id`. */
  usedOn(id: string): SiteMemory | undefined {
    return this.#usedOn.get(id);
  }
}
