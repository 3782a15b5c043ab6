/**
 * An in-memory `storage.sync` for tests: shared by simulated browsers, it stores JSON
 * copies (as the engine does) and can be told to fail.
 */
import type { SyncArea } from '../../lib/background/sync/sync-engine.ts';

export class FakeSyncArea implements SyncArea {
  items: Record<string, unknown> = {};
  writes = 0;
  fail: Error | undefined;

  async get(): Promise<Record<string, unknown>> {
    if (this.fail) throw this.fail;
    return JSON.parse(JSON.stringify(this.items)) as Record<string, unknown>;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.fail) throw this.fail;
    this.writes++;
    Object.assign(this.items, JSON.parse(JSON.stringify(items)) as Record<string, unknown>);
  }

  async remove(keys: string[]): Promise<void> {
    if (this.fail) throw this.fail;
    for (const key of keys) delete this.items[key];
  }
}
