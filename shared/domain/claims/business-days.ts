// Business days for the claim timers: Monday to Friday, UTC calendar days `YYYY-MM-DD`, less the days of
// a holiday calendar (timers.ts CLAIM_HOLIDAY_CALENDARS, per market; default none: Microsoft does not
// say whose holidays count). Every function takes the holidays as a list of days (default: none).
import type { IsoDate } from '../facts/types.js';
import { fromEpochDay, toEpochDay } from '../status/days.js';

/** 0 = Sunday … 6 = Saturday, of an epoch day (epoch day 0, 1970-01-01, was a Thursday). */
const weekdayOfEpochDay = (n: number): number => (((n + 4) % 7) + 7) % 7;

function isBusinessEpochDay(n: number): boolean {
  const d = weekdayOfEpochDay(n);
  return d !== 0 && d !== 6;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: IsoDate): number {
  return weekdayOfEpochDay(toEpochDay(day));
}

export function isBusinessDay(day: IsoDate, holidays: readonly IsoDate[] = []): boolean {
  return isBusinessEpochDay(toEpochDay(day)) && !holidays.includes(day);
}

function holidaySet(holidays: readonly IsoDate[]): Set<number> {
  return new Set(holidays.map(toEpochDay));
}

/**
 * The day `n` business days after `day` (the start day itself is not counted; n ≥ 0). From a Friday,
 * 1 → Monday; from a Saturday, 1 → Monday too. n = 0 is `day` itself.
 */
export function addBusinessDays(day: IsoDate, n: number, holidays: readonly IsoDate[] = []): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number ≥ 0, got ${n}`);
  if (n === 0) return day;
  const off = holidaySet(holidays);
  // The n-th business day strictly after `day` (timers are at most a few weeks: a plain walk).
  let current = toEpochDay(day);
  for (let left = n; left > 0;) {
    current++;
    if (isBusinessEpochDay(current) && !off.has(current)) left--;
  }
  return fromEpochDay(current);
}

/** Business days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function businessDaysBetween(from: IsoDate, to: IsoDate, holidays: readonly IsoDate[] = []): number {
  const off = holidaySet(holidays);
  let count = 0;
  for (let n = toEpochDay(from) + 1, end = toEpochDay(to); n <= end; n++) if (isBusinessEpochDay(n) && !off.has(n)) count++;
  return count;
}

/** The holidays that fell on weekdays after `from` up to and including `to` (the days a deadline skipped). */
export function holidaysBetween(from: IsoDate, to: IsoDate, holidays: readonly IsoDate[]): IsoDate[] {
  return [...new Set(holidays)].filter((h) => h > from && h <= to && isBusinessEpochDay(toEpochDay(h))).sort();
}
