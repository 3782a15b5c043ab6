/**
 * Requests to check keys against their providers: one now, all of them, or stop.
 * @module
 */
import { VaultError } from '../../vault/errors.ts';
import type { Handlers } from '../router.ts';
import type { Checks } from './checks.ts';

/** Handlers for checking one key, all keys, and stopping a run. */
export function checkHandlers(checks: Checks) {
  return {
    checkEntry: async ({ id }) => {
      const validation = await checks.checkOne(id);
      if (!validation) throw new VaultError('conflict', 'The key was changed or deleted while it was being checked. Check it again.');
      return { validation };
    },
    checkAll: async () => (await checks.checkAll(), {}),
    cancelChecks: async () => (checks.cancel(), {}),
  } satisfies Partial<Handlers>;
}
