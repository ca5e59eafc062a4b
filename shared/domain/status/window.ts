// Qualification and renewal windows (pcs-rules.md §3.2, §3.4, §6.4). Pure functions of a day.
import type { IsoDate } from '../facts/types.js';
import { addDays, firstOfMonth, lastOfMonth, maxDay } from './days.js';
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
 * The anniversary after a purchase or renewal paid on `paidOn`: 365 days after the payment is
 * received (§3.4 [S14]; issue 13 replaced "same day and month"). An enrollment fact that names its
 * anniversary wins. (Called with an anniversary day, as before, it gives the anniversary renewed on
 * that day: 2024-08-15 → 2025-08-15, 2024-02-29 → 2025-02-28.)
 */
export function nextAnniversary(paidOn: IsoDate): IsoDate {
  return addDays(paidOn, LIFECYCLE_RULES.renewalDays);
}
