import { describe, expect, it } from 'vitest';

import { claimKeys, findConflict } from '../../../shared/domain/claims/uniqueness.js';
import { baData, ev, mwsData, PARTNER, run } from './fixtures.js';

const claim = (claimId: string, data = mwsData(), more: Parameters<typeof run>[0] = []) =>
  run([ev('submitted', '2026-11-02', { claimId, claim: data }), ...more.map((e) => ({ ...e, claimId }))]);

describe('uniqueness: one partner per tenant + workload (MW&S) / subscription (BA)', () => {
  it('keys compare names case-insensitively', () => {
    expect(claimKeys(mwsData({ workloads: ['Teams'], tenantId: 'T-1' }))).toEqual(['mws|t-1|teams']);
    expect(claimKeys(baData({ subscriptionId: 'SUB-1' }))).toEqual(['ba|sub-1']);
  });

  it('refuses a second active claim for an overlapping workload of the same tenant, naming the claim', () => {
    const existing = claim('c-1', mwsData({ workloads: ['Teams', 'Exchange'] }));
    const candidate = { claimId: 'c-2', partnerId: PARTNER, ...mwsData({ workloads: [' teams ', 'SharePoint'] }) };
    const conflict = findConflict(candidate, [existing]);
    expect(conflict).toMatchObject({ claimId: 'c-1', status: 'submitted' });
    expect(conflict?.reason).toMatch(/already has claim c-1 \(submitted\) for tenant .*workload teams/);
  });

  it('allows other workloads, other tenants, the claim itself, and claims no longer active', () => {
    const existing = claim('c-1', mwsData({ workloads: ['Teams'] }));
    expect(findConflict({ claimId: 'c-2', partnerId: PARTNER, ...mwsData({ workloads: ['Exchange'] }) }, [existing])).toBeNull();
    expect(
      findConflict({ claimId: 'c-2', partnerId: PARTNER, ...mwsData({ workloads: ['Teams'], tenantId: 'other' }) }, [existing]),
    ).toBeNull();
    expect(findConflict({ claimId: 'c-1', partnerId: PARTNER, ...mwsData() }, [existing])).toBeNull();
    const rejected = claim('c-3', mwsData({ workloads: ['Teams'] }), [ev('rejected', '2026-11-04')]);
    expect(findConflict({ claimId: 'c-2', partnerId: PARTNER, ...mwsData({ workloads: ['Teams'] }) }, [rejected])).toBeNull();
    // Disputing the rejected claim makes it active again.
    const disputed = claim('c-3', mwsData({ workloads: ['Teams'] }), [ev('rejected', '2026-11-04'), ev('disputed', '2026-11-05')]);
    expect(findConflict({ claimId: 'c-2', partnerId: PARTNER, ...mwsData({ workloads: ['Teams'] }) }, [disputed])).toMatchObject({
      claimId: 'c-3',
    });
  });

  it('Business Applications: one claim per subscription, whatever the workload', () => {
    const existing = claim('c-1', baData({ subscriptionId: 'sub-1', workload: 'Business Central' }), [ev('approved', '2026-11-04')]);
    expect(
      findConflict({ claimId: 'c-2', partnerId: PARTNER, ...baData({ subscriptionId: 'SUB-1', workload: 'Sales', activity: 'revrec' }) }, [
        existing,
      ]),
    ).toMatchObject({ claimId: 'c-1', status: 'approved' });
    expect(findConflict({ claimId: 'c-2', partnerId: PARTNER, ...baData({ subscriptionId: 'sub-2' }) }, [existing])).toBeNull();
  });
});
