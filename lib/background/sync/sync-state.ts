/**
 * What this browser remembers about sync, in `storage.local` (no secret: ids, times,
 * counts, the last problem in words). Only the sync engine writes it, through its queue.
 * @module
 */
import { z } from 'zod';
import { ENTRY_ID } from '../../vault/payload-schema.ts';
import { SEEN_LENGTH } from '../../sync/merge.ts';
import type { LocalArea } from '../session/vault-store.ts';

export const SYNC_STATE_KEY = 'syncState';

const MarkSchema = z.strictObject({ rev: z.string(), history: z.array(z.string()), mine: z.boolean(), stamp: z.string(), seen: z.array(z.string()).max(SEEN_LENGTH).optional() });

// Not strict: fields of older versions (keyChangedAt) are dropped, not refused.
const SyncStateSchema = z.object({
  enabled: z.boolean(),
  /** The synced vault this browser belongs to. */
  vault: ENTRY_ID.optional(),
  lastSyncedAt: z.number().optional(),
  problem: z.string().optional(),
  usage: z.strictObject({ bytes: z.number(), items: z.number() }).optional(),
  marks: z.record(ENTRY_ID, MarkSchema),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

const OFF: SyncState = { enabled: false, marks: {} };

/** Reads and writes the sync state. */
export class SyncStateStore {
  constructor(private readonly local: LocalArea) {}

  /** The state as stored (sync off when none or unreadable). */
  async read(): Promise<SyncState> {
    const { [SYNC_STATE_KEY]: raw } = await this.local.get(SYNC_STATE_KEY);
    const parsed = SyncStateSchema.safeParse(raw);
    return parsed.success ? parsed.data : { ...OFF };
  }

  /** Replaces the state. */
  async write(state: SyncState): Promise<void> {
    await this.local.set({ [SYNC_STATE_KEY]: state });
  }
}
