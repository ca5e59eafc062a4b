// The claim's timers (CLAIM_TIMERS, pcs-rules.md §4.2) as dated deadlines, and the events the deadline
// timer applies once they passed. Days are UTC; "lastDay" is the last day inside the deadline; it has
// passed when today > lastDay.
//
// | status                  | deadline        | lastDay                                   | when passed                         |
// |-------------------------|-----------------|-------------------------------------------|-------------------------------------|
// | submitted               | review          | status day + 5 business days              | informational (Microsoft is late)   |
// | under-review            | review          | status day + 14 business days             | informational                       |
// | partner-action-required | partner-action  | status day + 14 business days             | rejected, reason no-partner-response|
// | approved (unconfirmed)  | opt-out         | approval day + 5 business days            | opt-out-window-closed (confirmed)   |
// | approved (BA)           | subscription    | subscriptionExpires                       | subscription-expired                |
// | rejected                | dispute-window  | rejection day + 30 days                   | informational (no dispute possible) |
// | dispute                 | dispute-answer  | status day + 5 business days              | informational                       |
import { compareText, sha256Hex } from '../changes/canonical.js';
import type { IsoDate } from '../facts/types.js';
import { addDays } from '../status/days.js';
import { dayOf, optOutLastDay } from './associations.js';
import { addBusinessDays as addBusinessDaysIn, holidaysBetween } from './business-days.js';
import { CLAIM_TIMERS, type HolidayCalendars, holidaysFor } from './timers.js';
import { type Claim, type ClaimEvent, type ClaimEventType, NO_PARTNER_RESPONSE } from './types.js';

export type ClaimDeadlineKind = 'review' | 'partner-action' | 'opt-out' | 'subscription' | 'dispute-window' | 'dispute-answer';

export interface ClaimDeadline {
  kind: ClaimDeadlineKind;
  /** Last day inside the deadline (UTC). */
  lastDay: IsoDate;
  /** today > lastDay. */
  passed: boolean;
  /** What the deadline timer applies once it passed; null: informational only. */
  action: { type: ClaimEventType; reason?: string } | null;
  /** The rule, e.g. "14 business days after partner-action-required". */
  rule: string;
  source: string;
  /** The event the deadline counts from. */
  anchorEventId: string;
  /** Business-day deadlines: the market whose holiday calendar counted (null: none) and the holidays skipped. */
  calendar?: { market: string | null; holidays: IsoDate[] };
}

const BUSINESS_DAY_KINDS: readonly ClaimDeadlineKind[] = ['review', 'partner-action', 'opt-out', 'dispute-answer'];

/** Last day a rejected claim may be disputed (calendar days). */
export function disputeLastDay(rejectedOn: IsoDate): IsoDate {
  return addDays(rejectedOn, CLAIM_TIMERS.disputeWindowDays);
}

