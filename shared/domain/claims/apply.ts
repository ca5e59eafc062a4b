// Applying one event to a claim: a pure function, idempotent by eventId, safe against late arrivals.
//
// Rules (docs/claims.md):
// 1. An event whose eventId is already in the history is a duplicate: nothing changes, no effects.
// 2. Events are ordered by (occurredAt, eventId). The claim's status is set by its newest applied
//    event (`statusEventId`, always the last history entry).
// 3. An event NEWER than that one must be allowed from the current status (transitions.ts, plus the
//    guards below); otherwise it is refused with the reason, and nothing is recorded — a sender that
//    retries later (after the events it skipped arrived) is judged again.
// 4. An event OLDER than the status's event arrived out of order: it is RECORDED in the history (in
//    time order) but does not change the status ("no regression"). Facts derived from the history —
//    associations, the rejection, disputes, confirmation — take it into account: a customer's decline
//    that is reported late still ends the association.
// Because every event has one target status and everything else is derived from the set of events, a
// stream that is valid in time order settles on the same claim in any arrival order (duplicates
// included), once every event was delivered (refused ones retried).
import { compareText } from '../changes/canonical.js';
import type { AssociationChange } from '../changes/events.js';
import { associationEffects, associationPeriods, dayOf, optOutLastDay } from './associations.js';
import { addBusinessDays } from './business-days.js';
import { disputeLastDay } from './deadlines.js';
import { CLAIM_TIMERS, type HolidayCalendars, holidaysFor } from './timers.js';
import { CLAIM_TRANSITIONS, isAllowedFrom } from './transitions.js';
import { type Claim, type ClaimData, type ClaimEvent, type ClaimHistoryEntry, type ClaimStatus, TERMINAL_STATUSES } from './types.js';

export type ClaimApplyOutcome = 'created' | 'applied' | 'recorded-late' | 'duplicate';

export type ClaimApplyResult =
  | { ok: true; outcome: ClaimApplyOutcome; claim: Claim; effects: AssociationChange[] }
  | {
      ok: false;
      /** unknown-claim: no claim and the event cannot create one; not-allowed: refused by the lifecycle. */
      code: 'unknown-claim' | 'not-allowed';
      reason: string;
      /** The claim's status when refused (null: no claim). */
      status: ClaimStatus | null;
      /** A deadline the event came too late for (the partner's answer after its 14th business day). */
      deadline?: { kind: 'partner-action'; lastDay: string; rule: string };
    };

export interface ClaimApplyOptions {
  /** Holiday calendars per market for business-day deadlines (default CLAIM_HOLIDAY_CALENDARS: none). */
  calendars?: HolidayCalendars;
}

/** Last day of the partner's answer to "action required" that started on `statusDay` (§4.2: 14 business days). */
export function partnerActionLastDay(statusDay: string, holidays: readonly string[] = []): string {
  return addBusinessDays(statusDay, CLAIM_TIMERS.partnerActionBusinessDays, holidays);
}

/** Time order of events: occurredAt (normalized ISO, so string order), then eventId. */
export function compareEvents(
  a: Pick<ClaimHistoryEntry, 'occurredAt' | 'eventId'>,
  b: Pick<ClaimHistoryEntry, 'occurredAt' | 'eventId'>,
): number {
  return compareText(a.occurredAt, b.occurredAt) || compareText(a.eventId, b.eventId);
}

function entryOf(event: ClaimEvent): ClaimHistoryEntry {
  const entry: ClaimHistoryEntry = { eventId: event.eventId, type: event.type, occurredAt: event.occurredAt };
  if (event.reason !== undefined) entry.reason = event.reason;
  if (event.note !== undefined) entry.note = event.note;
  if (event.type === 'edited' && event.edit !== undefined) entry.edit = structuredClone(event.edit);
  return entry;
}

