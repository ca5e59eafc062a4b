import { describe, expect, it } from 'vitest';

import { applyClaimEvent } from '../../../shared/domain/claims/apply.js';
import { claimDeadlines, dueDeadlines } from '../../../shared/domain/claims/deadlines.js';
import { NO_PARTNER_RESPONSE } from '../../../shared/domain/claims/types.js';
import { baData, ev, mwsData, run } from './fixtures.js';

const submitted = () => run([ev('submitted', '2026-11-02', { claim: mwsData() })]); // Monday

describe('deadlines', () => {
  it('submitted: Microsoft reviews within 5 business days (informational)', () => {
    expect(claimDeadlines(submitted(), '2026-11-09')).toEqual([
      expect.objectContaining({
        kind: 'review',
        lastDay: '2026-11-09',
        passed: false,
        action: null,
        source: expect.stringMatching(/§4\.2/),
      }),
    ]);
    expect(claimDeadlines(submitted(), '2026-11-10')[0]).toMatchObject({ passed: true });
    expect(dueDeadlines(submitted(), '2026-12-31')).toEqual([]);
  });

  it('partner action required: 14 business days, then rejected with no-partner-response', () => {
    const par = run([ev('action-required', '2026-11-27')], submitted()); // Friday
    const [deadline] = claimDeadlines(par, '2026-12-17');
    expect(deadline).toMatchObject({ kind: 'partner-action', lastDay: '2026-12-17', passed: false }); // across a month end
    expect(dueDeadlines(par, '2026-12-17')).toEqual([]);
    const due = dueDeadlines(par, '2026-12-18');
    expect(due).toEqual([
      expect.objectContaining({ type: 'rejected', reason: NO_PARTNER_RESPONSE, occurredAt: '2026-12-18T00:00:00.000Z', claimId: 'c-1' }),
    ]);
    const r = applyClaimEvent(par, due[0]!);
    expect(r).toMatchObject({ ok: true, claim: { status: 'rejected', rejection: { on: '2026-12-18', reason: NO_PARTNER_RESPONSE } } });
    // Same day, same claim → same event id (a second timer run is a duplicate).
    expect(dueDeadlines(par, '2026-12-20')[0]!.eventId).toBe(due[0]!.eventId);
    if (r.ok) expect(applyClaimEvent(r.claim, due[0]!)).toMatchObject({ ok: true, outcome: 'duplicate' });
  });

  it('§4.2 (issue 13): a partner answer after the 14th business day is refused even before the timer ran; the timer then rejects', () => {
    const par = run([ev('action-required', '2026-11-27')], submitted()); // last day 2026-12-17
    const late = applyClaimEvent(par, ev('partner-responded', '2026-12-18T08:00:00Z'));
    expect(late).toMatchObject({
      ok: false,
      code: 'not-allowed',
      status: 'partner-action-required',
      deadline: { kind: 'partner-action', lastDay: '2026-12-17' },
    });
    if (!late.ok) expect(late.reason).toMatch(/due by 2026-12-17/);
    expect(run([ev('partner-responded', '2026-12-17T23:00:00Z')], par).status).toBe('under-review');
    expect(dueDeadlines(par, '2026-12-19')).toEqual([expect.objectContaining({ type: 'rejected', reason: 'no-partner-response' })]);
  });

  it('approved: the opt-out window (5 business days), then confirmed', () => {
    const approved = run([ev('approved', '2026-11-06')], submitted()); // Friday
    expect(claimDeadlines(approved, '2026-11-13')).toEqual([
      expect.objectContaining({ kind: 'opt-out', lastDay: '2026-11-13', passed: false }),
    ]);
    const due = dueDeadlines(approved, '2026-11-14');
    expect(due).toEqual([expect.objectContaining({ type: 'opt-out-window-closed', occurredAt: '2026-11-14T00:00:00.000Z' })]);
    const r = applyClaimEvent(approved, due[0]!);
    expect(r).toMatchObject({ ok: true, effects: [], claim: { status: 'approved', confirmedOn: '2026-11-14' } });
    if (r.ok) expect(dueDeadlines(r.claim, '2026-12-01')).toEqual([]);
  });

  it("Business Applications: the subscription's end is a deadline that ends the association", () => {
    const approved = run([
      ev('submitted', '2026-11-02', { claim: baData({ subscriptionExpires: '2027-06-30' }) }),
      ev('approved', '2026-11-04'),
      ev('opt-out-window-closed', '2026-11-12'),
    ]);
    expect(claimDeadlines(approved, '2027-06-30')).toEqual([
      expect.objectContaining({ kind: 'subscription', lastDay: '2027-06-30', passed: false }),
    ]);
    const [expiry] = dueDeadlines(approved, '2027-07-01');
    expect(expiry).toMatchObject({ type: 'subscription-expired' });
    const r = applyClaimEvent(approved, expiry!);
    expect(r).toMatchObject({ ok: true, claim: { status: 'expired' }, effects: [expect.objectContaining({ to: '2027-06-30' })] });
  });

  it('rejected: a dispute is possible for 30 days (informational); dispute: an answer in ~5 working days', () => {
    const rejected = run([ev('rejected', '2026-11-04')], submitted());
    expect(claimDeadlines(rejected, '2026-12-04')).toEqual([
      expect.objectContaining({ kind: 'dispute-window', lastDay: '2026-12-04', passed: false, action: null }),
    ]);
    expect(claimDeadlines(rejected, '2026-12-05')[0]).toMatchObject({ passed: true });
    const dispute = run([ev('disputed', '2026-11-05')], rejected);
    expect(claimDeadlines(dispute, '2026-11-05')).toEqual([expect.objectContaining({ kind: 'dispute-answer', lastDay: '2026-11-12' })]);
    expect(dueDeadlines(dispute, '2027-01-01')).toEqual([]);
  });

  it('terminal claims have no deadlines', () => {
    const final = run([ev('approved', '2026-11-04'), ev('partner-disassociated', '2026-12-01')], submitted());
    expect(claimDeadlines(final, '2027-01-01')).toEqual([]);
  });
});
