// The claim lifecycle as data (pcs-rules.md §4.2): for each event, the statuses it may come from and
// the status it leads to. Every event has ONE target status, whatever it came from — which is what
// lets an out-of-order stream settle on the same claim as the ordered one (see apply.ts).
//
//   drafted ─► draft ─submitted─► submitted ─review-started─► under-review ◄─partner-responded─┐
//                                      │  └─────────────action-required──────► partner-action-required
//                                      ├─approved──► approved ─customer-declined─► rejected   (timer: 14 business days → rejected)
//                                      └─rejected──► rejected ─disputed (once, ≤ 30 days)─► dispute
//   dispute ─dispute-upheld─► approved;  dispute ─dispute-denied─► rejected-final
//   approved ─partner-disassociated─► rejected-final;  approved ─subscription-expired (BA)─► expired
//   approved ─opt-out-window-closed (timer)─► approved (confirmed)
//
// An event allowed from several statuses can be applied before events that precede it in time (e.g. a
// second customer-declined, allowed from the first approval, before the dispute cycle that led to the
// second approval has arrived). Those then arrive "late" and are recorded; the associations are derived
// from the whole history, and their corrections are sent with a newer observedAt (apply.ts), so the
// claim and the stored associations still settle (property test in test/unit/claims/order.test.ts).
import type { ClaimEventType, ClaimStatus } from './types.js';

export interface ClaimTransition {
  /** Statuses the event may come from. Empty for `drafted`: it only creates a claim. */
  from: readonly ClaimStatus[];
  to: ClaimStatus;
  /** The event may create the claim (with its data). */
  creates: boolean;
}

export const CLAIM_TRANSITIONS: Readonly<Record<ClaimEventType, ClaimTransition>> = {
  drafted: { from: [], to: 'draft', creates: true },
  submitted: { from: ['draft'], to: 'submitted', creates: true },
  'review-started': { from: ['submitted'], to: 'under-review', creates: false },
  'action-required': { from: ['submitted', 'under-review'], to: 'partner-action-required', creates: false },
  'partner-responded': { from: ['partner-action-required'], to: 'under-review', creates: false },
  approved: { from: ['submitted', 'under-review'], to: 'approved', creates: false },
  rejected: { from: ['submitted', 'under-review', 'partner-action-required'], to: 'rejected', creates: false },
  disputed: { from: ['rejected'], to: 'dispute', creates: false },
  'dispute-upheld': { from: ['dispute'], to: 'approved', creates: false },
  'dispute-denied': { from: ['dispute'], to: 'rejected-final', creates: false },
  'customer-declined': { from: ['approved'], to: 'rejected', creates: false },
  'partner-disassociated': { from: ['approved'], to: 'rejected-final', creates: false },
  'subscription-expired': { from: ['approved'], to: 'expired', creates: false },
  'opt-out-window-closed': { from: ['approved'], to: 'approved', creates: false },
  // New proof of execution or contacts: editable only in Partner action required (§4.2); no status change.
  edited: { from: ['partner-action-required'], to: 'partner-action-required', creates: false },
};

/** Events that open an association period (the claim is approved from then on). */
export const OPENING_EVENTS: readonly ClaimEventType[] = ['approved', 'dispute-upheld'];
/** Events that end an open association period. */
export const CLOSING_EVENTS: readonly ClaimEventType[] = [
  'customer-declined',
  'partner-disassociated',
  'subscription-expired',
  'dispute-denied',
  'rejected',
];

export function isAllowedFrom(type: ClaimEventType, status: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[type].from.includes(status);
}
