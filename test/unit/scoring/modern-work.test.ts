import { describe, expect, it } from 'vitest';

import { cert, customer, M, M12, m365, people, person, score } from './builders.js';

const mw = (facts: Record<string, unknown>) => score(facts).areas.modernWork;
const cpor = (from: string, workload: string | null = null) => ({ type: 'CPOR', cporActivity: 'use-consume', workload, from, to: null });

describe('Modern Work: bands and net customer adds', () => {
  it('enterprise counts tenants with more than 300 seats (301 yes, 300 no), 4 points each', () => {
    const customers = [customer('a', [m365(M, 'Teams', 301, 0, 'CPOR')]), customer('b', [m365(M, 'Teams', 300, 0, 'DPOR')])];
    const s = score({ customers }).areas.modernWork;
    expect(s.trackTotals.enterprise).toBe(4);
    expect(s.trackTotals.smb).toBe(0); // b is in the smb band, but DPOR is not an smb association
  });
  it('smb band is 11 … 300 inclusive, 2 points each, CPOR or CSP', () => {
    const customers = [
      customer('s10', [m365(M, 'Teams', 10, 0, 'CPOR')]),
      customer('s11', [m365(M, 'Teams', 11, 0, 'CSP_T1')]),
      customer('s300', [m365(M, 'Teams', 300, 0, 'CSP_T2')]),
      customer('s301', [m365(M, 'Teams', 301, 0, 'CPOR')]),
      customer('dpor', [m365(M, 'Teams', 100, 0, 'DPOR')]),
    ];
    const area = mw({ customers });
    expect(area.trackTotals.smb).toBe(4); // s11 and s300
    expect(area.trackTotals.enterprise).toBe(4); // s301
    expect(area.track).toBe('enterprise'); // tie goes to enterprise
  });
  it('the band takes the largest seats over any association, the record must come through the track’s types', () => {
    const customers = [customer('a', [m365(M, 'Exchange Online', 500, 0, 'PAL'), m365(M, 'Teams', 20, 0, 'CPOR')])];
    expect(mw({ customers }).trackTotals.enterprise).toBe(4);
  });
  it('ignores Teams Premium for net customer adds, band included', () => {
    const customers = [customer('a', [m365(M, 'Teams Premium', 500, 0, 'CPOR'), m365(M, 'Teams', 200, 0, 'CPOR')])];
    const area = mw({ customers });
    expect(area.trackTotals.enterprise).toBe(0);
    expect(area.trackTotals.smb).toBe(2); // 200 seats without Teams Premium: smb band
  });
  it('is a count difference: M against M−12', () => {
    const customers = [
      customer('a', [m365(M12, 'Teams', 400, 0, 'CPOR')]),
      customer('b', [m365(M12, 'Teams', 400, 0, 'CPOR'), m365(M, 'Teams', 400, 0, 'CPOR')]),
    ];
    expect(mw({ customers }).metrics.netCustomerAdds).toEqual({ value: -1, points: 0, maxPoints: 20 });
  });
});

describe('Modern Work: usage growth', () => {
  it('2,000 of 4,000 DPOR users is 15 points (Microsoft example)', () => {
    const customers = [customer('a', [m365(M12, 'Teams', 5000, 1000, 'DPOR'), m365(M, 'Teams', 5000, 3000, 'DPOR')])];
    expect(mw({ customers }).metrics.usageGrowth).toEqual({ value: 2000, points: 15, maxPoints: 30 });
  });
  it('takes the best group: CPOR 500 of 1,000 beats DPOR 1,000 of 4,000', () => {
    const customers = [customer('a', [m365(M, 'Teams', 400, 500, 'CPOR')]), customer('b', [m365(M, 'Teams', 400, 1000, 'DPOR')])];
    expect(mw({ customers }).metrics.usageGrowth).toEqual({ value: 500, points: 15, maxPoints: 30 });
  });
  it('counts users only for tenants in the band in that month; Teams Premium counts here', () => {
    const customers = [
      customer('a', [m365(M, 'Teams Premium', 400, 100, 'CPOR')]),
      customer('small', [m365(M, 'Teams', 200, 100, 'CPOR')]),
    ];
    const area = mw({ customers });
    expect(area.metrics.usageGrowth?.value).toBe(100);
  });
  it('uses the start month as baseline when the association began after the first day of M−12', () => {
    const usage = [m365('2026-03', 'Teams', 400, 100, 'CPOR'), m365(M12, 'Teams', 400, 50, 'CPOR'), m365(M, 'Teams', 400, 600, 'CPOR')];
    const late = customer('a', usage, { associations: [cpor('2025-10-02', 'Teams'), cpor('2026-03-15')] });
    // earliest start 2025-10-02 is after 2025-10-01: baseline = October 2025 (its start month) = 50
    expect(mw({ customers: [late] }).metrics.usageGrowth?.value).toBe(550);
    const march = customer('a', usage, { associations: [cpor('2026-03-15', 'Teams')] });
    expect(mw({ customers: [march] }).metrics.usageGrowth).toEqual({ value: 500, points: 15, maxPoints: 30 });
    const onFirst = customer('a', usage, { associations: [cpor('2025-10-01', 'Teams')] });
    expect(mw({ customers: [onFirst] }).metrics.usageGrowth?.value).toBe(550);
    // a CPOR association naming a non-Modern Work workload does not start the group
    const other = customer('a', usage, { associations: [cpor('2026-03-15', 'Teams'), cpor('2020-01-01', 'Business Central')] });
    expect(mw({ customers: [other] }).metrics.usageGrowth?.value).toBe(500);
  });
  it('a tenant’s loss counts against the group', () => {
    const customers = [
      customer('a', [m365(M12, 'Teams', 400, 300, 'CPOR'), m365(M, 'Teams', 400, 100, 'CPOR')]),
      customer('b', [m365(M, 'Teams', 400, 250, 'CPOR')]),
    ];
    expect(mw({ customers }).metrics.usageGrowth).toEqual({ value: 50, points: 1.5, maxPoints: 30 });
  });
});

