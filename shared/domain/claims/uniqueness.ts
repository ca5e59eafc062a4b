// Uniqueness (pcs-rules.md §4.2): a customer may have several partners, but each workload of a tenant
// (Modern Work & Security) or each subscription (Business Applications) is associated with ONE partner.
// Competing claims of different partners are arbitrated by Microsoft on proof of execution — they are
// outside our data (we see one partner's claims). What we can check: the same partner does not hold two
// active claims for the same tenant + workload or the same subscription.
// findConflict is the readable check; the atomic one is a key document per (partner, key) written
// create-if-absent before a claim becomes active (shared/claims/keys.ts).
import { compareText } from '../changes/canonical.js';
import type { AssociationChange } from '../changes/events.js';
import { addDays } from '../status/days.js';
import { associationEffects } from './associations.js';
import { ACTIVE_STATUSES, type Claim, type ClaimData, type CompetingClaim, type Supersession } from './types.js';

/** The keys a claim holds: `mws|<tenant>|<workload>` per workload, or `ba|<subscription>`. */
export function claimKeys(data: Pick<ClaimData, 'solutionArea' | 'tenantId' | 'workloads' | 'subscriptionId'>): string[] {
  const norm = (s: string) => s.trim().toLowerCase();
  if (data.solutionArea === 'businessApplications') return data.subscriptionId ? [`ba|${norm(data.subscriptionId)}`] : [];
  return data.workloads.map((w) => `mws|${norm(data.tenantId)}|${norm(w)}`);
}

export interface ClaimConflict {
  claimId: string;
  status: Claim['status'];
  reason: string;
}

/**
 * The first other active claim of the same partner holding one of the candidate's keys (null: none).
 * `others` may include the candidate itself (same claimId): it is skipped.
 */
export function findConflict(
  candidate: { claimId: string; partnerId: string } & Pick<
    ClaimData,
    'solutionArea' | 'tenantId' | 'workloads' | 'subscriptionId' | 'workload'
  >,
  others: readonly Claim[],
): ClaimConflict | null {
  const mine = new Set(claimKeys(candidate));
  const sorted = [...others].sort((a, b) => compareText(a.claimId, b.claimId));
  for (const other of sorted) {
    if (other.claimId === candidate.claimId || other.partnerId !== candidate.partnerId) continue;
    if (!ACTIVE_STATUSES.includes(other.status)) continue;
    const shared = claimKeys(other).filter((k) => mine.has(k));
    if (shared.length === 0) continue;
    const what =
      candidate.solutionArea === 'businessApplications'
        ? `subscription ${candidate.subscriptionId}`
        : `tenant ${candidate.tenantId}, workload${shared.length > 1 ? 's' : ''} ${shared.map((k) => k.split('|')[2]).join(', ')}`;
    return {
      claimId: other.claimId,
      status: other.status,
      reason: `partner ${candidate.partnerId} already has claim ${other.claimId} (${other.status}) for ${what}: each ${candidate.solutionArea === 'businessApplications' ? 'subscription' : 'workload of a tenant'} is associated with one partner`,
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Across partners (issue 13): one partner per tenant + workload / subscription in one deployment.

/** The keys two claims share. */
export function sharedKeys(a: Parameters<typeof claimKeys>[0], b: Parameters<typeof claimKeys>[0]): string[] {
  const mine = new Set(claimKeys(a));
  return claimKeys(b).filter((k) => mine.has(k));
}

/** Other partners' active claims sharing a key with `claim`. */
export function competingClaims(claim: Claim, others: readonly Claim[]): Claim[] {
  return others.filter((o) => o.partnerId !== claim.partnerId && ACTIVE_STATUSES.includes(o.status) && sharedKeys(claim, o).length > 0);
}

/** `claim` noting `other` as competing on the shared keys since `since` (no change when already noted). */
export function withCompeting(
  claim: Claim,
  other: Pick<Claim, 'partnerId' | 'claimId'> & Parameters<typeof claimKeys>[0],
  since: string,
): Claim {
  const keys = sharedKeys(claim, other);
  if (keys.length === 0) return claim;
  const list = claim.competing ?? [];
  if (list.some((c) => c.partnerId === other.partnerId && c.claimId === other.claimId)) return claim;
  const entry: CompetingClaim = { partnerId: other.partnerId, claimId: other.claimId, keys, since };
  return { ...claim, competing: [...list, entry] };
}

/**
 * The earlier holder `holder` losing the keys it shares with `winner`, just approved (§4.2: Microsoft
 * arbitrates on the most recent proof of execution): its association on those workloads counts through
 * the day after the winner's approval. Returns the claim (with `supersededBy` saying why) and the
 * association changes; null when nothing changes.
 */
/**
 * Why `holder`'s association on `taken.workloads` ends: `by` (the winning claim, as the reader may be
 * told of it) was approved for them.
 */
export function supersessionReason(
  holder: Pick<Claim, 'solutionArea' | 'subscriptionId' | 'tenantId'>,
  taken: Pick<Supersession, 'workloads' | 'approvedOn' | 'lastDay'>,
  by: string,
): string {
  const ba = holder.solutionArea === 'businessApplications';
  const what = ba ? `subscription ${holder.subscriptionId}` : `tenant ${holder.tenantId}, ${taken.workloads.join(', ')}`;
  return `${by} was approved for ${what} on ${taken.approvedOn} (Microsoft arbitrates competing claims on the most recent proof of execution; one partner per ${ba ? 'subscription' : 'tenant + workload'}): this association counts through ${taken.lastDay}`;
}

export function supersede(holder: Claim, winner: Claim, observedAt: string): { claim: Claim; effects: AssociationChange[] } | null {
  if (winner.approvedOn === null || holder.approvedOn === null || holder.partnerId === winner.partnerId) return null;
  const keys = sharedKeys(holder, winner);
  if (keys.length === 0) return null;
  if (
    (holder.supersededBy ?? []).some(
      (s) => s.byPartnerId === winner.partnerId && s.byClaimId === winner.claimId && s.approvedOn === winner.approvedOn,
    )
  )
    return null;
  const workloads =
    holder.solutionArea === 'businessApplications'
      ? holder.workload
        ? [holder.workload]
        : []
      : holder.workloads.filter((w) => keys.includes(`mws|${holder.tenantId.trim().toLowerCase()}|${w.trim().toLowerCase()}`));
  const lastDay = addDays(winner.approvedOn, 1);
  const taken = { workloads, approvedOn: winner.approvedOn, lastDay };
  const entry: Supersession = {
    byPartnerId: winner.partnerId,
    byClaimId: winner.claimId,
    keys,
    ...taken,
    reason: supersessionReason(holder, taken, `partner ${winner.partnerId}'s claim ${winner.claimId}`),
  };
  const previous = holder.associationsObservedAt;
  const stamp = previous === null || observedAt > previous ? observedAt : new Date(Date.parse(previous) + 1).toISOString();
  const after: Claim = withCompeting({ ...holder, supersededBy: [...(holder.supersededBy ?? []), entry] }, winner, winner.approvedOn);
  const effects = associationEffects(holder, after, stamp);
  return { claim: effects.length ? { ...after, associationsObservedAt: stamp } : after, effects };
}