/** Recomputes everything the history determines. */
function derive(claim: Claim, holidays: readonly string[] = []): Claim {
  // Edits (only in Partner action required) in time order: the newest edit of a field wins.
  let edited: Claim = claim;
  for (const entry of claim.history) if (entry.type === 'edited' && entry.edit) edited = { ...edited, ...structuredClone(entry.edit) };
  claim = edited;
  const associations = associationPeriods(claim, claim.history, holidays);
  let rejection: Claim['rejection'] = null;
  let disputes = 0;
  for (const entry of claim.history) {
    if (entry.type === 'rejected' || entry.type === 'customer-declined') {
      rejection = {
        on: dayOf(entry.occurredAt),
        reason: entry.type === 'customer-declined' ? 'customer-declined' : (entry.reason ?? 'rejected'),
      };
    }
    if (entry.type === 'disputed') disputes++;
  }
  const last = associations[associations.length - 1];
  const approvedOn = last && last.to === null && !last.deleted ? last.from : null;
  const closed =
    approvedOn === null ? undefined : claim.history.find((e) => e.type === 'opt-out-window-closed' && dayOf(e.occurredAt) > approvedOn);
  return {
    ...claim,
    associations,
    rejection,
    disputes,
    approvedOn,
    confirmedOn: closed ? dayOf(closed.occurredAt) : null,
    timersVersion: CLAIM_TIMERS.version,
  };
}

function create(event: ClaimEvent, data: ClaimData, holidays: readonly string[]): Claim {
  const entry = entryOf(event);
  return derive(
    {
      ...structuredClone(data),
      claimId: event.claimId,
      partnerId: event.partnerId,
      status: CLAIM_TRANSITIONS[event.type].to,
      statusEventId: event.eventId,
      statusSince: event.occurredAt,
      history: [entry],
      rejection: null,
      disputes: 0,
      associations: [],
      approvedOn: null,
      confirmedOn: null,
      associationsObservedAt: null,
      timersVersion: CLAIM_TIMERS.version,
    },
    holidays,
  );
}

/**
 * The association changes from `before` to `after`, stamped later than any the claim produced before
 * (the newest event's time when that is later, as for every event in order), and the claim noting it.
 */
function withEffects(before: Claim, after: Claim): { claim: Claim; effects: AssociationChange[] } {
  const previous = before.associationsObservedAt;
  const stamp = previous === null || after.statusSince > previous ? after.statusSince : new Date(Date.parse(previous) + 1).toISOString();
  const effects = associationEffects(before, after, stamp);
  return effects.length === 0 ? { claim: after, effects } : { claim: { ...after, associationsObservedAt: stamp }, effects };
}

/** Why `event` (the newest) may not be applied to `claim`; null when it may. */
export function refusal(claim: Claim, event: ClaimEvent, holidays: readonly string[] = holidaysFor(claim.market)): string | null {
  const { status } = claim;
  const transition = CLAIM_TRANSITIONS[event.type];
  if (TERMINAL_STATUSES.includes(status)) return `claim ${claim.claimId} is ${status}: no event changes it any more`;
  if (!isAllowedFrom(event.type, status)) {
    const from = transition.from.length ? transition.from.map((s) => JSON.stringify(s)).join(', ') : 'nowhere (it only creates a claim)';
    return `"${event.type}" is not allowed while the claim is "${status}" (allowed from ${from})`;
  }
  const day = dayOf(event.occurredAt);
  switch (event.type) {
    case 'partner-responded':
    case 'edited': {
      // §4.2: "partner has 14 business days, else rejected" — enforced by the rule, not only the timer.
      const last = partnerActionLastDay(dayOf(claim.statusSince), holidays);
      if (day > last)
        return `the partner's answer was due by ${last} (${CLAIM_TIMERS.partnerActionBusinessDays} business days after partner action was required on ${dayOf(claim.statusSince)}); "${event.type}" on ${day} is too late: the claim is rejected for no response`;
      return null;
    }
    case 'submitted': {
      const poe = event.claim ? event.claim.proofOfExecution : claim.proofOfExecution;
      return poe ? null : 'a claim needs its proof of execution before it is submitted';
    }
    case 'disputed': {
      if (claim.disputes >= CLAIM_TIMERS.maxDisputes)
        return `only ${CLAIM_TIMERS.maxDisputes} dispute is allowed per claim, and this claim was already disputed`;
      if (!claim.rejection) return 'there is no rejection to dispute';
      const last = disputeLastDay(claim.rejection.on);
      if (day > last)
        return `a dispute must be filed within ${CLAIM_TIMERS.disputeWindowDays} days of the rejection (rejected on ${claim.rejection.on}, last day ${last}, disputed on ${day})`;
      return null;
    }
    case 'subscription-expired':
      return claim.solutionArea === 'businessApplications' ? null : 'only Business Applications claims have a subscription that expires';
    case 'opt-out-window-closed': {
      if (claim.approvedOn === null) return 'the claim gives no association whose opt-out window could close';
      if (claim.confirmedOn !== null) return `the opt-out window already closed on ${claim.confirmedOn}`;
      const last = optOutLastDay(claim.approvedOn, holidays);
      return day > last ? null : `the opt-out window is open until ${last} (approved on ${claim.approvedOn})`;
    }
    default:
      return null;
  }
}

