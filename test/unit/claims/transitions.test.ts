// The transition table, every cell: for each status and each event, allowed (→ its target) or refused
// with a reason naming the status.
import { describe, expect, it } from 'vitest';

import { applyClaimEvent } from '../../../shared/domain/claims/apply.js';
import { CLAIM_TRANSITIONS } from '../../../shared/domain/claims/transitions.js';
import {
  type Claim,
  CLAIM_EVENT_TYPES,
  CLAIM_STATUSES,
  type ClaimEvent,
  type ClaimEventType,
  type ClaimStatus,
} from '../../../shared/domain/claims/types.js';
import { baData, ev, mwsData, run } from './fixtures.js';

/** A Business Applications claim brought to each status along a real path (days in Nov 2026). */
function claimIn(status: ClaimStatus): Claim {
  const submitted = ev('submitted', '2026-11-02', { claim: baData() });
  const paths: Record<ClaimStatus, ClaimEvent[]> = {
    draft: [ev('drafted', '2026-11-02', { claim: baData() })],
    submitted: [submitted],
    'under-review': [submitted, ev('review-started', '2026-11-03')],
    'partner-action-required': [submitted, ev('review-started', '2026-11-03'), ev('action-required', '2026-11-04')],
    approved: [submitted, ev('approved', '2026-11-04')],
    rejected: [submitted, ev('rejected', '2026-11-04')],
    dispute: [submitted, ev('rejected', '2026-11-04'), ev('disputed', '2026-11-05')],
    'rejected-final': [submitted, ev('rejected', '2026-11-04'), ev('disputed', '2026-11-05'), ev('dispute-denied', '2026-11-06')],
    expired: [submitted, ev('approved', '2026-11-04'), ev('subscription-expired', '2026-11-06')],
  };
  const claim = run(paths[status]);
  expect(claim.status).toBe(status);
  return claim;
}

// Late enough for the opt-out window (approved 2026-11-04 + 5 business days = 2026-11-11), early enough
// for the dispute window (rejected 2026-11-04 + 30 days).
const AT = '2026-11-20';
const table = CLAIM_STATUSES.flatMap((status) => CLAIM_EVENT_TYPES.map((type) => [status, type] as [ClaimStatus, ClaimEventType]));

describe('transition table', () => {
  it.each(table)('from %s, event %s', (status, type) => {
    const claim = claimIn(status);
    const event = ev(type, AT, type === 'submitted' || type === 'drafted' ? { claim: baData() } : {});
    const result = applyClaimEvent(claim, event);
    const allowed = CLAIM_TRANSITIONS[type].from.includes(status);
    if (allowed) {
      expect(result).toMatchObject({ ok: true, outcome: 'applied' });
      if (result.ok) {
        expect(result.claim.status).toBe(CLAIM_TRANSITIONS[type].to);
        expect(result.claim.statusEventId).toBe(event.eventId);
        expect(result.claim.history.at(-1)?.eventId).toBe(event.eventId);
      }
    } else {
      expect(result).toMatchObject({ ok: false, code: 'not-allowed', status });
      if (!result.ok) expect(result.reason).toContain(status);
    }
  });

  it('every status but the terminal ones has a way out, and every event a way in', () => {
    const reachable = new Set(Object.values(CLAIM_TRANSITIONS).map((t) => t.to));
    for (const s of CLAIM_STATUSES) expect(reachable.has(s), s).toBe(true);
    const leaving = new Set(Object.values(CLAIM_TRANSITIONS).flatMap((t) => t.from));
    expect(CLAIM_STATUSES.filter((s) => !leaving.has(s))).toEqual(['rejected-final', 'expired']);
  });

  it('creates a claim only from drafted / submitted with the claim data', () => {
    expect(applyClaimEvent(null, ev('submitted', AT, { claim: mwsData() }))).toMatchObject({
      ok: true,
      outcome: 'created',
      claim: { status: 'submitted' },
    });
    expect(applyClaimEvent(null, ev('drafted', AT, { claim: mwsData({ proofOfExecution: null }) }))).toMatchObject({
      ok: true,
      outcome: 'created',
      claim: { status: 'draft' },
    });
    expect(applyClaimEvent(null, ev('submitted', AT))).toMatchObject({ ok: false, code: 'unknown-claim', status: null });
    expect(applyClaimEvent(null, ev('approved', AT))).toMatchObject({ ok: false, code: 'unknown-claim' });
    expect(applyClaimEvent(null, ev('submitted', AT, { claim: mwsData({ proofOfExecution: null }) }))).toMatchObject({
      ok: false,
      code: 'not-allowed',
    });
  });

  describe('guards beyond the status', () => {
    it('a draft is submitted only with its proof of execution; the submission may bring it', () => {
      const draft = run([ev('drafted', '2026-11-02', { claim: mwsData({ proofOfExecution: null }) })]);
      expect(applyClaimEvent(draft, ev('submitted', AT))).toMatchObject({ ok: false, reason: expect.stringMatching(/proof of execution/) });
      const r = applyClaimEvent(draft, ev('submitted', AT, { claim: mwsData({ proofOfExecution: 'sow-9' }) }));
      expect(r).toMatchObject({ ok: true, claim: { status: 'submitted', proofOfExecution: 'sow-9' } });
    });

    it('one dispute, within 30 days of the rejection', () => {
      const rejected = claimIn('rejected'); // rejected 2026-11-04
      expect(applyClaimEvent(rejected, ev('disputed', '2026-12-04'))).toMatchObject({
        ok: true,
        claim: { status: 'dispute', disputes: 1 },
      });
      expect(applyClaimEvent(rejected, ev('disputed', '2026-12-05'))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/within 30 days.*last day 2026-12-04/),
      });
      // Upheld, then declined by the customer, then disputed again: refused.
      const again = run([ev('dispute-upheld', '2026-11-10'), ev('customer-declined', '2026-11-30')], claimIn('dispute'));
      expect(again.status).toBe('rejected');
      expect(applyClaimEvent(again, ev('disputed', '2026-12-01'))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/already disputed/),
      });
    });

    it('only Business Applications claims expire with their subscription', () => {
      const mws = run([ev('submitted', '2026-11-02', { claim: mwsData() }), ev('approved', '2026-11-04')]);
      expect(applyClaimEvent(mws, ev('subscription-expired', AT))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/Business Applications/),
      });
    });

    it('the opt-out window closes only after its last day, and once', () => {
      const approved = claimIn('approved'); // approved Wed 2026-11-04, last opt-out day Wed 2026-11-11
      expect(applyClaimEvent(approved, ev('opt-out-window-closed', '2026-11-11T23:00:00Z'))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/open until 2026-11-11/),
      });
      const closed = run([ev('opt-out-window-closed', '2026-11-12')], approved);
      expect(closed).toMatchObject({ status: 'approved', confirmedOn: '2026-11-12' });
      expect(applyClaimEvent(closed, ev('opt-out-window-closed', '2026-11-13'))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/already closed/),
      });
    });
  });
});
