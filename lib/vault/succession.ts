/**
 * Which key becomes a provider's active key when its active key is deleted or moved:
 * the most recently used enabled key of that provider, else its oldest key. Free of
 * schema code, so pages can say it in the delete dialog with the same rule.
 * @module
 */

export interface SuccessionCandidate {
  id: string;
  provider: string;
  enabled: boolean;
  lastUsedAt?: number | undefined;
}

export function successorOf<T extends SuccessionCandidate>(entries: readonly T[], provider: string, leavingId: string): T | undefined {
  const candidates = entries.filter((e) => e.provider === provider && e.id !== leavingId);
  const byUse = candidates.filter((e) => e.enabled).sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0));
  return byUse[0] ?? candidates[0];
}
