// Modern Work: expectations computed by hand from the scoring contract.
// asOf 2026-11-21 → M = 2026-10, M−12 = 2025-10 (first day 2025-10-01), TTM(M) = 2025-11 … 2026-10.
// All through the real CLI.
import { beforeAll, describe, it } from 'vitest';

import { area, assoc, type Doc, m365, metric, partner, person, type Result, scoreAll, tenant } from './harness.js';

const MW = 'modernWork';
const T = 'Teams';
const TP = 'Teams Premium';
const since = (type: string, from: string, rest: Doc = {}) => ({ associations: [assoc(type, from, null, rest)] });

const ncaTenants = {
  e1: tenant('e1', [m365('2026-10', T, 301, 0, 'CPOR')]), // ent
  e2: tenant('e2', [m365('2026-10', T, 300, 0, 'CPOR')]), // smb band (11…300)
  e3: tenant('e3', [m365('2026-10', T, 11, 0, 'CSP_T1')]), // smb (CSP)
  e4: tenant('e4', [m365('2026-10', T, 10, 0, 'CPOR')]), // no band
  e5: tenant('e5', [m365('2026-10', T, 500, 0, 'DPOR')]), // ent (DPOR)
  e6: tenant('e6', [m365('2026-10', T, 200, 0, 'DPOR')]), // smb band but DPOR is not an smb group
  e7: tenant('e7', [m365('2026-10', T, 400, 0, 'CSP_T2')]), // ent band but CSP is not an ent group
  e8: tenant('e8', [m365('2026-10', TP, 500, 0, 'CPOR'), m365('2026-10', T, 100, 0, 'CPOR')]), // NCA seats 100 → smb
  e9: tenant('e9', [m365('2026-10', TP, 500, 0, 'CPOR')]), // Teams Premium only → not in N
  e10: tenant('e10', [m365('2026-10', T, 400, 0, 'PAL'), m365('2026-10', 'Exchange Online', 20, 0, 'CPOR')]), // seats 400 → ent
  e11: tenant('e11', [m365('2026-10', 'Dynamics Thing', 500, 0, 'CPOR')]), // not a Modern Work workload
  e12: tenant('e12', [m365('2026-10', ' teams ', 350, 0, 'CPOR')]), // case/trim → ent
  b1: tenant('b1', [m365('2025-10', T, 301, 0, 'CPOR')]), // ent N(M−12)
  b2: tenant('b2', [m365('2025-10', T, 50, 0, 'CSP_T1')]), // smb N(M−12)
};

