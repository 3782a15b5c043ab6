/**
 * Why a key should not be used without a second thought, or undefined when it is fine.
 * @module
 */
import type { EntrySummaryView } from '../messages.ts';
import { LEAKED_ADVICE } from '../providers/leaked-advice.ts';

export function copyWarning(key: EntrySummaryView, now: number): string | undefined {
  if (!key.enabled) return `“${key.name}” is disabled.`;
  if (key.expiresAt !== undefined && key.expiresAt <= now) return `“${key.name}” expired on ${new Date(key.expiresAt).toLocaleDateString()}.`;
  if (key.validation?.reason === 'leaked') return `“${key.name}”: ${LEAKED_ADVICE}.`;
  if (key.validation?.status === 'invalid') return `The provider said “${key.name}” is invalid${key.validation.message ? `: ${key.validation.message}` : '.'}`;
  return undefined;
}
