/**
 * Copying one key: the background hands out that one secret (and counts the use), the
 * page writes it to the clipboard on the user's click.
 * @module
 */
import { i18n } from '#i18n';
import { ask } from '../client.ts';

/**
 * Copies the secret of entry `id`; returns a message for the user, in their language. `allowDisabled` is
 * the user's confirmation to copy a disabled key.
 */
export async function copySecret(id: string, allowDisabled = false): Promise<{ ok: boolean; message: string }> {
  const answer = await ask('getSecret', { id, purpose: 'copy', allowDisabled });
  if (!answer.ok) return { ok: false, message: answer.message };
  try {
    await navigator.clipboard.writeText(answer.data.secret);
    const seconds = answer.data.clearAfterSeconds;
    return { ok: true, message: seconds ? i18n.t('common.copiedClears', [seconds]) : i18n.t('common.copied') };
  } catch {
    return { ok: false, message: i18n.t('common.clipboardRefused') };
  }
}
