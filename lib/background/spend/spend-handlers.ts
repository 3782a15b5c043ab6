/**
 * Requests about spend: read usage now, set a budget, and revoke a key at its provider
 * (a preview that names the key and its organization, then the confirmation).
 * @module
 */
import { setKeyBudget, setProviderBudget } from '../../vault/spend-records.ts';
import type { Handlers } from '../router.ts';
import type { VaultSession } from '../session/session.ts';
import type { Spend } from './spend.ts';
import type { Revocations } from './revocations.ts';

/** Handlers for usage, budgets and revoking. */
export function spendHandlers({ session, spend, revocations }: { session: VaultSession; spend: Spend; revocations: Revocations }) {
  return {
    refreshUsage: () => spend.refresh(),
    setBudget: ({ target, budget }) =>
      session.mutate((payload) => {
        const amount = budget ?? undefined;
        return { payload: 'id' in target ? setKeyBudget(payload, target.id, amount) : setProviderBudget(payload, target.provider, amount), result: {} };
      }),
    previewRevoke: ({ id }) => revocations.preview(id),
    revokeAtProvider: ({ token }) => revocations.confirm(token),
  } satisfies Partial<Handlers>;
}
