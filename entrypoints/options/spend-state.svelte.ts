/**
 * The options page's requests about spend: read usage now, set a budget, and revoke a key
 * at its provider (preview first, then confirm). The figures themselves arrive on the
 * keys through the vault's view, like any other change.
 * @module
 */
import { i18n } from '#i18n';
import { ask } from '../../lib/client.ts';
import type { EntrySummaryView, ResponseOf } from '../../lib/messages.ts';

type Preview = ResponseOf<'previewRevoke'>;

/** A revocation being asked about: the key, then what the provider calls it, or why that could not be found. */
export interface Revoking {
  entry: EntrySummaryView;
  preview?: Preview;
  error?: string;
  busy: boolean;
}

export class SpendState {
  refreshing = $state(false);
  /** The key whose budget is being edited. */
  budgetFor = $state<EntrySummaryView | undefined>(undefined);
  revoking = $state<Revoking | undefined>(undefined);

  /** Reads every key's usage now; returns a message for the user. */
  async refresh(): Promise<string> {
    this.refreshing = true;
    const answer = await ask('refreshUsage', {});
    this.refreshing = false;
    if (!answer.ok) return answer.message;
    const { keys, problems } = answer.data;
    if (keys === 0) return i18n.t('options.spend.noneReport');
    return problems ? i18n.t('options.spend.readWithProblems', keys, [keys, problems]) : i18n.t('options.spend.read', keys);
  }

  /** Sets (or, with undefined, removes) a key's or provider's monthly budget; returns an error message, if any. */
  async setBudget(target: { id: string } | { provider: string }, budget: number | undefined): Promise<string | undefined> {
    const answer = await ask('setBudget', { target, budget: budget ?? null });
    return answer.ok ? undefined : answer.message;
  }

  /** Asks the background to find `entry` at its provider, for the confirmation. */
  async startRevoke(entry: EntrySummaryView): Promise<void> {
    this.revoking = { entry, busy: true };
    const answer = await ask('previewRevoke', { id: entry.id });
    if (this.revoking?.entry.id !== entry.id) return;
    this.revoking = answer.ok ? { entry, preview: answer.data, busy: false } : { entry, error: answer.message, busy: false };
  }

  /** Revokes what the preview found; returns a message for the user. */
  async confirmRevoke(): Promise<string> {
    const revoking = this.revoking;
    if (!revoking?.preview) return '';
    this.revoking = { ...revoking, busy: true };
    const answer = await ask('revokeAtProvider', { token: revoking.preview.token });
    if (!answer.ok) {
      this.revoking = { entry: revoking.entry, error: answer.message, busy: false };
      return answer.message;
    }
    this.revoking = undefined;
    return answer.data.sent ? i18n.t('options.spend.revoked', [revoking.entry.name]) : i18n.t('options.spend.alreadyRevoked', [revoking.entry.name]);
  }

  cancelRevoke(): void {
    this.revoking = undefined;
  }
}
