/**
 * What this browser remembers about sync, in `storage.local` (no secret: ids, times,
 * counts, the last problem in words).
 * @module
 */
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { ENTRY_ID } from '../vault/payload-schema.ts';

export const SYNC_STATE_KEY = 'syncState';

const MarkSchema = z.strictObject({ rev: z.string(), history: z.array(z.string()), mine: z.boolean(), stamp: z.string() });

const SyncStateSchema = z.strictObject({
  enabled: z.boolean(),
  /** The synced vault this browser belongs to. */
  vault: ENTRY_ID.optional(),
  /** When the passphrase this browser wrapped its key with was set. */
  keyChangedAt: z.number().optional(),
  lastSyncedAt: z.number().optional(),
  problem: z.string().optional(),
  usage: z.strictObject({ bytes: z.number(), items: z.number() }).optional(),
  marks: z.record(ENTRY_ID, MarkSchema),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

const OFF: SyncState = { enabled: false, marks: {} };

export async function readSyncState(): Promise<SyncState> {
  const { [SYNC_STATE_KEY]: raw } = await browser.storage.local.get(SYNC_STATE_KEY);
  const parsed = SyncStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { ...OFF };
}

export async function writeSyncState(state: SyncState): Promise<void> {
  await browser.storage.local.set({ [SYNC_STATE_KEY]: state });
}