describe('Modern Work: deployments', () => {
  it('needs active / paid ≥ 0.40 exactly (160 of 400 yes, 159 no); CPOR 5 points each', () => {
    const customers = [customer('a', [m365(M, 'Teams', 400, 160, 'CPOR')]), customer('b', [m365(M, 'Teams', 400, 159, 'CPOR')])];
    expect(mw({ customers }).metrics.deployments).toEqual({ value: 1, points: 5, maxPoints: 25 });
  });
  it('sums users and seats over the group’s records', () => {
    const customers = [customer('a', [m365(M, 'Teams', 400, 100, 'CPOR'), m365(M, 'Exchange Online', 400, 220, 'CPOR')])];
    expect(mw({ customers }).metrics.deployments?.value).toBe(1); // 320 / 800 = 0.40
  });
  it('DPOR deployments are 2.5 points each; best group, equal points go to the group listed first', () => {
    const dpor = ['a', 'b'].map((t) => customer(t, [m365(M, 'Teams', 400, 400, 'DPOR')]));
    expect(mw({ customers: dpor }).metrics.deployments).toEqual({ value: 2, points: 5, maxPoints: 25 });
    const tie = [...dpor, customer('c', [m365(M, 'Teams', 400, 400, 'CPOR')])];
    expect(mw({ customers: tie }).metrics.deployments).toEqual({ value: 1, points: 5, maxPoints: 25 });
  });
  it('leaves out tenants whose association started within TTM(M) already at 0.40', () => {
    const usage = [m365('2026-03', 'Teams', 400, 200, 'CPOR'), m365(M, 'Teams', 400, 300, 'CPOR')];
    const already = customer('a', usage, { associations: [cpor('2026-03-10', 'Teams')] });
    expect(mw({ customers: [already] }).metrics.deployments?.value).toBe(0);
    const grown = customer('a', [m365('2026-03', 'Teams', 400, 100, 'CPOR'), m365(M, 'Teams', 400, 300, 'CPOR')], {
      associations: [cpor('2026-03-10', 'Teams')],
    });
    expect(mw({ customers: [grown] }).metrics.deployments?.value).toBe(1);
    const older = customer('a', usage, { associations: [cpor('2025-10-31', 'Teams')] }); // before TTM(M)
    expect(mw({ customers: [older] }).metrics.deployments?.value).toBe(1);
  });
});

describe('Modern Work: skilling, tracks and qualification', () => {
  it('enterprise 2.5 / 7.5 per person, smb 5 / 15', () => {
    const ppl = [...people('i', 2, 'Teams Administrator Associate'), person('x', [cert('Microsoft 365 Enterprise Administrator Expert')])];
    const area = mw({ people: ppl });
    // enterprise 5 + 7.5 = 12.5; smb 10 + 15 = 25: smb wins
    expect(area.trackTotals).toEqual({ enterprise: 12.5, smb: 25 });
    expect(area.track).toBe('smb');
    expect(area.metrics.advancedCertifications).toEqual({ value: 1, points: 15, maxPoints: 15 });
  });
  it('counts Microsoft 365 Fundamentals through 2027-03-31 (retired 2026-03-31), not after', () => {
    const ppl = [person('x', [cert('Microsoft 365 Fundamentals', '2026-01-10')])];
    expect(score({ people: ppl }, { asOf: '2027-03-31' }).areas.modernWork.metrics.intermediateCertifications?.value).toBe(1);
    expect(score({ people: ppl }, { asOf: '2027-04-01' }).areas.modernWork.metrics.intermediateCertifications?.value).toBe(0);
    const lateEarner = [person('x', [cert('Microsoft 365 Fundamentals', '2026-03-31')])];
    expect(score({ people: lateEarner }, { asOf: '2026-06-01' }).areas.modernWork.metrics.intermediateCertifications?.value).toBe(0);
  });
  it('qualifies at exactly 70 with every metric above 0', () => {
    const tenants = (march: number) =>
      ['a', 'b', 'c', 'd', 'e'].map((t) =>
        customer(t, [m365('2026-02', 'Teams', 400, march, 'CPOR'), m365(M, 'Teams', 400, 160, 'CPOR')], {
          associations: [cpor('2026-02-01', 'Teams')],
        }),
      );
    const ppl = [
      ...people('i', 4, 'Endpoint Administrator Associate'),
      ...people('a', 1, 'Teams Meetings and Meeting Rooms Technical Assessment'),
    ];
    // 20 + 10 + 7.5 + 250/1000 × 30 = 7.5 + 25 = 70
    const exact = mw({ customers: tenants(110), people: ppl });
    expect(exact.track).toBe('enterprise');
    expect(exact.total).toBe(70);
    expect(exact.qualifiesToday).toBe(true);
    const short = mw({ customers: tenants(111), people: ppl });
    expect(short.total).toBeCloseTo(69.85, 10);
    expect(short.qualifiesToday).toBe(false);
  });
});
