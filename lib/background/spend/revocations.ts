/**
 * Revoking a key at its provider, in two steps the user sees: `preview` finds the key in
 * the list of the organization (or account) that a key in the vault manages and names
 * both, holding what it found under a token; `confirm` sends exactly one request (delete,
 * set inactive, disable), and on success disables the entry and records when. The
 * provider's refusal is reported in its words; nothing is changed then.
 * @module
 */
import { findProvider, providerName } from '../../providers/catalog.ts';
import { isAdminKey } from '../../providers/admin-key.ts';
import { REVOKERS, type Located } from '../../providers/spend/revokers.ts';
import { revokeRoute, type RouteFacts } from '../../providers/spend/revoke-route.ts';
import { SpendError } from '../../providers/spend/spend-error.ts';
import type { Send } from '../../providers/spend/pages.ts';
import { checkTarget, findEntry } from '../../vault/entries.ts';
import { markRevoked } from '../../vault/spend-records.ts';
import type { Entry, Payload } from '../../vault/payload-schema.ts';
import { VaultError } from '../../vault/errors.ts';
import type { ResponseOf } from '../../messages.ts';
import { BackgroundError } from '../errors.ts';
import type { Pending } from '../pending.ts';
import type { VaultSession } from '../session/session.ts';
import { words } from '../../words.ts';
import { say } from '../../say.ts';

/** What a preview found, waiting for the user's confirmation. */
export interface HeldRevocation {
  id: string;
  target: string;
  managerId: string;
  managerTarget: string;
  located: Located;
}

export interface RevocationDeps {
  session: VaultSession;
  send: Send;
  pending: Pending<HeldRevocation>;
  now: () => number;
}

/** What the revoke rule needs of an entry. */
export const routeFacts = (entry: Entry): RouteFacts => ({ id: entry.id, provider: entry.provider, endpoint: entry.endpoint, admin: isAdminKey(entry), usage: entry.usage });

// A provider's refusal is passed on in our words (quoting the provider's); anything else in general words (it could quote anything).
const refused = (error: unknown) => new BackgroundError('provider-refused', error instanceof SpendError ? error.words : words('errors.providerNotAsked'));

export class Revocations {
  constructor(private readonly deps: RevocationDeps) {}

  /** Finds the key at its provider and names it for the confirmation. @throws BackgroundError `not-revocable`, `provider-refused`. */
  async preview(id: string): Promise<ResponseOf<'previewRevoke'>> {
    const { entry, managers } = await this.deps.session.read((payload) => {
      const entry = findEntry(payload, id);
      const route = revokeRoute(routeFacts(entry), payload.entries.map(routeFacts));
      return { entry, managers: route?.kind === 'api' ? payload.entries.filter((e) => route.managers.includes(e.id)) : [] };
    });
    const provider = findProvider(entry.provider);
    const revoker = REVOKERS[entry.provider];
    if (!provider || !revoker || managers.length === 0) {
      throw new BackgroundError('not-revocable', words('errors.notRevocable', providerName(entry.provider)));
    }
    let failure: unknown;
    for (const manager of managers) {
      try {
        const located = await revoker.locate(provider, manager, entry, this.deps.send);
        const token = this.deps.pending.hold({ id, target: checkTarget(entry), managerId: manager.id, managerTarget: checkTarget(manager), located });
        return { token, key: entry.name, providerKey: located.providerKey, organization: say(located.organization), effect: say(revoker.effect), alreadyRevoked: located.alreadyRevoked };
      } catch (error) {
        failure = error;
      }
    }
    throw refused(failure);
  }

  /** Revokes what the preview of `token` found. @throws BackgroundError `import-expired` (token), `provider-refused`; VaultError `conflict`. */
  async confirm(token: string): Promise<ResponseOf<'revokeAtProvider'>> {
    const held = this.deps.pending.take(token);
    const { entry, manager } = await this.deps.session.read((payload: Payload) => ({ entry: findEntry(payload, held.id), manager: findEntry(payload, held.managerId) }));
    if (checkTarget(entry) !== held.target || checkTarget(manager) !== held.managerTarget) {
      throw new VaultError('conflict', words('errors.changedBeforeRevoke'));
    }
    const provider = findProvider(entry.provider)!;
    const revoker = REVOKERS[entry.provider]!;
    if (!held.located.alreadyRevoked) {
      try {
        revoker.confirm(provider, manager, await this.deps.send(revoker.request(provider, manager, held.located)));
      } catch (error) {
        throw refused(error);
      }
    }
    const revokedAt = this.deps.now();
    await this.deps.session.mutate((payload) => ({ payload: markRevoked(payload, held.id, held.target, revokedAt), result: undefined }));
    return { revokedAt, sent: !held.located.alreadyRevoked };
  }
}
