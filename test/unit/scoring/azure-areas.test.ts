import { describe, expect, it } from 'vitest';

import { AS_OF, azure, cert, customer, M, M1, M12, M13, people, person, score } from './builders.js';

const dai = (facts: Record<string, unknown>, asOf?: string) => score(facts, asOf ? { asOf } : {}).areas.dataAi;

describe('Azure areas: track', () => {
  it('is smb at exactly 80 % smb tenants among those with ACR in M', () => {
    const customers = [
      ...['a', 'b', 'c', 'd'].map((t) => customer(t, [azure(M, 'Storage', 10)], { segment: 'smb' })),
      customer('e', [azure(M, 'Storage', 10)]),
      customer('idle', [azure(M1, 'Storage', 10)]), // no ACR in M: not part of the share
    ];
    expect(dai({ customers }).track).toBe('smb');
  });
  it('is enterprise below 80 % (3 of 4) and with no active tenants', () => {
    const customers = [
      ...['a', 'b', 'c'].map((t) => customer(t, [azure(M, 'Storage', 10)], { segment: 'smb' })),
      customer('e', [azure(M, 'Storage', 10)]),
    ];
    expect(dai({ customers }).track).toBe('enterprise');
    expect(dai({}).track).toBe('enterprise');
  });
  it('uses the frozen enrollment track when enrolled in an Azure area, for all three areas', () => {
    const customers = [customer('a', [azure(M, 'Storage', 10)], { segment: 'smb' })];
    const s = score({ customers, enrollment: { anniversary: '2026-03-01', areas: ['infrastructure'], azureTrack: 'enterprise' } });
    expect([s.areas.dataAi.track, s.areas.infrastructure.track, s.areas.digitalAppInnovation.track]).toEqual([
      'enterprise',
      'enterprise',
      'enterprise',
    ]);
    // enrolled elsewhere only: the track is classified
    const other = score({ customers, enrollment: { anniversary: '2026-03-01', areas: ['modernWork'], azureTrack: 'enterprise' } });
    expect(other.areas.dataAi.track).toBe('smb');
  });
});

describe('Azure areas: net customer adds', () => {
  it('counts tenants at the floor in M or M−1 against M−12 or M−13 (enterprise 1,000)', () => {
    const customers = [
      customer('at-floor', [azure(M, 'Storage', 1000)]),
      customer('below', [azure(M, 'Storage', 999.99)]),
      customer('last-month', [azure(M1, 'Storage', 1500)]),
      customer('split', [azure(M, 'Storage', 600), azure(M, 'SQL Database', 400)]), // 1,000 summed
      customer('old', [azure(M13, 'Storage', 2000)]),
    ];
    // S(M) = {at-floor, last-month, split}; S(M−12) = {old} (M−13 counts for M−12)
    const metric = dai({ customers }).metrics.netCustomerAdds;
    expect(metric).toEqual({ value: 2, points: 20, maxPoints: 30 });
  });
  it('is a count difference and never negative in points', () => {
    const customers = [customer('gone', [azure(M12, 'Storage', 5000)])];
    expect(dai({ customers }).metrics.netCustomerAdds).toEqual({ value: -1, points: 0, maxPoints: 30 });
  });
  it('uses the smb floor of 500 on the smb track', () => {
    const customers = [
      customer('a', [azure(M, 'Storage', 500)], { segment: 'smb' }),
      customer('b', [azure(M, 'Storage', 499.99)], { segment: 'smb' }),
    ];
    const area = dai({ customers });
    expect(area.track).toBe('smb');
    expect(area.metrics.netCustomerAdds?.value).toBe(1);
    expect(area.metrics.netCustomerAdds?.points).toBe(10);
  });
  it('rounds each record to cents before summing', () => {
    const customers = [customer('a', [azure(M, 'Storage', 999.995), azure(M, 'Storage', 0.004)])];
    // 999.995 → 1,000.00 (half away from zero), 0.004 → 0.00
    expect(dai({ customers }).metrics.netCustomerAdds?.value).toBe(1);
  });
});

