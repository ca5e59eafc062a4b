// UTC calendar days written `YYYY-MM-DD`. Plain string arithmetic through epoch-day numbers: no
// clock, no time zones. ISO days compare correctly as strings, which the machine relies on.
import type { IsoDate } from '../facts/types.js';

const DAY_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar day `YYYY-MM-DD` (rejects 2025-02-29, 2024-13-01). */
export function isIsoDay(text: unknown): text is IsoDate {
  if (typeof text !== 'string') return false;
  const m = DAY_SHAPE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parts(day: IsoDate): [number, number, number] {
  const m = DAY_SHAPE.exec(day);
  if (!m) throw new RangeError(`not a UTC day YYYY-MM-DD: ${JSON.stringify(day)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(y: number, month1: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(month1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function toEpochDay(day: IsoDate): number {
  const [y, m, d] = parts(day);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function fromEpochDay(n: number): IsoDate {
  const date = new Date(n * MS_PER_DAY);
  return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function addDays(day: IsoDate, n: number): IsoDate {
  return fromEpochDay(toEpochDay(day) + n);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** `YYYY-MM` of a day. */
export function monthOf(day: IsoDate): string {
  return day.slice(0, 7);
}

/** First day of the month `n` months after (before, when negative) the month of `day`. */
export function firstOfMonth(day: IsoDate, n = 0): IsoDate {
  const [y, m] = parts(day);
  const index = y * 12 + (m - 1) + n;
  return format(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** Last day of the month `n` months after the month of `day`. */
export function lastOfMonth(day: IsoDate, n = 0): IsoDate {
  const first = firstOfMonth(day, n);
  const [y, m] = parts(first);
  return format(y, m, daysInMonth(y, m));
}

/**
 * The same day and month `n` years later. Feb 29 becomes Feb 28 in a year without it (the day is
 * clamped to the month's length, never rolled into March).
 */
export function addYearsKeepingDay(day: IsoDate, n: number): IsoDate {
  const [y, m, d] = parts(day);
  const year = y + n;
  return format(year, m, Math.min(d, daysInMonth(year, m)));
}

export function maxDay(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function minDay(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