const docs: Doc[] = [
  partner('mw-nca', { customers: Object.values(ncaTenants) }),
  partner('mw-nca-smb', { customers: [ncaTenants.e2, ncaTenants.e3, ncaTenants.e8, ncaTenants.b2] }),
  partner('mw-ug-ent', {
    customers: [
      tenant('A', [m365('2026-10', T, 1000, 600), m365('2025-10', T, 1000, 400)], since('CPOR', '2020-01-01')),
      tenant('B', [m365('2026-03', T, 500, 300), m365('2026-10', T, 500, 500), m365('2025-10', T, 500, 450)], since('CPOR', '2026-03-10')),
      tenant('C', [m365('2026-10', T, 400, 350)]),
      tenant('D', [m365('2025-10', T, 1000, 450)], since('CPOR', '2019-01-01')),
      tenant('E', [m365('2026-10', T, 400, 100), m365('2025-10', T, 400, 50), m365('2025-09', T, 400, 10)], since('CPOR', '2025-09-15')),
      tenant('F', [m365('2026-05', T, 400, 100), m365('2026-10', T, 400, 180)], {
        associations: [
          assoc('CPOR', '2018-01-01', null, { workload: 'Business Central' }),
          assoc('CPOR', '2026-05-01', null, { workload: 'Teams' }),
        ],
      }),
      tenant('G', [m365('2026-04', T, 200, 50), m365('2026-10', T, 400, 300)], since('CPOR', '2026-04-01')),
      tenant('H', [m365('2026-10', T, 1000, 900, 'DPOR'), m365('2025-10', T, 1000, 100, 'DPOR')], since('DPOR', '2020-01-01')),
    ],
  }),
  partner('mw-ug-smb', {
    customers: [
      tenant('s1', [m365('2026-10', T, 100, 80, 'CSP_T1'), m365('2025-10', T, 100, 30, 'CSP_T2')]),
      tenant('s2', [m365('2026-10', T, 200, 150, 'CSP_T2'), m365('2025-10', T, 200, 20, 'CSP_T1')], {
        associations: [assoc('CSP_T1', '2020-01-01'), assoc('CSP_T2', '2026-06-01')],
      }),
      tenant('s3', [m365('2026-01', T, 50, 40, 'CSP_T2'), m365('2026-10', T, 50, 45, 'CSP_T2')], since('CSP_T2', '2026-01-20')),
      tenant('s4', [m365('2026-10', T, 300, 60, 'CPOR')]),
    ],
  }),
  partner('mw-dep-threshold', {
    customers: [
      tenant('t1', [m365('2026-10', T, 400, 160)]),
      tenant('t2', [m365('2026-10', T, 400, 159)]),
      tenant('t3', [m365('2026-10', T, 400, 100), m365('2026-10', 'Exchange Online', 400, 300)]),
      tenant('t4', [m365('2026-10', TP, 500, 250)]),
    ],
  }),
  partner('mw-tie', {
    customers: [
      ...['e1', 'e2'].map((id) => tenant(id, [m365('2026-10', T, 301, 0)])),
      ...['s1', 's2', 's3', 's4'].map((id) => tenant(id, [m365('2026-10', T, 11, 0)])),
    ],
  }),
  partner('mw-tie-cert', {
    customers: [
      ...['e1', 'e2'].map((id) => tenant(id, [m365('2026-10', T, 301, 0)])),
      ...['s1', 's2', 's3', 's4'].map((id) => tenant(id, [m365('2026-10', T, 11, 0)])),
    ],
    people: [person('p1', ['Teams Administrator Associate'])],
  }),
  partner('mw-dep-tiebreak', {
    customers: [
      tenant('d1', [m365('2026-10', T, 400, 200, 'CPOR')]),
      tenant('d2', [m365('2026-10', T, 400, 200, 'DPOR')]),
      tenant('d3', [m365('2026-10', T, 400, 200, 'DPOR')]),
    ],
  }),
  partner('mw-cpor-match', {
    customers: [
      tenant('w1', [m365('2026-10', T, 400, 200)], since('CPOR', '2020-01-01', { workload: ' teams ' })),
      tenant('w2', [m365('2026-10', T, 400, 200)], since('CPOR', '2020-01-01', { workload: 'Exchange Online' })),
      tenant(
        'w3',
        [m365('2026-10', T, 400, 200, 'CPOR', { cporActivity: 'osu' })],
        since('CPOR', '2020-01-01', { cporActivity: 'use-consume' }),
      ),
      tenant(
        'w4',
        [m365('2026-10', T, 400, 200, 'CPOR', { cporActivity: 'use-consume' })],
        since('CPOR', '2020-01-01', { cporActivity: 'use-consume' }),
      ),
      tenant('w5', [m365('2026-10', T, 400, 200)], {
        associations: [assoc('CPOR', '2020-01-01', null, { workload: 'Exchange Online' }), assoc('CPOR', '2021-01-01')],
      }),
    ],
  }),
  partner('mw-premium', { customers: [tenant('T', [m365('2026-10', TP, 400, 200), m365('2026-10', T, 100, 50)])] }),
  partner('mw-certs', {
    people: [
      person('i1', ['Teams Administrator Associate']),
      person('i2', ['Identity and Access Administrator Associate']),
      person('i3', ['Endpoint Administrator Associate', 'Teams Administrator Associate']),
      person('i4', ['Copilot and Agent Administration Fundamentals']),
      person('a1', ['Microsoft 365 Enterprise Administrator Expert']),
      person('a2', ['Microsoft 365 Enterprise Administrator Expert']),
    ],
  }),
  partner('mw-negative', {
    customers: [tenant('X', [m365('2025-10', T, 1000, 450)], since('CPOR', '2019-01-01')), tenant('Y', [m365('2025-10', T, 400, 0)])],
  }),
  partner('mw-exclusion-band', {
    customers: [tenant('G2', [m365('2026-04', T, 200, 150), m365('2026-10', T, 400, 300)], since('CPOR', '2026-04-01'))],
  }),
  partner('mw-retire', {
    asOf: '2026-12-05',
    people: [
      person('p1', [['Microsoft 365 Enterprise Administrator Expert', '2026-11-30']]), // retired 2026-11-30: on the day
      person('p2', [['Microsoft 365 Enterprise Administrator Expert', '2026-11-29']]),
      person('p3', [['Teams Meetings and Meeting Rooms Technical Assessment', '2026-06-15']]), // on the day
      person('p4', [['Teams Meetings and Meeting Rooms Technical Assessment', '2026-06-14']]),
    ],
  }),
];

