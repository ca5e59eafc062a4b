import { describe, expect, it } from 'vitest';

import { parseClaimEvent } from '../../../shared/domain/claims/schema.js';

const submission = {
  type: 'submitted',
  eventId: 'evt-1',
  occurredAt: '2026-11-02T09:00:00+01:00',
  partnerId: '4100002',
  claimId: 'c-1',
  claim: {
    tenantId: 'fab00000-2222-4a2a-a222-000000000001',
    solutionArea: 'modernWorkSecurity',
    activity: 'use-consume',
    workloads: ['Teams', 'teams', 'Exchange'],
    customerContact: { name: 'Ana', email: 'ana@customer.example' },
    proofOfExecution: 'sow-17',
  },
};

describe('claim event validation', () => {
  it('accepts a submission, normalizing the time and dropping repeated workloads', () => {
    const r = parseClaimEvent(submission);
    expect(r).toMatchObject({
      ok: true,
      event: {
        type: 'submitted',
        occurredAt: '2026-11-02T08:00:00.000Z',
        claim: { workloads: ['Teams', 'Exchange'], subscriptionId: null, partnerContact: null },
      },
    });
  });

  it('accepts a plain event and a rejection with its reason', () => {
    expect(parseClaimEvent({ type: 'approved', eventId: 'e2', occurredAt: '2026-11-04', partnerId: 'p', claimId: 'c-1' })).toMatchObject({
      ok: true,
      event: { occurredAt: '2026-11-04T00:00:00.000Z' },
    });
    expect(
      parseClaimEvent({
        type: 'rejected',
        eventId: 'e3',
        occurredAt: '2026-11-04',
        partnerId: 'p',
        claimId: 'c-1',
        reason: 'insufficient-proof',
      }),
    ).toMatchObject({ ok: true, event: { reason: 'insufficient-proof' } });
  });

  it('names the path of every problem', () => {
    const bad = {
      ...submission,
      occurredAt: 'yesterday',
      claim: { ...submission.claim, activity: 'osu', customerContact: { name: 'Ana', email: 'nope' }, subscriptionId: 'sub-1' },
    };
    const r = parseClaimEvent(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['occurredAt', 'claim.customerContact.email', 'claim.activity', 'claim.subscriptionId']));
    expect(r.errors.find((e) => e.path === 'claim.activity')?.message).toMatch(/not a modernWorkSecurity activity/);
  });

  it('Business Applications needs the subscription and its workload', () => {
    const r = parseClaimEvent({ ...submission, claim: { ...submission.claim, solutionArea: 'businessApplications', activity: 'revrec' } });
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['claim.subscriptionId', 'claim.workload', 'claim.workloads']),
    );
  });

  it("refuses unknown event types (the timer's own included), bad ids and a submission without proof of execution", () => {
    expect(parseClaimEvent({ ...submission, type: 'opt-out-window-closed' })).toMatchObject({ ok: false, errors: [{ path: 'type' }] });
    expect(parseClaimEvent({ ...submission, type: 'teleported' })).toMatchObject({ ok: false, errors: [{ path: 'type' }] });
    expect(parseClaimEvent({ ...submission, claimId: 'a/b' })).toMatchObject({ ok: false, errors: [{ path: 'claimId' }] });
    expect(parseClaimEvent({ ...submission, claim: { ...submission.claim, proofOfExecution: null } })).toMatchObject({
      ok: false,
      errors: [{ path: 'claim.proofOfExecution' }],
    });
    expect(parseClaimEvent({ ...submission, type: 'drafted', claim: { ...submission.claim, proofOfExecution: null } }).ok).toBe(true);
    expect(parseClaimEvent({ type: 'rejected', eventId: 'e3', occurredAt: '2026-11-04', partnerId: 'p', claimId: 'c-1' })).toMatchObject({
      ok: false,
      errors: [{ path: 'reason' }],
    });
  });
});