describe('Azure areas: eligibility of records', () => {
  it('leaves out non-standard offers, CPOR records and non-commercial clouds', () => {
    const customers = [
      customer('trial', [azure(M, 'Storage', 5000, 'PAL', { offer: 'trial' })]),
      customer('cpor', [azure(M, 'Storage', 5000, 'CPOR')]),
      customer('gov', [azure(M, 'Storage', 5000)], { cloud: 'government' }),
      customer('ok', [azure(M, 'Storage', 5000, 'DPOR')]),
    ];
    expect(dai({ customers }).metrics.netCustomerAdds?.value).toBe(1);
  });
  it('counts a record only while an association of its type is active during its month', () => {
    const endsOnFirst = { type: 'PAL', from: '2024-01-01', to: '2026-10-01' }; // active in October
    const endedBefore = { type: 'PAL', from: '2024-01-01', to: '2026-09-30' };
    const startsLast = { type: 'PAL', from: '2026-10-31', to: null };
    const customers = [
      customer('a', [azure(M, 'Storage', 5000)], { associations: [endsOnFirst] }),
      customer('b', [azure(M, 'Storage', 5000)], { associations: [endedBefore] }),
      customer('c', [azure(M, 'Storage', 5000)], { associations: [startsLast] }),
      customer('d', [azure(M, 'Storage', 5000)], { associations: [] }), // empty list: nothing attributed
      customer('e', [azure(M, 'Storage', 5000, 'CSP_T1')], { associations: [startsLast] }), // wrong type
    ];
    expect(dai({ customers }).metrics.netCustomerAdds?.value).toBe(2);
  });
});

describe('Azure areas: usage growth', () => {
  const history = (cur: number, base: number) => [customer('a', [azure(M, 'Storage', cur), azure(M12, 'Storage', base)])];
  it('is 1 point per % growth of M over M−12, capped at 20', () => {
    expect(dai({ customers: history(1100, 1000) }).metrics.usageGrowth).toEqual({ value: 10, points: 10, maxPoints: 20 });
    expect(dai({ customers: history(2000, 1000) }).metrics.usageGrowth).toEqual({ value: 100, points: 20, maxPoints: 20 });
    expect(dai({ customers: history(900, 1000) }).metrics.usageGrowth).toEqual({ value: -10, points: 0, maxPoints: 20 });
  });
  it('gives 0 points when TTM(M) ACR is below 1,000 (exactly 1,000 is enough)', () => {
    // TTM(M) holds only month M here (M−12 is outside it)
    expect(dai({ customers: history(999.99, 500) }).metrics.usageGrowth?.points).toBe(0);
    expect(dai({ customers: history(1000, 500) }).metrics.usageGrowth?.points).toBe(20);
  });
  it('gives full points with a zero base and growth, value null', () => {
    expect(dai({ customers: history(1000, 0) }).metrics.usageGrowth).toEqual({ value: null, points: 20, maxPoints: 20 });
    expect(dai({ customers: [customer('a', [azure(M1, 'Storage', 1000)])] }).metrics.usageGrowth).toEqual({
      value: null,
      points: 0,
      maxPoints: 20,
    });
  });
});

describe('Azure areas: deployments', () => {
  it('counts distinct services with TTM ACR > 0, without Virtual Machines, names case-insensitive', () => {
    const customers = [
      customer('a', [
        azure(M, 'Key Vault', 1),
        azure('2026-01', ' key vault ', 1),
        azure(M, 'Virtual Machines', 100),
        azure(M, 'virtual machines licenses', 100),
        azure(M, 'Storage', 5),
        azure(M1, 'Storage', -5), // credited back to 0: not a deployment
        azure(M12, 'Functions', 50), // outside TTM(M)
        azure('2025-11', 'Cosmos DB', 1),
      ]),
      customer('b', [azure(M, 'Cosmos DB', 1)]),
    ];
    expect(dai({ customers }).metrics.deployments).toEqual({ value: 2, points: 4, maxPoints: 10 });
  });
});

