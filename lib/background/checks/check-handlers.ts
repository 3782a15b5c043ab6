/**
 * Requests to check keys against their providers: one now, all of them, or stop.
 * @module
 */
import { VaultError } from '../../vault/errors.ts';
import type { Handlers } from '../router.ts';
import type { Checks } from './checks.ts';
import { words } from '../../words.ts';

/** Handlers for checking one key, all keys, and stopping a run. */
export function checkHandlers(checks: Checks) {
  return {
    checkEntry: async ({ id }) => {
      const validation = await checks.checkOne(id);
      if (!validation) throw new VaultError('conflict', words('errors.changedWhileChecking'));
      return { validation };
    },
    checkAll: async () => (await checks.checkAll(), {}),
    cancelChecks: async () => (checks.cancel(), {}),
  } satisfies Partial<Handlers>;
}
