// The bounded daily history of one area: what the windows need, plus monthly maxima for display.
import type { IsoDate } from '../facts/types.js';
import { firstOfMonth, monthOf } from './days.js';
import type { DayResult, MonthlyMax } from './types.js';
import { type DayRange, inRange } from './window.js';

/**
 * Kept: the current month plus the 24 before it (issue 7: at least 25 months, two years of scoring
 * history to compare a month with the same month a year before). The windows need at most ~7 months
 * (an enrolled window starts 5 months before an anniversary at most 29 days past). 25 months × 6
 * areas stay in the state document: measured in state-doc.ts's header.
 */
export const HISTORY_MONTHS = 25;

export function historyStart(lastDay: IsoDate): IsoDate {
  return firstOfMonth(lastDay, -(HISTORY_MONTHS - 1));
}

export function findDay(history: readonly DayResult[], day: IsoDate): DayResult | undefined {
  return history.find((r) => r.day === day);
}

/** A copy with `result` inserted in day order (replacing the same day). */
export function upsertDay(history: readonly DayResult[], result: DayResult): DayResult[] {
  const rest = history.filter((r) => r.day !== result.day);
  const at = rest.findIndex((r) => r.day > result.day);
  if (at === -1) return [...rest, result];
  return [...rest.slice(0, at), result, ...rest.slice(at)];
}

export function pruneHistory(history: readonly DayResult[], lastDay: IsoDate): DayResult[] {
  const start = historyStart(lastDay);
  return history.filter((r) => r.day >= start);
}

/** Latest qualifying day within the range (both ends inclusive), or null. */
export function latestQualifyingDay(history: readonly DayResult[], range: DayRange, after?: IsoDate | null): IsoDate | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const r = history[i];
    if (r === undefined || r.day < range.start) break;
    if (r.qualifies && inRange(r.day, range) && (after == null || r.day > after)) return r.day;
  }
  return null;
}

export function hasQualifyingDay(history: readonly DayResult[], range: DayRange): boolean {
  return latestQualifyingDay(history, range) !== null;
}

/** Highest total per month: the month of `lastDay` and the five before it, oldest first. */
export function monthlyMaxima(history: readonly DayResult[], lastDay: IsoDate, months = 6): MonthlyMax[] {
  const out: MonthlyMax[] = [];
  for (let n = -(months - 1); n <= 0; n++) {
    const month = monthOf(firstOfMonth(lastDay, n));
    let maxTotal: number | null = null;
    let qualified = false;
    for (const r of history) {
      if (monthOf(r.day) !== month || r.day > lastDay) continue;
      if (maxTotal === null || r.total > maxTotal) maxTotal = r.total;
      if (r.qualifies) qualified = true;
    }
    out.push({ month, maxTotal, qualified });
  }
  return out;
}
