// CPOR claims (Claiming Partner of Record): the claim a partner files in Partner Center per customer
// tenant + workload (Modern Work & Security) or per subscription (Business Applications), and the
// events of its lifecycle (pcs-rules.md §4.2). Pure types and enumerations; no I/O.
import type { CporActivity, IsoDate } from '../facts/types.js';

/** Partner Center's two claim solution areas (not the six designation areas). */
export const SOLUTION_AREAS = ['businessApplications', 'modernWorkSecurity'] as const;
export type SolutionArea = (typeof SOLUTION_AREAS)[number];

/** The CPOR activities (scoring contract `cporActivity`) each solution area may claim. */
export const ACTIVITIES_BY_AREA: Readonly<Record<SolutionArea, readonly CporActivity[]>> = {
  modernWorkSecurity: ['use-consume'],
  businessApplications: ['revrec', 'osa', 'revrec-performance', 'osu'],
};

/**
 * Statuses of pcs-rules.md §4.2, plus `expired` (ours): a Business Applications claim whose
 * subscription expired (its association ended; a renewed subscription has a new id and needs a new claim).
 */
export const CLAIM_STATUSES = [
  'draft',
  'submitted',
  'under-review',
  'partner-action-required',
  'approved',
  'rejected',
  'dispute',
  'rejected-final',
  'expired',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** No event leaves these. */
export const TERMINAL_STATUSES: readonly ClaimStatus[] = ['rejected-final', 'expired'];

/**
 * Statuses in which a claim holds (or is on its way to holding) its tenant + workload / subscription:
 * a second claim of the same partner for the same key is refused while one of these exists. A rejected
 * claim does not hold it (the partner may file anew); disputing it makes it hold it again.
 */
export const ACTIVE_STATUSES: readonly ClaimStatus[] = [
  'draft',
  'submitted',
  'under-review',
  'partner-action-required',
  'approved',
  'dispute',
];

/**
 * Events, as the partner's tool or Partner Center reports them. `drafted` and `submitted` may carry the
 * claim's data and create the claim. `opt-out-window-closed` is internal: only the deadline timer
 * produces it (the webhook refuses it).
 */
export const CLAIM_EVENT_TYPES = [
  'drafted',
  'submitted',
  'review-started',
  'action-required',
  'partner-responded',
  'approved',
  'rejected',
  'disputed',
  'dispute-upheld',
  'dispute-denied',
  'customer-declined',
  'partner-disassociated',
  'subscription-expired',
  'edited',
  'opt-out-window-closed',
] as const;
export type ClaimEventType = (typeof CLAIM_EVENT_TYPES)[number];

/** Event types a sender may post (everything but the timer's own). */
export const EXTERNAL_EVENT_TYPES = CLAIM_EVENT_TYPES.filter((t) => t !== 'opt-out-window-closed');

/** Partner Center roles allowed to submit CPOR claims (§4.2: Incentives admin; also Billing / Global admin). */
export const SUBMITTER_ROLES = ['incentives-admin', 'billing-admin', 'global-admin'] as const;
export type SubmitterRole = (typeof SUBMITTER_ROLES)[number];

/** Business Applications purchase channels for which a subscription can be claimed (§4.2: VL or Web Direct). */
export const CLAIMABLE_PURCHASE_CHANNELS = ['volume-licensing', 'web-direct'] as const;

/** A Business Applications claim's subscription (§4.2; new subscriptions claimable after 7 days [S23]). */
export interface ClaimSubscription {
  id: string;
  /** e.g. volume-licensing, web-direct, csp (lower case). */
  purchaseChannel: string;
  startedOn: IsoDate;
}

/** What an `edited` event changes (Partner Center: editable only in Partner action required). */
export interface ClaimEdit {
  proofOfExecution?: string;
  proofOfExecutionDate?: IsoDate;
  customerContact?: ClaimContact;
  partnerContact?: ClaimContact | null;
}

/** Another partner's active claim on a shared key (§4.2 uniqueness: Microsoft arbitrates). */
export interface CompetingClaim {
  partnerId: string;
  claimId: string;
  /** The shared keys (claimKeys). */
  keys: string[];
  /** Day the competition was found (the later submission's day). */
  since: IsoDate;
}

/**
 * The association on some keys ended because another partner's claim was approved for them (Microsoft
 * arbitrates on the most recent proof of execution, §4.2): it counts through `lastDay`, the day after
 * that approval.
 */
export interface Supersession {
  byPartnerId: string;
  byClaimId: string;
  keys: string[];
  /** The workloads whose association ends (MW&S: the shared ones; BA: the subscription's workload). */
  workloads: string[];
  approvedOn: IsoDate;
  lastDay: IsoDate;
  reason: string;
}

/** The reason the deadline timer gives when the partner did not answer in time. */
export const NO_PARTNER_RESPONSE = 'no-partner-response';

export interface ClaimContact {
  name: string;
  title?: string;
  email: string;
}

/** What a partner fills in (Partner Center: Customer claims → Add customer). */
export interface ClaimData {
  tenantId: string;
  solutionArea: SolutionArea;
  activity: CporActivity;
  /** Modern Work & Security: the claimed workloads (one association each). Empty for Business Applications. */
  workloads: string[];
  /** Business Applications: the claimed subscription and its workload; null for Modern Work & Security. */
  subscriptionId: string | null;
  workload: string | null;
  /** Business Applications: the subscription's last day, when known (the association ends then). */
  subscriptionExpires: IsoDate | null;
  customerContact: ClaimContact;
  partnerContact: ClaimContact | null;
  name: string | null;
  /** Reference of the proof of execution (document id, URL, SOW number); null only while a draft. */
  proofOfExecution: string | null;
  /** Date of the proof of execution (e.g. the SOW's signature day); required at the webhook for a submission. */
  proofOfExecutionDate?: IsoDate | null;
  /** The customer's (sub-)domain, e.g. fabrikam.onmicrosoft.com; must agree with what is known of the tenant. */
  customerDomain?: string | null;
  /** Business Applications: the subscription with its purchase channel and start (subscriptionId = subscription.id). */
  subscription?: ClaimSubscription | null;
  /** Market (country code) whose holiday calendar the business-day deadlines use; null: none. */
  market?: string | null;
}

/** One event, validated and normalized (occurredAt as `YYYY-MM-DDTHH:mm:ss.sssZ`). */
export interface ClaimEvent {
  eventId: string;
  type: ClaimEventType;
  occurredAt: string;
  partnerId: string;
  claimId: string;
  /** `rejected`: why (e.g. insufficient-proof, no-partner-response, partner-request). */
  reason?: string;
  note?: string;
  /** `drafted` / `submitted`: the claim's data (required to create the claim). */
  claim?: ClaimData;
  /** `drafted` / `submitted`: who submitted it (checked at the webhook, §4.2). */
  submittedBy?: { role: string };
  /** `edited`: the new proof of execution or contacts. */
  edit?: ClaimEdit;
}

/** An event as kept in the claim's history (the data of creating events lives on the claim itself). */
export interface ClaimHistoryEntry {
  eventId: string;
  type: ClaimEventType;
  occurredAt: string;
  reason?: string;
  note?: string;
  /** `edited`: what it changed (applied in time order, so late edits settle the same). */
  edit?: ClaimEdit;
}

/**
 * One period in which the claim gave the partner the association: from an approval to the event that
 * ended it. `deleted`: declined inside the opt-out window — the association never took effect.
 */
export interface AssociationPeriod {
  from: IsoDate;
  to: IsoDate | null;
  deleted: boolean;
  /** Event that opened / ended the period. */
  openedBy: string;
  endedBy: string | null;
}

export interface Claim extends ClaimData {
  claimId: string;
  partnerId: string;
  status: ClaimStatus;
  /** The event that set the status: always the last entry of `history`. */
  statusEventId: string;
  /** occurredAt of that event. */
  statusSince: string;
  /** Every event recorded, in time order (occurredAt, then eventId). */
  history: ClaimHistoryEntry[];
  // Derived from the history (so the same set of events gives the same claim in any arrival order):
  /** The last rejection (rejected or customer-declined), if any. */
  rejection: { on: IsoDate; reason: string } | null;
  /** Disputes filed (at most CLAIM_TIMERS.maxDisputes). */
  disputes: number;
  /** Associations the claim gives or gave. */
  associations: AssociationPeriod[];
  /** First day of the open association period; null when none is open. */
  approvedOn: IsoDate | null;
  /** Day the customer's opt-out window of the open period closed without a decline; null until then. */
  confirmedOn: IsoDate | null;
  /**
   * observedAt of the last association changes this claim produced. It only grows: the event's time for
   * events in order; 1 ms past the previous one when a late event corrects an association, so the
   * correction wins at the pipeline's last-writer-wins. (Depends on arrival order; nothing else does.)
   */
  associationsObservedAt: string | null;
  /** Version of the timers (CLAIM_TIMERS.version) the claim was last judged with. */
  timersVersion: string;
  /** Who submitted it (the role), when the submission said so. */
  submittedBy?: { role: string } | null;
  /** Other partners' active claims on a shared key (both claims show it; §4.2). */
  competing?: CompetingClaim[];
  /** Keys another partner's approved claim took over, and why (§4.2 arbitration). */
  supersededBy?: Supersession[];
}
