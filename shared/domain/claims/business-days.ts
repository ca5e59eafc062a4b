// Business days for the claim timers: Monday to Friday, UTC calendar days `YYYY-MM-DD`. Public holidays
// are out of scope (Microsoft does not say whose holidays count): a holiday counts as a business day.
import { addDays, toEpochDay } from '../status/days.js';
import type { IsoDate } from '../facts/types.js';

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: IsoDate): number {
  // Epoch day 0 (1970-01-01) was a Thursday.
  return (((toEpochDay(day) + 4) % 7) + 7) % 7;
}

export function isBusinessDay(day: IsoDate): boolean {
  const d = weekday(day);
  return d !== 0 && d !== 6;
}

/**
 * The day `n` business days after `day` (the start day itself is not counted; n ≥ 0). From a Friday,
 * 1 → Monday; from a Saturday, 1 → Monday too. n = 0 is `day` itself.
 */
export function addBusinessDays(day: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number ≥ 0, got ${n}`);
  // The n-th business day strictly after `day` (timers are at most a few weeks: a plain walk).
  let current = day;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isBusinessDay(current)) left--;
  }
  return current;
}

/** Business days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function businessDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let n = toEpochDay(from) + 1, end = toEpochDay(to); n <= end; n++) {
    const d = (((n + 4) % 7) + 7) % 7;
    if (d !== 0 && d !== 6) count++;
  }
  return count;
}
