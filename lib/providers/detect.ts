/**
 * Which provider a pasted key belongs to, from its format and, for `.env` lines, the
 * variable name. Ambiguous formats give several candidates, best first; validation
 * settles the rest.
 * @module
 */
import { PROVIDERS } from './catalog.ts';

export interface Candidate {
  provider: string;
  /** `exact`: a format only this provider uses, or its variable name; `possible`: a shared format. */
  confidence: 'exact' | 'possible';
}

const compiled = PROVIDERS.map((provider) => ({
  provider,
  patterns: provider.keyPatterns.map(({ pattern, ambiguous }) => ({ regex: new RegExp(pattern), ambiguous: !!ambiguous })),
}));

/** Ranked candidates for `key` (trimmed), optionally hinted by an `.env` variable name. */
export function detectProvider(key: string, variableName?: string): Candidate[] {
  const text = key.trim();
  const name = variableName?.trim().toUpperCase();
  const scored: { provider: string; score: number }[] = [];
  for (const { provider, patterns } of compiled) {
    let score = 0;
    for (const { regex, ambiguous } of patterns) {
      if (regex.test(text)) score = Math.max(score, ambiguous ? 1 : 3);
    }
    if (name && provider.envNames.includes(name)) score += 4;
    if (score > 0) scored.push({ provider: provider.id, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.map(({ provider, score }) => ({ provider, confidence: score >= 3 ? 'exact' : 'possible' }));
}
