// Builders for claim events in unit tests.
import { applyClaimEvent } from '../../../shared/domain/claims/apply.js';
import { type Claim, type ClaimData, type ClaimEvent, type ClaimEventType } from '../../../shared/domain/claims/types.js';

export const PARTNER = '4100002';

export const mwsData = (over: Partial<ClaimData> = {}): ClaimData => ({
  tenantId: 'fab00000-2222-4a2a-a222-000000000001',
  solutionArea: 'modernWorkSecurity',
  activity: 'use-consume',
  workloads: ['Teams', 'Exchange'],
  subscriptionId: null,
  workload: null,
  subscriptionExpires: null,
  customerContact: { name: 'Ana Customer', email: 'ana@customer.example' },
  partnerContact: null,
  name: 'Fabrikam Teams rollout',
  proofOfExecution: 'sow-2026-017',
  ...over,
});

export const baData = (over: Partial<ClaimData> = {}): ClaimData => ({
  tenantId: '0b0b0000-3333-4b3b-b333-000000000001',
  solutionArea: 'businessApplications',
  activity: 'osu',
  workloads: [],
  subscriptionId: 'sub-0001',
  workload: 'Business Central',
  subscriptionExpires: '2027-06-30',
  customerContact: { name: 'Bo Customer', email: 'bo@customer.example' },
  partnerContact: null,
  name: null,
  proofOfExecution: 'poe-77',
  ...over,
});

let counter = 0;
/** An event at `at` (a date = midnight UTC, or a full timestamp). */
export function ev(type: ClaimEventType, at: string, extra: Partial<ClaimEvent> = {}): ClaimEvent {
  const occurredAt = at.length === 10 ? `${at}T00:00:00.000Z` : new Date(at).toISOString();
  const event: ClaimEvent = { eventId: `e-${type}-${++counter}`, type, occurredAt, partnerId: PARTNER, claimId: 'c-1', ...extra };
  if (type === 'rejected' && event.reason === undefined) event.reason = 'insufficient-proof';
  return event;
}

/** Applies events in order; throws on a refusal. */
export function run(events: readonly ClaimEvent[], start: Claim | null = null): Claim {
  let claim = start;
  for (const e of events) {
    const r = applyClaimEvent(claim, e);
    if (!r.ok) throw new Error(`${e.type} at ${e.occurredAt} refused: ${r.reason}`);
    claim = r.claim;
  }
  if (!claim) throw new Error('no events');
  return claim;
}
