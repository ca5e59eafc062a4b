// Person counting on day D, retirement grace, output shape, qualifiesToday and --as-of — from the
// scoring contract, through the real CLI.
import { beforeAll, describe, expect, it } from 'vitest';

import { area, AS_OF, az, type Doc, metric, partner, person, type Result, scoreAll, tenant } from './harness.js';

const BC = 'Dynamics 365 Business Central Functional Consultant Associate';
const BA = 'businessApplications';
const MW = 'modernWork';
const FUND = 'Microsoft 365 Fundamentals'; // retired 2026-03-31 → counts through 2027-03-31

const docs: Doc[] = [
  // D = 2026-11-21. Business Applications smb (no revenue): 4 per intermediate person, 7.5 per advanced.
  partner('people-day', {
    people: [
      person('q1', [BC], { linkedFrom: '2026-11-21' }), // yes
      person('q2', [BC], { linkedFrom: '2026-11-22' }), // no
      person('q3', [BC], { linkedTo: '2026-11-21' }), // no: linkedTo must be after D
      person('q4', [BC], { linkedTo: '2026-11-22' }), // yes
      person('q5', [[BC, '2026-11-21']]), // yes: earned on D
      person('q6', [[BC, '2026-11-22']]), // no
      person('q7', [[BC, '2024-01-01', '2026-11-21']]), // no: expires on D
      person('q8', [[BC, '2024-01-01', '2026-11-22']]), // yes
      person('q9', [[BC, '2024-01-01', null]]), // yes
      person('q10', ['  DYNAMICS 365 business central functional consultant associate ']), // yes
      person('q11', ['Some Unknown Certification']), // no, and not an error
      person('q12', [BC, 'Power BI Data Analyst Associate']), // yes, once
      person('q13', [['Dynamics 365 Field Service Functional Consultant Associate', '2026-06-29']]), // yes (retired 06-30)
      person('q14', [['Dynamics 365 Field Service Functional Consultant Associate', '2026-06-30']]), // no: on the day
      person('q15', [['Power Platform Functional Consultant Associate', '2026-01-01']]), // yes (retired 08-31)
      person('q16', [['Power Platform Solution Architect Expert', '2025-01-01']]), // advanced, yes
      person('q17', [], { linkedFrom: '2020-01-01' }),
    ],
  }),
  // retirement grace: counts through r + 1 year.
  partner('grace-last-day', { asOf: '2027-03-31', people: [person('p1', [[FUND, '2026-03-30']])] }),
  partner('grace-over', { asOf: '2027-04-01', people: [person('p1', [[FUND, '2026-03-30']])] }),
  partner('grace-earned-on-r', { people: [person('p1', [[FUND, '2026-03-31']])] }),
  partner('grace-before-r', { people: [person('p1', [[FUND, '2026-03-30']])] }),
  partner('empty', {}),
  partner('no-enrollment-lists', { customers: [{ tenantId: 't1' }, tenant('t2', [])], people: [{ id: 'x', linkedFrom: '2020-01-01' }] }),
];

let R: Map<string, Result>;
beforeAll(() => {
  R = scoreAll(docs);
}, 60_000);

describe('people on day D (contract audit)', () => {
  it('linkedFrom ≤ D < linkedTo, earned ≤ D < expires, names case-insensitive/trimmed, once per metric', () => {
    const r = R.get('people-day');
    // q1, q4, q5, q8, q9, q10, q12, q13, q15 = 9 → 36 → cap 20.
    metric(r, BA, 'intermediateCertifications', 9, 20);
    metric(r, BA, 'advancedCertifications', 1, 7.5);
    area(r, BA, 'smb', { smb: 27.5 }, 27.5);
  });

  it('retired certification: earned before r, counts while D ≤ r + 1 year', () => {
    // one intermediate person: ent 2.5, smb 5 → smb wins.
    metric(R.get('grace-last-day'), MW, 'intermediateCertifications', 1, 5);
    area(R.get('grace-last-day'), MW, 'smb', { enterprise: 2.5, smb: 5 }, 5);
    metric(R.get('grace-over'), MW, 'intermediateCertifications', 0, 0);
    area(R.get('grace-over'), MW, 'enterprise', { enterprise: 0, smb: 0 }, 0);
    metric(R.get('grace-earned-on-r'), MW, 'intermediateCertifications', 0, 0);
    metric(R.get('grace-before-r'), MW, 'intermediateCertifications', 1, 5);
  });
});

