// The sample exports (samples/generate.ts) are written for SAMPLES_DAY (2026-11-21: usage through 2026-10,
// anniversaries and windows at set distances). Loaded on another day they are moved by the whole number of
// months between SAMPLES_DAY and that day: every date (YYYY-MM-DD, also the date of a timestamp) and every
// month (YYYY-MM) in the file text, day of month kept (clamped to the month's last day), time of day kept.
// So `npm start` shows on any date what the README describes: the same usage months back, the same
// anniversaries, windows and expiries ahead, the same scores. The demo keeps its fixed day (shift 0).

/** Whole months from `fromDay`'s month to `toDay`'s month (YYYY-MM-DD each; negative when earlier). */
export function monthsBetween(fromDay: string, toDay: string): number {
  const n = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
  return n(toDay) - n(fromDay);
}

const daysIn = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/** `year-month[-day]` moved by `months`; the day clamped to the new month's length. */
function shiftParts(year: number, month: number, day: number | undefined, months: number): string {
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m0 = total - y * 12;
  const ym = `${String(y).padStart(4, '0')}-${String(m0 + 1).padStart(2, '0')}`;
  return day === undefined ? ym : `${ym}-${String(Math.min(day, daysIn(y, m0))).padStart(2, '0')}`;
}

/** One day (YYYY-MM-DD) moved by whole months, clamped. */
export function shiftDay(day: string, months: number): string {
  return shiftParts(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)), months);
}

// A month or a day standing alone (not inside an id such as a tenant GUID): not preceded by a word
// character or '-', followed by the end, a non-word character other than '-', or the T of a timestamp.
const DATE_OR_MONTH = /(?<![\w-])((?:19|20)\d{2})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?=$|[^\w-]|T\d)/g;

/** Every date and month in `text` moved by `months` (0: the text unchanged). */
export function shiftSampleText(text: string, months: number): string {
  if (months === 0) return text;
  return text.replace(DATE_OR_MONTH, (all: string, y: string, m: string, d: string | undefined) => {
    // Not a day of the calendar (2026-02-30, a sample's deliberately bad row): left as it is, still bad.
    if (d !== undefined && Number(d) > daysIn(Number(y), Number(m) - 1)) return all;
    return shiftParts(Number(y), Number(m), d === undefined ? undefined : Number(d), months);
  });
}