export function claimDeadlines(claim: Claim, today: IsoDate, calendars?: HolidayCalendars): ClaimDeadline[] {
  const statusDay = dayOf(claim.statusSince);
  const out: ClaimDeadline[] = [];
  const holidays = holidaysFor(claim.market, calendars);
  const market = claim.market ?? null;
  const addBusinessDays = (day: IsoDate, n: number) => addBusinessDaysIn(day, n, holidays);
  const push = (d: Omit<ClaimDeadline, 'passed' | 'source'>) => {
    const deadline: ClaimDeadline = { ...d, passed: today > d.lastDay, source: CLAIM_TIMERS.source };
    if (BUSINESS_DAY_KINDS.includes(d.kind)) {
      const from = d.kind === 'opt-out' && claim.approvedOn ? claim.approvedOn : statusDay;
      deadline.calendar = { market, holidays: holidaysBetween(from, d.lastDay, holidays) };
    }
    out.push(deadline);
  };
  const T = CLAIM_TIMERS;
  switch (claim.status) {
    case 'submitted':
      push({
        kind: 'review',
        lastDay: addBusinessDays(statusDay, T.submittedReviewBusinessDays),
        action: null,
        rule: `${T.submittedReviewBusinessDays} business days after submitted (Microsoft starts the review)`,
        anchorEventId: claim.statusEventId,
      });
      break;
    case 'under-review':
      push({
        kind: 'review',
        lastDay: addBusinessDays(statusDay, T.underReviewBusinessDays),
        action: null,
        rule: `${T.underReviewBusinessDays} business days under review (competing claims may take longer)`,
        anchorEventId: claim.statusEventId,
      });
      break;
    case 'partner-action-required':
      push({
        kind: 'partner-action',
        lastDay: addBusinessDays(statusDay, T.partnerActionBusinessDays),
        action: { type: 'rejected', reason: NO_PARTNER_RESPONSE },
        rule: `${T.partnerActionBusinessDays} business days for the partner to answer, else rejected`,
        anchorEventId: claim.statusEventId,
      });
      break;
    case 'approved': {
      const opened = claim.associations[claim.associations.length - 1];
      if (claim.approvedOn !== null && opened) {
        if (claim.confirmedOn === null) {
          push({
            kind: 'opt-out',
            lastDay: optOutLastDay(claim.approvedOn, holidays),
            action: { type: 'opt-out-window-closed' },
            rule: `${T.optOutBusinessDays} business days after approval for the customer to decline`,
            anchorEventId: opened.openedBy,
          });
        }
        if (claim.solutionArea === 'businessApplications' && claim.subscriptionExpires !== null) {
          push({
            kind: 'subscription',
            lastDay: claim.subscriptionExpires,
            action: { type: 'subscription-expired' },
            rule: 'the association lasts until the claimed subscription expires',
            anchorEventId: opened.openedBy,
          });
        }
      }
      break;
    }
    case 'rejected':
      if (claim.rejection && claim.disputes < T.maxDisputes) {
        push({
          kind: 'dispute-window',
          lastDay: disputeLastDay(claim.rejection.on),
          action: null,
          rule: `one dispute, within ${T.disputeWindowDays} days of the rejection`,
          anchorEventId: claim.statusEventId,
        });
      }
      break;
    case 'dispute':
      push({
        kind: 'dispute-answer',
        lastDay: addBusinessDays(statusDay, T.disputeAnswerBusinessDays),
        action: null,
        rule: `reviewers answer a dispute within about ${T.disputeAnswerBusinessDays} working days`,
        anchorEventId: claim.statusEventId,
      });
      break;
    default:
      break;
  }
  return out;
}

/** Deterministic id of the event a passed deadline produces (so a second timer run is a duplicate). */
export function deadlineEventId(kind: ClaimDeadlineKind, lastDay: IsoDate, anchorEventId: string): string {
  return `deadline:${kind}:${lastDay}:${sha256Hex(anchorEventId).slice(0, 16)}`;
}

/**
 * Events to apply because their deadline passed by `today`, oldest first. Each occurs at the start of
 * the day after the deadline's last day (never before the claim's current status began).
 */
export function dueDeadlines(claim: Claim, today: IsoDate, calendars?: HolidayCalendars): ClaimEvent[] {
  const due = claimDeadlines(claim, today, calendars)
    .filter((d) => d.passed && d.action !== null)
    .sort((a, b) => compareText(a.lastDay, b.lastDay));
  return due.map((d) => {
    let occurredAt = `${addDays(d.lastDay, 1)}T00:00:00.000Z`;
    if (occurredAt <= claim.statusSince) occurredAt = new Date(Date.parse(claim.statusSince) + 1).toISOString();
    const event: ClaimEvent = {
      eventId: deadlineEventId(d.kind, d.lastDay, d.anchorEventId),
      type: d.action!.type,
      occurredAt,
      partnerId: claim.partnerId,
      claimId: claim.claimId,
      note: `deadline timer: ${d.rule} (last day ${d.lastDay})`,
    };
    if (d.action!.reason !== undefined) event.reason = d.action!.reason;
    return event;
  });
}
