// Renewal reminder schedule. Microsoft publishes no reminder timing (pcs-rules §3.4: NOT FOUND;
// §6.6 lists reminder emails as an open item), so this table is our own choice, kept as data.
import type { IsoDate } from '../facts/types.js';
import { addDays } from './days.js';

export interface RenewalReminder {
  /** Stable name; part of the outbox id, so never reuse one for another point. */
  id: string;
  /** Days from the anniversary (negative: before it; 0 is the anniversary, the first renewal day). */
  daysFromAnniversary: number;
  /** always: every enrolled area; not-eligible: only areas not yet eligible to renew. */
  when: 'always' | 'not-eligible';
}

/**
 * 60, 30 and 7 days before the anniversary: renew soon (whatever the eligibility; the entry says
 * which areas are eligible). Inside the renewal window (anniversary … anniversary + 29), weekly and
 * three days before it closes, only for areas not yet eligible to renew: they can still qualify.
 * The anniversary itself needs no reminder: the renewal-due transition has its own entry.
 */
export const RENEWAL_REMINDERS: readonly RenewalReminder[] = [
  { id: 'before-60', daysFromAnniversary: -60, when: 'always' },
  { id: 'before-30', daysFromAnniversary: -30, when: 'always' },
  { id: 'before-7', daysFromAnniversary: -7, when: 'always' },
  { id: 'due-7', daysFromAnniversary: 7, when: 'not-eligible' },
  { id: 'due-14', daysFromAnniversary: 14, when: 'not-eligible' },
  { id: 'due-21', daysFromAnniversary: 21, when: 'not-eligible' },
  { id: 'due-27', daysFromAnniversary: 27, when: 'not-eligible' },
];

/**
 * The reminder to send for one area on a run that covers the days (after, through]: the latest
 * point of the schedule falling in that span and not before the area was enrolled. When the
 * nightly job missed days, earlier points of the span are not sent late: the latest one replaces
 * them (one mail, not one per missed day). If its condition does not hold today, nothing is sent.
 */
export function reminderDue(
  anniversary: IsoDate,
  after: IsoDate | null,
  through: IsoDate,
  enrolledSince: IsoDate,
  eligibleToRenew: boolean,
  schedule: readonly RenewalReminder[] = RENEWAL_REMINDERS,
): { reminder: RenewalReminder; day: IsoDate } | null {
  let latest: { reminder: RenewalReminder; day: IsoDate } | null = null;
  for (const reminder of schedule) {
    const day = addDays(anniversary, reminder.daysFromAnniversary);
    const inSpan = (after === null ? day === through : day > after && day <= through) && day >= enrolledSince;
    if (inSpan && (latest === null || day > latest.day)) latest = { reminder, day };
  }
  if (latest === null) return null;
  if (latest.reminder.when === 'not-eligible' && eligibleToRenew) return null;
  return latest;
}
