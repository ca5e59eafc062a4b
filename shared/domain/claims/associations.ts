// What a claim means for scoring: the CPOR associations it gives the partner, derived from its history,
// and the association change events (shared/domain/changes) that tell the pipeline about them.
//
// - approved / dispute-upheld on day A opens a period: one association per claimed workload (MW&S) or
//   for the subscription's workload (BA): { type CPOR, cporActivity, workload, from: A, to: null }.
// - customer-declined on day D ≤ A + 5 business days (the opt-out window): the association never took
//   effect → it is DELETED (an explicit deletion change, so the stored fact is a tombstone).
// - customer-declined later, partner-disassociated, dispute-denied or rejected on day D: it ENDS, to = D
//   (inclusive: the last day it counted).
// - subscription-expired: it ends on the subscription's last day when known (never before A), else D.
// The association's natural key is (tenant, CPOR, workload, from): ending it re-sends the same key
// with `to`; a deletion is a `deleted: true` row of that key.
import type { AssociationChange } from '../changes/events.js';
import { addBusinessDays } from './business-days.js';
import { CLAIM_TIMERS } from './timers.js';
import { CLOSING_EVENTS, OPENING_EVENTS } from './transitions.js';
import type { AssociationPeriod, Claim, ClaimData, ClaimHistoryEntry } from './types.js';

export const dayOf = (timestamp: string): string => timestamp.slice(0, 10);

/** Last day on which the customer's decline still means "never took effect". */
export function optOutLastDay(approvedOn: string, holidays: readonly string[] = []): string {
  return addBusinessDays(approvedOn, CLAIM_TIMERS.optOutBusinessDays, holidays);
}

/** Association periods from the history (in time order), whatever order the events arrived in. */
export function associationPeriods(
  data: Pick<ClaimData, 'subscriptionExpires'>,
  history: readonly ClaimHistoryEntry[],
  holidays: readonly string[] = [],
): AssociationPeriod[] {
  const periods: AssociationPeriod[] = [];
  let open: { from: string; openedBy: string } | null = null;
  for (const entry of history) {
    const day = dayOf(entry.occurredAt);
    if (OPENING_EVENTS.includes(entry.type)) {
      if (!open) open = { from: day, openedBy: entry.eventId };
    } else if (CLOSING_EVENTS.includes(entry.type) && open) {
      if (entry.type === 'customer-declined' && day <= optOutLastDay(open.from, holidays)) {
        periods.push({ from: open.from, to: null, deleted: true, openedBy: open.openedBy, endedBy: entry.eventId });
      } else {
        let to = day;
        if (entry.type === 'subscription-expired' && data.subscriptionExpires !== null && data.subscriptionExpires < to)
          to = data.subscriptionExpires;
        if (to < open.from) to = open.from;
        periods.push({ from: open.from, to, deleted: false, openedBy: open.openedBy, endedBy: entry.eventId });
      }
      open = null;
    }
  }
  if (open) periods.push({ from: open.from, to: null, deleted: false, openedBy: open.openedBy, endedBy: null });
  return periods;
}

/** The workloads the claim's associations name: the MW&S workloads, or the BA subscription's workload. */
export function claimedWorkloads(data: Pick<ClaimData, 'solutionArea' | 'workloads' | 'workload'>): string[] {
  return data.solutionArea === 'modernWorkSecurity' ? [...data.workloads] : data.workload ? [data.workload] : [];
}

/**
 * The claim's associations as change events, stamped `observedAt` (default: the stamp of the claim's
 * last association changes, else its newest event's time).
 */
export function associationChanges(
  claim: Claim,
  observedAt: string = claim.associationsObservedAt ?? claim.statusSince,
): AssociationChange[] {
  // Two periods starting the same day (declined inside the window, then re-approved by an upheld
  // dispute that day) share the key: the later period is the truth for it.
  const byKey = new Map<string, AssociationChange>();
  for (const period of claim.associations) {
    for (const workload of claimedWorkloads(claim)) {
      const to = period.deleted ? null : supersededTo(claim, workload, period.from, period.to);
      const change = associationChange(claim, observedAt, workload, period.from, period.deleted ? { deleted: true } : { to });
      const key = keyOf(change);
      byKey.delete(key);
      byKey.set(key, change);
    }
  }
  return [...byKey.values()];
}

/**
 * The end of a period on `workload` once other partners' approvals superseded it (§4.2: one partner per
 * key; the earlier holder's association counts through the day after the new approval).
 */
function supersededTo(claim: Claim, workload: string, from: string, to: string | null): string | null {
  let end = to;
  for (const s of claim.supersededBy ?? []) {
    if (!s.workloads.some((w) => w.toLowerCase() === workload.toLowerCase())) continue;
    if (s.lastDay < from) continue; // a later period, opened after the supersession
    if (end === null || s.lastDay < end) end = s.lastDay;
  }
  return end;
}

function associationChange(
  claim: Claim,
  observedAt: string,
  workload: string,
  from: string,
  state: { deleted: true } | { to: string | null },
): AssociationChange {
  const deleted = 'deleted' in state;
  return {
    fact: 'association',
    partnerId: claim.partnerId,
    observedAt,
    deleted,
    tenantId: claim.tenantId,
    type: 'CPOR',
    workload,
    from,
    to: deleted ? null : state.to,
    cporActivity: deleted ? null : claim.activity,
  };
}

const keyOf = (change: AssociationChange) => JSON.stringify([change.tenantId, (change.workload ?? '').toLowerCase(), change.from]);
const stateOf = (change: AssociationChange) => JSON.stringify([change.deleted, change.to, change.cporActivity]);

/**
 * Effects of going from `before` to `after`, stamped `observedAt`: the association changes whose state
 * differs, plus a deletion for any key `before` had and `after` no longer has (an approval day that moved).
 */
export function associationEffects(before: Claim, after: Claim, observedAt: string): AssociationChange[] {
  const old = new Map(associationChanges(before, observedAt).map((c) => [keyOf(c), c]));
  const effects: AssociationChange[] = [];
  const now = associationChanges(after, observedAt);
  const nowKeys = new Set(now.map(keyOf));
  for (const change of now) {
    const previous = old.get(keyOf(change));
    if (!previous || stateOf(previous) !== stateOf(change)) effects.push(change);
  }
  for (const [key, change] of old) {
    if (!nowKeys.has(key) && !change.deleted) {
      effects.push({ ...change, deleted: true, to: null, cporActivity: null });
    }
  }
  return effects;
}
