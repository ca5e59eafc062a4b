// UTC calendar days written `YYYY-MM-DD`. Plain string arithmetic through epoch-day numbers: no
// clock, no time zones. ISO days compare correctly as strings, which the machine relies on. Month
// lengths, real-date checks and month/year steps are the calendar's (../calendar/dates.ts).
import { addYears, dayText, firstDayOfMonth, isRealDate, lastDayOfMonth, monthIndex } from '../calendar/dates.js';
import type { IsoDate } from '../facts/types.js';

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;
/** Date.UTC reads years 0–99 as 1900–1999, so the epoch-day arithmetic below holds from year 100 on. */
const FIRST_YEAR = 100;

/** True for a real calendar day `YYYY-MM-DD` (rejects 2025-02-29, 2024-13-01) from year 100 on. */
export function isIsoDay(text: unknown): text is IsoDate {
  return typeof text === 'string' && isRealDate(text) && Number(text.slice(0, 4)) >= FIRST_YEAR;
}

function checkShape(day: IsoDate): void {
  if (!DAY_SHAPE.test(day)) throw new RangeError(`not a UTC day YYYY-MM-DD: ${JSON.stringify(day)}`);
}

export function toEpochDay(day: IsoDate): number {
  checkShape(day);
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / MS_PER_DAY;
}

export function fromEpochDay(n: number): IsoDate {
  const date = new Date(n * MS_PER_DAY);
  return dayText(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function addDays(day: IsoDate, n: number): IsoDate {
  return fromEpochDay(toEpochDay(day) + n);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** `YYYY-MM` of a day. */
export function monthOf(day: IsoDate): string {
  return day.slice(0, 7);
}

/** First day of the month `n` months after (before, when negative) the month of `day`. */
export function firstOfMonth(day: IsoDate, n = 0): IsoDate {
  checkShape(day);
  return firstDayOfMonth(monthIndex(day) + n);
}

/** Last day of the month `n` months after the month of `day`. */
export function lastOfMonth(day: IsoDate, n = 0): IsoDate {
  checkShape(day);
  return lastDayOfMonth(monthIndex(day) + n);
}

/**
 * The same day and month `n` years later. Feb 29 becomes Feb 28 in a year without it (the day is
 * clamped to the month's length, never rolled into March).
 */
export function addYearsKeepingDay(day: IsoDate, n: number): IsoDate {
  checkShape(day);
  return addYears(day, n);
}

export function maxDay(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function minDay(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
