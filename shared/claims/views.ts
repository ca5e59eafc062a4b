// The read side of GET /api/claims/{partnerId}[/{claimId}]: a claim with its deadlines as of today, and
// the associations it gives (as the change events the pipeline received).
import type { AssociationChange } from '../domain/changes/events.js';
import { associationChanges } from '../domain/claims/associations.js';
import { competingRef } from '../domain/claims/competing.js';
import { type ClaimDeadline, claimDeadlines } from '../domain/claims/deadlines.js';
import { type Claim } from '../domain/claims/types.js';
import { supersessionReason } from '../domain/claims/uniqueness.js';
import { claimRepository, type ClaimStores } from './repository.js';

export interface ClaimView extends Claim {
  /** Deadlines of the current status, as of `today` (UTC). */
  deadlines: ClaimDeadline[];
  /** The CPOR associations the claim gives or gave, as sent to the pipeline. */
  associationChanges: AssociationChange[];
  today: string;
}

/** The claim's fields a summary shows, in this order (the history only as its length). */
const SUMMARY_FIELDS = [
  'claimId',
  'tenantId',
  'solutionArea',
  'activity',
  'workloads',
  'workload',
  'subscriptionId',
  'status',
  'statusSince',
  'approvedOn',
  'confirmedOn',
  'rejection',
  'competing',
  'supersededBy',
] as const satisfies readonly (keyof Claim)[];
type SummaryFields = Pick<Claim, (typeof SUMMARY_FIELDS)[number]>;

export type ClaimSummary = SummaryFields & { deadlines: ClaimDeadline[]; events: number };

export function claimView(claim: Claim, today: string): ClaimView {
  return { ...claim, deadlines: claimDeadlines(claim, today), associationChanges: associationChanges(claim), today };
}

export function claimSummary(claim: Claim, today: string): ClaimSummary {
  const fields = Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, claim[f]])) as SummaryFields;
  return { ...fields, deadlines: claimDeadlines(claim, today), events: claim.history.length };
}

export async function readClaimView(
  stores: ClaimStores,
  partnerId: string,
  claimId: string,
  today: string,
): Promise<ClaimView | undefined> {
  const found = await claimRepository(stores).read(partnerId, claimId);
  return found ? claimView(found.claim, today) : undefined;
}

export async function listClaimSummaries(
  stores: ClaimStores,
  partnerId: string,
  today: string,
): Promise<{ partnerId: string; today: string; claims: ClaimSummary[] }> {
  const claims = await claimRepository(stores).listForPartner(partnerId);
  return { partnerId, today, claims: claims.map((c) => claimSummary(c, today)) };
}

/** Another partner's claim as a partner-scoped caller sees it (Microsoft does not disclose who competes). */
export const ANOTHER_PARTNER = 'another partner';

/**
 * The claim as a caller who may see only the partners `visible` accepts sees it: another partner in
 * `competing` and `supersededBy` is not named — its id becomes ANOTHER_PARTNER and its claim id the
 * reference the claim-competing mail quotes (competingRef), and the reason says "another partner's claim".
 */
export function asSeenBy<T extends Pick<Claim, 'competing' | 'supersededBy' | 'solutionArea' | 'subscriptionId' | 'tenantId'>>(
  claim: T,
  visible: (partnerId: string) => boolean,
): T {
  const out = { ...claim };
  if (claim.competing)
    out.competing = claim.competing.map((c) => (visible(c.partnerId) ? c : { ...c, partnerId: ANOTHER_PARTNER, claimId: competingRef(c) }));
  if (claim.supersededBy)
    out.supersededBy = claim.supersededBy.map((s) =>
      visible(s.byPartnerId)
        ? s
        : {
            ...s,
            byPartnerId: ANOTHER_PARTNER,
            byClaimId: competingRef({ partnerId: s.byPartnerId, claimId: s.byClaimId }),
            reason: supersessionReason(claim, s, "another partner's claim"),
          },
    );
  return out;
}
