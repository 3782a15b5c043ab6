/**
 * The periods providers count spend in: calendar days and months in UTC (OpenAI's and
 * Anthropic's daily buckets start at 00:00 UTC; OpenRouter resets at midnight UTC).
 * @module
 */

/** The start of `now`'s UTC month, in milliseconds. */
export function monthStart(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The start of `now`'s UTC day, in milliseconds. */
export function dayStart(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