let R: Map<string, Result>;
beforeAll(() => {
  R = scoreAll(docs);
}, 60_000);

describe('Modern Work (contract audit)', () => {
  it('NCA bands, groups, Teams Premium ignored, seats from any association type', () => {
    const r = R.get('mw-nca');
    // ent N(M) = e1, e5, e10, e12 = 4; N(M−12) = b1 → 3 → 12. smb N(M) = e2, e3, e8 = 3; N(M−12) = b2 → 2 → 4.
    metric(r, MW, 'netCustomerAdds', 3, 12);
    area(r, MW, 'enterprise', { enterprise: 12, smb: 4 }, 12);
    const s = R.get('mw-nca-smb');
    metric(s, MW, 'netCustomerAdds', 2, 4);
    area(s, MW, 'smb', { enterprise: 0, smb: 4 }, 4);
  });

  it('usage growth: start-month baseline, negative contributions, workload-specific CPOR start, best group', () => {
    const r = R.get('mw-ug-ent');
    // CPOR: A +200, B +200 (start month 2026-03), C +350 (omitted), D −450, E +50 (start before M−12),
    // F +80 (start = Teams association 2026-05), G +300 (start month 2026-04 not in the ent band → baseline 0)
    // = 730 → 21.9; DPOR: H +800 → 6. Best CPOR.
    metric(r, MW, 'usageGrowth', 730, 21.9);
    // Dep_CPOR(M) = A, C, F, G (B excluded: started in TTM(M), 0.6 in its start month) = 4; (M−12) = A (0.40), D = 2.
    metric(r, MW, 'deployments', 2, 10);
    // N(M) = A, B, C, E, F, G, H = 7; N(M−12) = A, D, E, H = 4 (B's 2025-10 record predates its association).
    metric(r, MW, 'netCustomerAdds', 3, 12);
    area(r, MW, 'enterprise', { enterprise: 43.9, smb: 0 }, 43.9);
  });

  it('smb groups: CPOR vs CSP (T1+T2), CSP start = earliest CSP_T1/CSP_T2, deployments exclusion', () => {
    const r = R.get('mw-ug-smb');
    // CSP: s1 +50, s2 +130, s3 +5 = 185 → 2.775; CPOR s4 +60 → 3.6 → best CPOR.
    metric(r, MW, 'usageGrowth', 60, 3.6);
    // CSP Dep(M) = s1, s2 (s3 excluded) = 2, Dep(M−12) = 0 → 5; CPOR 0.
    metric(r, MW, 'deployments', 2, 5);
    metric(r, MW, 'netCustomerAdds', 2, 4);
    area(r, MW, 'smb', { enterprise: 0, smb: 12.6 }, 12.6);
  });

  it('deployments ratio ≥ 0.40 over Σ users / Σ seats; Teams Premium counts for usage and deployments', () => {
    const r = R.get('mw-dep-threshold');
    metric(r, MW, 'deployments', 3, 15); // t1 (0.40), t3 (0.5), t4 (0.5)
    metric(r, MW, 'usageGrowth', 969, 29.07);
    metric(r, MW, 'netCustomerAdds', 3, 12); // t4 (Teams Premium only) not in N
    area(r, MW, 'enterprise', { enterprise: 56.07, smb: 0 }, 56.07);
  });

  it('tie on totals goes to enterprise; otherwise the higher total wins', () => {
    area(R.get('mw-tie'), MW, 'enterprise', { enterprise: 8, smb: 8 }, 8);
    metric(R.get('mw-tie'), MW, 'netCustomerAdds', 2, 8);
    const c = R.get('mw-tie-cert');
    area(c, MW, 'smb', { enterprise: 10.5, smb: 13 }, 13);
    metric(c, MW, 'netCustomerAdds', 4, 8);
    metric(c, MW, 'intermediateCertifications', 1, 5);
  });

  it('deployments: on equal points the group listed first (CPOR) wins', () => {
    const r = R.get('mw-dep-tiebreak');
    metric(r, MW, 'deployments', 1, 5); // CPOR 1×5 = DPOR 2×2.5
    metric(r, MW, 'usageGrowth', 200, 6); // CPOR 200/1000×30 = 6 > DPOR 400/4000×30 = 3
    area(r, MW, 'enterprise', { enterprise: 23, smb: 0 }, 23);
  });

  it('CPOR association workload (case-insensitive) and activity matching', () => {
    const r = R.get('mw-cpor-match');
    // w1, w4, w5 count.
    metric(r, MW, 'netCustomerAdds', 3, 12);
    metric(r, MW, 'usageGrowth', 600, 18);
    metric(r, MW, 'deployments', 3, 15);
  });

  it('Teams Premium: out of the NCA band, in the usage/deployments band', () => {
    const r = R.get('mw-premium');
    metric(r, MW, 'netCustomerAdds', 0, 0);
    metric(r, MW, 'usageGrowth', 250, 7.5);
    metric(r, MW, 'deployments', 1, 5);
    area(r, MW, 'enterprise', { enterprise: 12.5, smb: 2 }, 12.5);
  });

  it('negative differences: values negative, points clamped at 0', () => {
    const r = R.get('mw-negative');
    metric(r, MW, 'netCustomerAdds', -2, 0); // N(M) 0, N(M−12) X, Y
    // AMBIGUITY: both groups at 0 points (CPOR −450, DPOR 0). The contract gives a tie rule only for
    // deployments ("on equal points, the group listed first"); we read usage growth's "best group" the
    // same way, so the value is CPOR's −450.
    metric(r, MW, 'usageGrowth', -450, 0);
    metric(r, MW, 'deployments', -1, 0); // CPOR: Dep(M−12) = X (0.45); DPOR 0; tie → CPOR
    area(r, MW, 'enterprise', { enterprise: 0, smb: 0 }, 0);
  });

  it('deployments exclusion looks at the start-month ratio only (the sentence names no band)', () => {
    const r = R.get('mw-exclusion-band');
    // LITERAL READING: started 2026-04 (within TTM(M)) at 150/200 = 0.75 ≥ 0.40 → left out of Dep(M),
    // although 200 seats is outside the enterprise band that month.
    metric(r, MW, 'deployments', 0, 0);
    // usage growth: baseline = users_ent in 2026-04 = 0 (not in the band) → +300 → 9.
    metric(r, MW, 'usageGrowth', 300, 9);
    metric(r, MW, 'netCustomerAdds', 1, 4);
    // smb: baseline 150 (in the smb band in 2026-04), M not in the smb band → −150 → 0 points.
    area(r, MW, 'enterprise', { enterprise: 13, smb: 0 }, 13);
  });

  it('certifications: per person, capped; retired certs earned on the retirement day do not count', () => {
    const r = R.get('mw-certs');
    // ent 4×2.5 + 2×7.5 = 25; smb min(20,10) + min(30,15) = 25 → tie → enterprise.
    metric(r, MW, 'intermediateCertifications', 4, 10);
    metric(r, MW, 'advancedCertifications', 2, 15);
    area(r, MW, 'enterprise', { enterprise: 25, smb: 25 }, 25);
    const t = R.get('mw-retire');
    metric(t, MW, 'advancedCertifications', 2, 15); // p2, p4
    area(t, MW, 'enterprise', { enterprise: 15, smb: 15 }, 15);
  });
});