describe('Azure skilling (step-gated)', () => {
  const admin = 'Azure Administrator Associate';
  const architect = 'Azure Solutions Architect Expert';
  const dba = 'Azure Database Administrator Associate';
  const enterprise = { anniversary: '2026-01-01', areas: ['dataAi'], azureTrack: 'enterprise' };
  const smb = { anniversary: '2026-01-01', areas: ['dataAi'], azureTrack: 'smb' };

  it('enterprise: gates need two people each and earn nothing; final people 4 each', () => {
    const full = [...people('a', 2, admin), ...people('s', 2, architect), ...people('f', 3, dba)];
    expect(dai({ enrollment: enterprise, people: full }).metrics.intermediateCertifications).toEqual({
      value: 3,
      points: 12,
      maxPoints: 40,
    });
    const oneAdmin = [...people('a', 1, admin), ...people('s', 2, architect), ...people('f', 3, dba)];
    expect(dai({ enrollment: enterprise, people: oneAdmin }).metrics.intermediateCertifications).toEqual({
      value: 3,
      points: 0,
      maxPoints: 40,
    });
  });
  it('smb: step 1 only gives 4 points (Microsoft example)', () => {
    const p = [...people('a', 1, admin), ...people('f', 3, dba)];
    expect(dai({ enrollment: smb, people: p }).metrics.intermediateCertifications?.points).toBe(4);
  });
  it('smb: 4 + 4 per gate and 4 per final person, capped at 40', () => {
    const p = [...people('a', 1, admin), ...people('s', 1, architect), ...people('f', 8, dba)];
    expect(dai({ enrollment: smb, people: p }).metrics.intermediateCertifications?.points).toBe(40);
    const more = [...p, ...people('g', 3, dba)];
    expect(dai({ enrollment: smb, people: more }).metrics.intermediateCertifications).toEqual({ value: 11, points: 40, maxPoints: 40 });
    const two = [...people('a', 1, admin), ...people('s', 1, architect), ...people('f', 2, dba)];
    expect(dai({ enrollment: smb, people: two }).metrics.intermediateCertifications?.points).toBe(16);
  });
  it('a person counts once per step but may count in several steps', () => {
    const both = person('x', [cert(admin), cert(architect), cert(dba), cert('Fabric Data Engineer Associate')]);
    expect(dai({ enrollment: smb, people: [both] }).metrics.intermediateCertifications).toEqual({ value: 1, points: 12, maxPoints: 40 });
  });
  it('Infrastructure and Digital & App Innovation have intermediate and advanced step-gated metrics', () => {
    const p = [
      ...people('a', 1, admin),
      ...people('n', 5, 'Azure Network Engineer Associate'),
      ...people('s', 1, architect),
      ...people('v', 1, 'Azure Virtual Desktop Specialty'),
      ...people('d', 2, 'GitHub Copilot'),
    ];
    const s = score({ enrollment: smb, people: p });
    expect(s.areas.infrastructure.metrics.intermediateCertifications?.points).toBe(20);
    expect(s.areas.infrastructure.metrics.advancedCertifications?.points).toBe(8);
    expect(s.areas.digitalAppInnovation.metrics.intermediateCertifications?.points).toBe(4);
    expect(s.areas.digitalAppInnovation.metrics.advancedCertifications?.points).toBe(12);
    expect(s.areas.dataAi.metrics.advancedCertifications).toBeUndefined();
  });
});

describe('Azure areas: qualification', () => {
  it('qualifies at a total ≥ 70 with every metric above 0', () => {
    const customers = [
      customer('a', [
        azure(M, 'Storage', 2000),
        azure(M, 'Functions', 10),
        azure(M, 'Key Vault', 10),
        azure(M, 'SQL', 10),
        azure(M, 'AKS', 10),
      ]),
      customer('b', [azure(M, 'Storage', 2000)]),
      customer('c', [azure(M, 'Storage', 2000)]),
    ];
    const enrollment = { anniversary: '2026-01-01', areas: ['dataAi'], azureTrack: 'smb' };
    const ppl = [
      ...people('a', 1, 'Azure Administrator Associate'),
      ...people('s', 1, 'Azure Solutions Architect Expert'),
      ...people('f', 1, 'Azure Database Administrator Associate'),
    ];
    const area = dai({ customers, enrollment, people: ppl });
    // 30 + 12 + 20 (base 0) + 10
    expect(area.total).toBe(72);
    expect(area.qualifiesToday).toBe(true);
    const noPeople = dai({ customers, enrollment });
    expect(noPeople.total).toBe(60);
    expect(noPeople.qualifiesToday).toBe(false);
  });
  it('exposes asOf and the months: as-of on the first of a month uses the month before', () => {
    const customers = [customer('a', [azure('2026-10', 'Storage', 2000)])];
    expect(dai({ customers }, '2026-11-01').metrics.netCustomerAdds?.value).toBe(1);
    expect(dai({ customers }, '2026-10-31').metrics.netCustomerAdds?.value).toBe(0);
    expect(AS_OF).toBe('2026-11-21');
  });
});
