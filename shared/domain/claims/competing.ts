// The mail to both partners of a competing claim (pcs-rules.md §4.2, issue 13): when a claim is submitted
// while another partner's active claim holds one of its keys, each of the two partners is told once,
// about its own claim. Microsoft does not disclose the other partner, so neither does the mail: the
// other claim is known to the message only as a digest (`competingRef`), which the sender matches
// against the claim's `competing` list at send time.
//
// Pure: the outbox entry and claim details of one such mail (the claim path queues them,
// shared/claims/competing-mail.ts), its id, and the send-time verdict (shared/handlers/sendNotification.ts).
import { createHash } from 'node:crypto';

import type { Area, IsoDate } from '../facts/types.js';
import { MAX_ID_CHARS } from '../ids.js';
import type { RuleCatalog } from '../rules/catalog-schema.js';
import { nameKey } from '../rules/names.js';
import type { OutboxEntry } from '../status/outbox.js';
import type { Status } from '../status/types.js';
import { ACTIVE_STATUSES, type Claim, type ClaimStatus, type CompetingClaim, type SolutionArea } from './types.js';
import { claimKeys, sharedKeys } from './uniqueness.js';

export const COMPETING_MAIL_KIND = 'claim-competing' as const;

/** What a claim-competing mail says about the recipient's own claim (never about the other one). */
export interface CompetingClaimDetails {
  claimId: string;
  /** The claim's own name (Partner Center's "name"), if it has one. */
  name: string | null;
  tenantId: string;
  customerDomain: string | null;
  solutionArea: SolutionArea;
  /** The workloads both claims name (MW&S: the shared ones; BA: the subscription's workload), as this claim spells them. */
  workloads: string[];
  /** Business Applications: the claimed subscription. */
  subscriptionId: string | null;
  /** The day the competition was found (the later submission's day). */
  since: IsoDate;
  /** The claim's status when the mail was queued (the send-time check compares with it). */
  status: ClaimStatus;
  /** Digest of the other claim's identity (competingRef): which competitor, without naming it. */
  competingRef: string;
}

/** Statuses in which Microsoft has not decided the claim yet (it is reviewed against the other one). */
export const UNDECIDED_STATUSES: readonly ClaimStatus[] = ['draft', 'submitted', 'under-review', 'partner-action-required', 'dispute'];

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** 16 hex digits of sha256(partnerId NUL claimId): stable, and does not name the partner in a mail's reference. */
export function competingRef(other: Pick<Claim, 'partnerId' | 'claimId'>): string {
  return sha256(`${other.partnerId}\u0000${other.claimId}`).slice(0, 16);
}

/**
 * The message id (= notification id) of the mail to `partnerId` about its claim `claimId` competing with
 * the claim `ref` digests: `${partnerId}:claim-competing:${claimId}:${ref}`, one per (partner, claim,
 * competing claim), whatever redelivers the submission. Ids longer than a Service Bus message id allows
 * (128) become `claim-competing:` + 40 hex digits of their sha256 (still deterministic).
 */
export function competingMailId(partnerId: string, claimId: string, ref: string): string {
  const id = `${partnerId}:${COMPETING_MAIL_KIND}:${claimId}:${ref}`;
  return id.length <= MAX_ID_CHARS ? id : `${COMPETING_MAIL_KIND}:${sha256(id).slice(0, 40)}`;
}

/** `claim`'s workloads that `other` claims too, as `claim` spells them. */
export function contestedWorkloads(claim: Claim, other: Parameters<typeof claimKeys>[0]): string[] {
  const shared = new Set(sharedKeys(claim, other));
  if (claim.solutionArea === 'businessApplications') return shared.size > 0 && claim.workload ? [claim.workload] : [];
  const tenant = claim.tenantId.trim().toLowerCase();
  return claim.workloads.filter((w) => shared.has(`mws|${tenant}|${w.trim().toLowerCase()}`));
}

/**
 * The designation area whose score the mail shows: Business Applications for a BA claim; for Modern
 * Work & Security, Security when every contested workload the catalog places in only one of the two
 * areas is a Security workload (Defender, Purview…), else Modern Work (Teams, Exchange…; workloads of
 * both, Intune and Entra ID P1, count as Modern Work).
 */
