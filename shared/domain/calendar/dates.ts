// Calendar helpers over ISO strings. Dates are UTC days `YYYY-MM-DD`; months are `YYYY-MM`.
// Months are also handled as a single integer (year × 12 + month − 1) so month arithmetic is cheap.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month1: number): number {
  if (month1 === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month1 - 1] ?? 0;
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_SHAPE = /^(\d{4})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (rejects 2026-02-30, 2026-13-01). */
export function isRealDate(text: string): boolean {
  const m = DATE_SHAPE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for a real month written `YYYY-MM`. */
export function isRealMonth(text: string): boolean {
  const m = MONTH_SHAPE.exec(text);
  if (!m) return false;
  const month = Number(m[2]);
  return month >= 1 && month <= 12;
}

/** `YYYY-MM` (or the month part of `YYYY-MM-DD`) → year × 12 + month − 1. Input must be valid. */
export function monthIndex(text: string): number {
  // charCode arithmetic: this runs once per usage record, so avoid substring/Number allocations.
  const year =
    (text.charCodeAt(0) - 48) * 1000 + (text.charCodeAt(1) - 48) * 100 + (text.charCodeAt(2) - 48) * 10 + (text.charCodeAt(3) - 48);
  const month = (text.charCodeAt(5) - 48) * 10 + (text.charCodeAt(6) - 48);
  return year * 12 + month - 1;
}

/** `YYYY-MM-DD` from numbers (month 1–12). */
export function dayText(year: number, month1: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function monthText(index: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function firstDayOfMonth(index: number): string {
  return `${monthText(index)}-01`;
}

export function lastDayOfMonth(index: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return dayText(year, month, daysInMonth(year, month));
}

/** The same day `years` later; 29 February falls back to 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const month = Number(date.slice(5, 7));
  return dayText(year, month, Math.min(Number(date.slice(8, 10)), daysInMonth(year, month)));
}

export const MONTHS_PER_YEAR = 12;