describe('output shape (contract audit)', () => {
  const MAX: Record<string, Record<string, number>> = {
    dataAi: { netCustomerAdds: 30, intermediateCertifications: 40, usageGrowth: 20, deployments: 10 },
    infrastructure: { netCustomerAdds: 30, intermediateCertifications: 20, advancedCertifications: 20, usageGrowth: 20, deployments: 10 },
    digitalAppInnovation: {
      netCustomerAdds: 30,
      intermediateCertifications: 20,
      advancedCertifications: 20,
      usageGrowth: 20,
      deployments: 10,
    },
    businessApplications: {
      netCustomerAdds: 15,
      intermediateCertifications: 20,
      advancedCertifications: 15,
      usageGrowth: 30,
      deployments: 20,
    },
    modernWork: { netCustomerAdds: 20, intermediateCertifications: 10, advancedCertifications: 15, usageGrowth: 30, deployments: 25 },
    security: { netCustomerAdds: 20, intermediateCertifications: 40, usageGrowth: 20, deployments: 20 },
  };

  it('all six areas, metric sets and maxPoints, rulesVersion, trackTotals keys', () => {
    for (const id of ['empty', 'no-enrollment-lists', 'people-day']) {
      const r = R.get(id)!;
      expect(r.partnerId).toBe(id);
      expect(r.asOf).toBe(AS_OF);
      expect(r.rulesVersion).toBe('2026-05');
      expect(Object.keys(r.areas).sort()).toEqual(Object.keys(MAX).sort());
      for (const [a, metrics] of Object.entries(MAX)) {
        const out = r.areas[a]!;
        expect(Object.keys(out.metrics).sort(), `${a} metrics`).toEqual(Object.keys(metrics).sort());
        for (const [m, max] of Object.entries(metrics)) expect(out.metrics[m]!.maxPoints).toBe(max);
        const both = a === 'modernWork' || a === 'security';
        expect(Object.keys(out.trackTotals).length, `${a} trackTotals`).toBe(both ? 2 : 1);
        const sum = Object.values(out.metrics).reduce((s, x) => s + x.points, 0);
        expect(Math.abs(out.total - sum)).toBeLessThan(1e-9);
      }
    }
  });

  it('an empty partner scores 0 everywhere; enterprise on ties and for Azure without ACR', () => {
    const r = R.get('empty')!;
    for (const a of Object.keys(r.areas)) {
      expect(r.areas[a]!.total).toBe(0);
      expect(r.areas[a]!.qualifiesToday).toBe(false);
    }
    expect(r.areas.dataAi!.track).toBe('enterprise');
    expect(r.areas.modernWork!.track).toBe('enterprise');
    expect(r.areas.security!.track).toBe('enterprise');
    expect(r.areas.businessApplications!.track).toBe('smb');
    // base 0 → value null for Azure and Business Applications usage growth.
    expect(r.areas.dataAi!.metrics.usageGrowth!.value).toBeNull();
    expect(r.areas.businessApplications!.metrics.usageGrowth!.value).toBeNull();
  });
});

describe('--as-of override (contract audit)', () => {
  const doc = partner('asof', { customers: [tenant('t1', [az('2026-11', 'Storage', 1000)])] });
  it('replaces asOf of every input (M moves to 2026-11)', () => {
    const without = scoreAll([doc]).get('asof')!;
    metric(without, 'dataAi', 'netCustomerAdds', 0, 0); // M = 2026-10: nothing
    const noAsOf: Doc = { ...doc, partnerId: 'asof2' };
    delete noAsOf.asOf;
    const withOverride = scoreAll([doc, noAsOf], ['--as-of', '2026-12-05']);
    for (const id of ['asof', 'asof2']) {
      const r = withOverride.get(id)!;
      expect(r.asOf).toBe('2026-12-05');
      metric(r, 'dataAi', 'netCustomerAdds', 1, 10); // M = 2026-11
    }
  }, 60_000);
});