export function designationAreaOf(solutionArea: SolutionArea, workloads: readonly string[], rules: RuleCatalog): Area {
  if (solutionArea === 'businessApplications') return 'businessApplications';
  const modernWork = new Set(rules.modernWork.workloads.all.map(nameKey));
  const security = new Set(rules.security.m365.workloads.map(nameKey));
  const keys = workloads.map(nameKey);
  const onlySecurity = keys.filter((k) => security.has(k) && !modernWork.has(k)).length;
  const onlyModernWork = keys.filter((k) => modernWork.has(k) && !security.has(k)).length;
  return onlySecurity > 0 && onlyModernWork === 0 ? 'security' : 'modernWork';
}

export interface CompetingMail {
  entry: OutboxEntry;
  claim: CompetingClaimDetails;
}

/**
 * The mail to `claim`'s partner about `other` competing with it since `since`. `designationStatus`:
 * the partner's status in the area shown (inProgress when it has no state yet).
 */
export function competingMail(
  claim: Claim,
  other: Pick<Claim, 'partnerId' | 'claimId'> & Parameters<typeof claimKeys>[0],
  since: IsoDate,
  rules: RuleCatalog,
  designationStatus: (area: Area) => Status = () => 'inProgress',
): CompetingMail {
  const ref = competingRef(other);
  const workloads = contestedWorkloads(claim, other);
  const area = designationAreaOf(claim.solutionArea, workloads, rules);
  const id = competingMailId(claim.partnerId, claim.claimId, ref);
  return {
    entry: {
      id,
      partnerId: claim.partnerId,
      area,
      kind: COMPETING_MAIL_KIND,
      day: since,
      status: designationStatus(area),
      cause: null,
      anniversary: null,
      eligibleToRenew: null,
      reminder: null,
    },
    claim: {
      claimId: claim.claimId,
      name: claim.name?.trim() ? claim.name.trim() : null,
      tenantId: claim.tenantId,
      customerDomain: claim.customerDomain?.trim() ? claim.customerDomain.trim() : null,
      solutionArea: claim.solutionArea,
      workloads,
      subscriptionId: claim.solutionArea === 'businessApplications' ? claim.subscriptionId : null,
      since,
      status: claim.status,
      competingRef: ref,
    },
  };
}

/** The entry of `claim.competing` that `ref` digests (undefined: none). */
export function competitorOf(claim: Pick<Claim, 'competing'>, ref: string): CompetingClaim | undefined {
  return (claim.competing ?? []).find((c) => competingRef(c) === ref);
}

export type CompetingVerdict = { send: true } | { send: false; reason: string };

/**
 * Is the mail still true when it is sent (after the settle delay)? `mine`: the recipient's claim as
 * stored now; `other`: the competing claim as stored now (undefined: gone, or not found). Skipped when
 * the claim is gone, ended (rejected, withdrawn, expired), decided meanwhile (approved since the mail
 * was queued, or the other claim's approval took its workloads), or no longer competing (the other
 * claim ended, or took the decision the other way). Reasons never name the other partner or claim.
 */
export function competingVerdict(details: CompetingClaimDetails, mine: Claim | undefined, other: Claim | undefined): CompetingVerdict {
  if (!mine) return { send: false, reason: `claim-gone: claim ${details.claimId} is no longer stored` };
  if (!ACTIVE_STATUSES.includes(mine.status)) return { send: false, reason: `claim-ended: claim ${mine.claimId} is ${mine.status}` };
  if (mine.status === 'approved' && details.status !== 'approved')
    return { send: false, reason: `claim-decided: claim ${mine.claimId} was approved meanwhile` };
  const competitor = competitorOf(mine, details.competingRef);
  if (!competitor || !other || other.partnerId !== competitor.partnerId || other.claimId !== competitor.claimId)
    return { send: false, reason: 'no-longer-competing: the other claim is no longer stored' };
  const by = (c: Claim, winner: Claim) =>
    (c.supersededBy ?? []).some((s) => s.byPartnerId === winner.partnerId && s.byClaimId === winner.claimId);
  if (by(mine, other))
    return { send: false, reason: `claim-decided: the other claim was approved for the workloads of claim ${mine.claimId}` };
  if (by(other, mine)) return { send: false, reason: `claim-decided: claim ${mine.claimId} was approved over the other claim` };
  if (!ACTIVE_STATUSES.includes(other.status)) return { send: false, reason: 'no-longer-competing: the other claim is no longer active' };
  if (sharedKeys(mine, other).length === 0) return { send: false, reason: 'no-longer-competing: the claims no longer share a workload' };
  return { send: true };
}
