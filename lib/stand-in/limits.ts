/**
 * Counting a binding's requests and judging its limits: per local day, per clock
 * minute, and an end date. Pure: no storage, no clock — time is an argument.
 * @module
 */
import type { Limits, Usage } from './binding.ts';

const MINUTE_MS = 60_000;

/** Why substitution is paused: the day's or the minute's requests are used up, or the binding ended. */
export type Pause = 'day' | 'minute' | 'ended';

/** The local calendar day of `time`, as YYYY-MM-DD. */
export function localDay(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const minuteOf = (time: number) => Math.floor(time / MINUTE_MS);

/** Usage of a binding that has made no request yet. */
export function freshUsage(now: number): Usage {
  return { day: localDay(now), today: 0, total: 0, minute: minuteOf(now), inMinute: 0 };
}

/** Requests counted today and this minute, as of `now` (a new day or minute starts from zero). */
export function currentCounts(usage: Usage, now: number): { today: number; inMinute: number } {
  return {
    today: usage.day === localDay(now) ? usage.today : 0,
    inMinute: usage.minute === minuteOf(now) ? usage.inMinute : 0,
  };
}

/** `usage` after one more request at `now`. */
export function countRequest(usage: Usage, now: number): Usage {
  const { today, inMinute } = currentCounts(usage, now);
  return { ...usage, day: localDay(now), today: today + 1, total: usage.total + 1, minute: minuteOf(now), inMinute: inMinute + 1, lastUsedAt: now };
}

/**
 * Whether substitution is paused at `now`, and why; `inFlight` requests that have set
 * off but are not counted yet count as made.
 */
export function pauseOf(limits: Limits, usage: Usage, now: number, inFlight = 0): Pause | undefined {
  if (limits.until !== undefined && now >= limits.until) return 'ended';
  const { today, inMinute } = currentCounts(usage, now);
  if (today + inFlight >= limits.perDay) return 'day';
  if (limits.perMinute !== undefined && inMinute + inFlight >= limits.perMinute) return 'minute';
  return undefined;
}

/** The next local midnight after `now`. */
function nextMidnight(now: number): number {
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
}

/** When the state of a binding with `limits` can next change by time alone (a pause lifting, the end date), or undefined. */
export function nextChange(limits: Limits, usage: Usage, now: number): number | undefined {
  const pause = pauseOf(limits, usage, now);
  if (pause === 'ended') return undefined;
  if (pause === 'day') return nextMidnight(now);
  const times: number[] = [];
  if (pause === 'minute') times.push((minuteOf(now) + 1) * MINUTE_MS);
  if (limits.until !== undefined) times.push(limits.until);
  return times.length ? Math.min(...times) : undefined;
}
