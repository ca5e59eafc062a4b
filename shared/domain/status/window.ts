// Qualification and renewal windows (pcs-rules.md §3.2, §3.4, §6.4). Pure functions of a day.
import type { IsoDate } from '../facts/types.js';
import { addDays, addYearsKeepingDay, firstOfMonth, lastOfMonth, maxDay } from './days.js';
import { LIFECYCLE_RULES } from './rules.js';

/** Both ends inclusive. */
export interface DayRange {
  start: IsoDate;
  end: IsoDate;
}

export function inRange(day: IsoDate, range: DayRange): boolean {
  return day >= range.start && day <= range.end;
}

/**
 * The window in which one qualifying day counts.
 * - Not enrolled: first day of (current month − 5) through today: 2024-08-15 → 2024-03-01…2024-08-15.
 *   This rolling window supersedes the historical "30 days to enroll after qualifying" rule
 *   (pcs-rules §3.3 CONFLICT): a partner stays Qualified while the window holds a qualifying day.
 * - Enrolled: first day of (anniversary month − 5) through the last day of the anniversary month:
 *   anniversary 2024-08-15 → 2024-03-01…2024-08-31. S29 extends it through the renewal window; that
 *   extension is in `renewalEligibilityWindow`, so this function shows the dates Partner Center shows.
 */
export function qualificationWindow(today: IsoDate, enrollment?: { anniversary: IsoDate } | null): DayRange {
  if (enrollment) {
    return {
      start: firstOfMonth(enrollment.anniversary, -LIFECYCLE_RULES.enrolledMonthsBeforeAnniversary),
      end: lastOfMonth(enrollment.anniversary),
    };
  }
  return { start: firstOfMonth(today, -LIFECYCLE_RULES.notEnrolledPreviousMonths), end: today };
}

/** Renewal window: the anniversary day inclusive through anniversary + 29 (30 days). */
export function renewalWindow(anniversary: IsoDate): DayRange {
  return { start: anniversary, end: addDays(anniversary, LIFECYCLE_RULES.renewalWindowDays - 1) };
}

/**
 * Days on which qualifying makes an enrolled area eligible to renew: the enrolled window extended
 * through the renewal window (S29). Qualifying once suffices even if the score falls later [S15].
 */
export function renewalEligibilityWindow(anniversary: IsoDate): DayRange {
  const enrolled = qualificationWindow(anniversary, { anniversary });
  return { start: enrolled.start, end: maxDay(enrolled.end, renewalWindow(anniversary).end) };
}

/**
 * The anniversary after a renewal: same day and month, next year; Feb 29 → Feb 28. (S14 says "365
 * days after the payment is received"; the rule — keep day and month — wins, and an
 * enrollment fact that names another date wins over both.)
 */
export function nextAnniversary(anniversary: IsoDate): IsoDate {
  return addYearsKeepingDay(anniversary, LIFECYCLE_RULES.renewalYears);
}
