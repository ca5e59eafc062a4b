// What a claim means for scoring: the association change events it produces.
import { describe, expect, it } from 'vitest';

import { changeEventSchema } from '../../../shared/domain/changes/events.js';
import { applyClaimEvent } from '../../../shared/domain/claims/apply.js';
import { associationChanges } from '../../../shared/domain/claims/associations.js';
import { type Claim, type ClaimEvent } from '../../../shared/domain/claims/types.js';
import { baData, ev, mwsData, PARTNER, run } from './fixtures.js';

function effectsOf(claim: Claim | null, event: ClaimEvent) {
  const r = applyClaimEvent(claim, event);
  if (!r.ok) throw new Error(r.reason);
  // Every effect is a valid change event, exactly as the pipeline will read it.
  for (const e of r.effects) expect(changeEventSchema.parse(e)).toEqual(e);
  return r;
}

const mws = () => run([ev('submitted', '2026-11-02', { claim: mwsData() }), ev('review-started', '2026-11-03')]);

describe('effects of a claim on associations', () => {
  it('no association before approval', () => {
    const created = effectsOf(null, ev('submitted', '2026-11-02', { claim: mwsData() }));
    expect(created.effects).toEqual([]);
    expect(effectsOf(created.claim, ev('review-started', '2026-11-03')).effects).toEqual([]);
  });

  it('approved → one CPOR association per claimed workload, from the approval day, open-ended', () => {
    const r = effectsOf(mws(), ev('approved', '2026-11-04T09:30:00Z'));
    const common = {
      fact: 'association',
      partnerId: PARTNER,
      tenantId: mwsData().tenantId,
      type: 'CPOR',
      cporActivity: 'use-consume',
      from: '2026-11-04',
      to: null,
      observedAt: '2026-11-04T09:30:00.000Z',
      deleted: false,
    };
    expect(r.effects).toEqual([
      { ...common, workload: 'Teams' },
      { ...common, workload: 'Exchange' },
    ]);
    expect(r.claim).toMatchObject({ approvedOn: '2026-11-04', associations: [{ from: '2026-11-04', to: null, deleted: false }] });
  });

  it("Business Applications: the subscription's workload with the claimed activity", () => {
    const r = effectsOf(run([ev('submitted', '2026-11-02', { claim: baData() })]), ev('approved', '2026-11-04'));
    expect(r.effects).toEqual([
      expect.objectContaining({ type: 'CPOR', workload: 'Business Central', cporActivity: 'osu', from: '2026-11-04', to: null }),
    ]);
  });

  it('declined inside the opt-out window (≤ 5 business days) → deletion: it never took effect', () => {
    const approved = run([ev('approved', '2026-11-04')], mws()); // Wed; last opt-out day Wed 2026-11-11
    const r = effectsOf(approved, ev('customer-declined', '2026-11-11T18:00:00Z'));
    expect(r.claim).toMatchObject({ status: 'rejected', rejection: { on: '2026-11-11', reason: 'customer-declined' }, approvedOn: null });
    expect(r.effects).toEqual(
      ['Teams', 'Exchange'].map((workload) => ({
        fact: 'association',
        partnerId: PARTNER,
        tenantId: mwsData().tenantId,
        type: 'CPOR',
        workload,
        from: '2026-11-04',
        to: null,
        cporActivity: null,
        observedAt: '2026-11-11T18:00:00.000Z',
        deleted: true,
      })),
    );
  });

  it('declined after the window → the same key ends that day', () => {
    const approved = run([ev('approved', '2026-11-04')], mws());
    const r = effectsOf(approved, ev('customer-declined', '2026-11-12'));
    expect(r.effects.map((e) => [e.workload, e.from, e.to, e.deleted])).toEqual([
      ['Teams', '2026-11-04', '2026-11-12', false],
      ['Exchange', '2026-11-04', '2026-11-12', false],
    ]);
  });

  it('partner-disassociated → ends that day (rejected final)', () => {
    const approved = run([ev('approved', '2026-11-04'), ev('opt-out-window-closed', '2026-11-12')], mws());
    const r = effectsOf(approved, ev('partner-disassociated', '2027-01-15'));
    expect(r.claim.status).toBe('rejected-final');
    expect(r.effects.every((e) => e.to === '2027-01-15' && !e.deleted && e.from === '2026-11-04')).toBe(true);
  });

  it("subscription expired → ends on the subscription's last day (or the event day when unknown)", () => {
    const approved = run([
      ev('submitted', '2026-11-02', { claim: baData({ subscriptionExpires: '2027-06-30' }) }),
      ev('approved', '2026-11-04'),
    ]);
    const r = effectsOf(approved, ev('subscription-expired', '2027-07-01'));
    expect(r.claim.status).toBe('expired');
    expect(r.effects).toEqual([expect.objectContaining({ from: '2026-11-04', to: '2027-06-30', deleted: false })]);
    const unknown = run([
      ev('submitted', '2026-11-02', { claim: baData({ subscriptionExpires: null }), claimId: 'c-1' }),
      ev('approved', '2026-11-04'),
    ]);
    expect(effectsOf(unknown, ev('subscription-expired', '2027-03-03')).effects[0]).toMatchObject({ to: '2027-03-03' });
  });

  it('a dispute upheld after a decline gives a new association from the day it is upheld', () => {
    const declined = run([ev('approved', '2026-11-04'), ev('customer-declined', '2026-11-20')], mws());
    const disputed = run([ev('disputed', '2026-11-23')], declined);
    const r = effectsOf(disputed, ev('dispute-upheld', '2026-11-27'));
    expect(r.effects.map((e) => [e.workload, e.from, e.to])).toEqual([
      ['Teams', '2026-11-27', null],
      ['Exchange', '2026-11-27', null],
    ]);
    expect(associationChanges(r.claim).map((e) => [e.from, e.to])).toEqual([
      ['2026-11-04', '2026-11-20'],
      ['2026-11-04', '2026-11-20'],
      ['2026-11-27', null],
      ['2026-11-27', null],
    ]);
  });

  it("a late approval (older than the status event) moves the association's start: the old key is deleted", () => {
    // An approval reported on 11-10 is applied; an earlier approval event (11-05) arrives afterwards.
    // The stream is not valid in order, but the claim still settles on one association.
    const approved = run([ev('approved', '2026-11-10')], mws());
    const r = effectsOf(approved, ev('approved', '2026-11-05'));
    expect(r.outcome).toBe('recorded-late');
    expect(r.claim.status).toBe('approved');
    expect(r.effects.map((e) => [e.workload, e.from, e.deleted])).toEqual([
      ['Teams', '2026-11-05', false],
      ['Exchange', '2026-11-05', false],
      ['Teams', '2026-11-10', true],
      ['Exchange', '2026-11-10', true],
    ]);
  });
});