/**
 * Applies `event` to `claim` (null: no claim yet). Returns the new claim and the association changes it
 * implies, or the reason it is refused. Neither input is modified.
 */
export function applyClaimEvent(claim: Claim | null, event: ClaimEvent, options: ClaimApplyOptions = {}): ClaimApplyResult {
  const holidays = holidaysFor(claim?.market ?? event.claim?.market ?? null, options.calendars);
  if (claim === null) {
    if (!CLAIM_TRANSITIONS[event.type].creates || !event.claim) {
      return {
        ok: false,
        code: 'unknown-claim',
        status: null,
        reason: `no claim ${event.claimId} for partner ${event.partnerId}: it is created by a "drafted" or "submitted" event carrying the claim's data`,
      };
    }
    if (event.type === 'submitted' && !event.claim.proofOfExecution) {
      return { ok: false, code: 'not-allowed', status: null, reason: 'a claim needs its proof of execution before it is submitted' };
    }
    const created = create(event, event.claim, holidays);
    return {
      ok: true,
      outcome: 'created',
      claim: event.submittedBy ? { ...created, submittedBy: { role: event.submittedBy.role } } : created,
      effects: [],
    };
  }
  if (claim.partnerId !== event.partnerId || claim.claimId !== event.claimId) {
    throw new Error(`event ${event.eventId} for ${event.partnerId}/${event.claimId} applied to claim ${claim.partnerId}/${claim.claimId}`);
  }
  if (claim.history.some((e) => e.eventId === event.eventId)) return { ok: true, outcome: 'duplicate', claim, effects: [] };

  const statusEvent = claim.history[claim.history.length - 1] ?? { eventId: claim.statusEventId, occurredAt: claim.statusSince };
  if (compareEvents(event, statusEvent) < 0) {
    // Late: recorded in time order; the status stays.
    const history = [...claim.history, entryOf(event)].sort(compareEvents);
    const next = withEffects(claim, derive({ ...claim, history }, holidays));
    return { ok: true, outcome: 'recorded-late', ...next };
  }

  const why = refusal(claim, event, holidays);
  if (why !== null) {
    const refused: ClaimApplyResult = { ok: false, code: 'not-allowed', status: claim.status, reason: why };
    if (
      (event.type === 'partner-responded' || event.type === 'edited') &&
      claim.status === 'partner-action-required' &&
      !TERMINAL_STATUSES.includes(claim.status)
    ) {
      const lastDay = partnerActionLastDay(dayOf(claim.statusSince), holidays);
      if (dayOf(event.occurredAt) > lastDay)
        refused.deadline = {
          kind: 'partner-action',
          lastDay,
          rule: `${CLAIM_TIMERS.partnerActionBusinessDays} business days for the partner to answer, else rejected`,
        };
    }
    return refused;
  }
  let next: Claim = {
    ...claim,
    status: CLAIM_TRANSITIONS[event.type].to,
    statusEventId: event.eventId,
    statusSince: event.occurredAt,
    history: [...claim.history, entryOf(event)],
  };
  // Data may change while a draft is submitted, and by `edited` in Partner action required (derive).
  if (event.type === 'submitted' && event.claim) next = { ...next, ...structuredClone(event.claim) };
  if (event.type === 'submitted' && event.submittedBy) next = { ...next, submittedBy: { role: event.submittedBy.role } };
  return { ok: true, outcome: 'applied', ...withEffects(claim, derive(next, holidays)) };
}
