// Uniqueness (pcs-rules.md §4.2): a customer may have several partners, but each workload of a tenant
// (Modern Work & Security) or each subscription (Business Applications) is associated with ONE partner.
// Competing claims of different partners are arbitrated by Microsoft on proof of execution — they are
// outside our data (we see one partner's claims). What we can check: the same partner does not hold two
// active claims for the same tenant + workload or the same subscription.
import { compareText } from '../changes/canonical.js';
import { ACTIVE_STATUSES, type Claim, type ClaimData } from './types.js';

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
export function findConflict(candidate: { claimId: string; partnerId: string } & Pick<ClaimData, 'solutionArea' | 'tenantId' | 'workloads' | 'subscriptionId' | 'workload'>, others: readonly Claim[]): ClaimConflict | null {
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
