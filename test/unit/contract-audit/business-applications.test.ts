// Business Applications: expectations computed by hand from the scoring contract.
// asOf 2026-11-21 → M = 2026-10, M−12 = 2025-10. All through the real CLI.
import { beforeAll, describe, it } from 'vitest';

import { area, assoc, biz, type Doc, metric, partner, people, person, type Result, scoreAll, tenant } from './harness.js';

const BA = 'businessApplications';
const five = ['t1', 't2', 't3', 't4', 't5'];
const docs: Doc[] = [
  // track: 5 pairs > 5,000 in both M and M−12, any association type (PAL here) → enterprise.
  partner('ba-track-ent', {
    customers: five.map((id) =>
      tenant(id, [biz('2026-10', 'Business Central', 5000.01, 0, 'PAL'), biz('2025-10', 'Business Central', 5000.01, 0, 'PAL')]),
    ),
  }),
  // exactly 5,000 is not "> 5,000" → 4 pairs → smb.
  partner('ba-track-5000', {
    customers: five.map((id) =>
      tenant(id, [
        biz('2026-10', 'Business Central', id === 't5' ? 5000 : 5000.01, 0, 'PAL'),
        biz('2025-10', 'Business Central', 5000.01, 0, 'PAL'),
      ]),
    ),
  }),
  // 5 pairs on ONE tenant (5 NCA-list workloads, no roll-up for pairs here) → enterprise.
  partner('ba-track-one-tenant', {
    customers: [
      tenant(
        't1',
        ['Sales', 'Finance', 'Business Central', 'Field Service', 'Customer Service'].flatMap((w) => [
          biz('2026-10', w, 6000, 0, 'CSP_T1'),
          biz('2025-10', w, 6000, 0, 'CSP_T1'),
        ]),
      ),
    ],
  }),
  // workloads not on the NCA list (Guides, Core HR) do not count for the track → smb.
  partner('ba-track-not-nca', {
    customers: [
      ...['t1', 't2', 't3', 't4'].map((id) =>
        tenant(id, [biz('2026-10', 'Sales', 6000, 0, 'CSP_T1'), biz('2025-10', 'Sales', 6000, 0, 'CSP_T1')]),
      ),
      tenant('t5', [biz('2026-10', 'Guides', 6000, 0, 'CSP_T1'), biz('2025-10', 'Core HR', 6000, 0, 'CSP_T1')]),
      tenant('t6', [biz('2026-10', 'Core HR', 6000, 0, 'CSP_T1'), biz('2025-10', 'Core HR', 6000, 0, 'CSP_T1')]),
    ],
  }),
  // NCA, smb (floor 250): eligible associations and CPOR activities.
  partner('ba-nca', {
    customers: [
      tenant('n1', [biz('2026-10', 'Sales', 250, 0, 'CSP_T1')]), // yes
      tenant('n2', [biz('2026-10', 'Sales', 249.99, 0, 'DPOR')]), // below floor
      tenant('n3', [biz('2026-10', 'Finance', 125, 0, 'CSP_T2'), biz('2026-10', 'Finance', 125, 0, 'DPOR')]), // 250 → yes
      tenant('n4', [biz('2026-10', 'Sales', 1000, 0, 'PAL')]), // PAL not eligible
      tenant('n5', [biz('2026-10', 'Sales', 1000, 0, 'CPOR', { cporActivity: 'osu' })]), // osu not eligible
      tenant('n6', [biz('2026-10', 'Sales', 1000, 0, 'CPOR')]), // no activity → fails
      tenant('n7', [biz('2026-10', 'Sales', 1000, 0, 'CPOR')], {
        associations: [assoc('CPOR', '2020-01-01', null, { cporActivity: 'revrec' })],
      }), // activity from the association → yes
      tenant('n8', [biz('2026-10', 'Sales', 1000, 0, 'CPOR', { cporActivity: 'osa' })], {
        associations: [assoc('CPOR', '2020-01-01', null, { cporActivity: 'revrec' })],
      }), // activities differ → not attributed
      tenant('n9', [
        biz('2026-10', 'Power Apps', 300, 0, 'CPOR', { cporActivity: 'osa' }),
        biz('2026-10', 'Power BI', 300, 0, 'CPOR', { cporActivity: 'revrec-performance' }),
      ]), // two pairs
      tenant('n10', [biz('2026-10', 'Sales', 1000, 0, 'CPOR'), biz('2026-10', 'Customer Service', 1000, 0, 'CPOR')], {
        associations: [assoc('CPOR', '2020-01-01', null, { workload: 'Customer Service', cporActivity: 'revrec' })],
      }), // only Customer Service matches
      tenant('n11', [biz('2026-10', 'Guides', 1000, 0, 'CSP_T1')]), // not an NCA workload
      tenant('n12', [biz('2025-10', 'Business Central', 500, 0, 'CSP_T1')]), // P(M−12)
      tenant('n13', [biz('2026-10', 'Sales', 200, 0, 'CSP_T1'), biz('2026-10', ' sales ', 100, 0, 'CSP_T1')]), // one pair, 300
      tenant('n14', [biz('2026-10', 'Sales', 300, 0, 'CPOR', { cporActivity: 'revrec' })], {
        associations: [assoc('CPOR', '2020-01-01')],
      }), // record's own activity
      tenant('n15', [biz('2026-10', 'Sales', 1000, 0, 'CSP_T1')], { associations: [assoc('CSP_T1', '2026-11-01')] }), // inactive
    ],
  }),
  // MCV roll-ups, PAL-only workloads, CPOR osu; smb deployment floor 5,000.
  partner('ba-mcv', {
    customers: [
      tenant('d1', [biz('2026-10', 'Sales', 0, 15, 'CSP_T1'), biz('2026-10', 'Customer Service', 0, 10, 'DPOR')]), // CDS 25×200
      tenant('d2', [biz('2026-10', 'Finance', 0, 30, 'CSP_T1'), biz('2026-10', 'Project Operations', 0, 20, 'CSP_T2')]), // F&O 50×100
      tenant('d3', [biz('2026-10', 'Power BI', 0, 25, 'PAL')]), // 5000
      tenant('d4', [biz('2026-10', 'Power BI', 0, 25, 'CSP_T1')]), // PAL only → 0
      tenant('d5', [biz('2026-10', 'Business Central', 0, 5, 'CPOR', { cporActivity: 'osu' })]), // 5000
      tenant('d6', [
        biz('2026-10', 'Business Central', 0, 5, 'PAL'),
        biz('2026-10', 'Business Central', 0, 5, 'CPOR', { cporActivity: 'revrec' }),
      ]), // neither counts
      tenant('d7', [biz('2026-10', 'Customer Insights', 0, 25000, 'PAL')]), // 25000 × 0.2 = 5000
      tenant('d8', [biz('2026-10', 'Copilot Studio', 0, 1000, 'CSP_T1')]), // not on the rate card
      tenant('d9', [biz('2026-10', 'Field Service', 0, 24, 'CSP_T1')]), // 4800 < 5000
      tenant('d10', [biz('2026-10', 'Business Central', 0, 5, 'CPOR')]), // no activity → fails
      tenant('d11', [biz('2026-10', 'Business Central', 0, 5, 'CPOR')], {
        associations: [assoc('CPOR', '2020-01-01', null, { workload: 'Business Central', cporActivity: 'osu' })],
      }), // osu from the association → 5000
      tenant('d12', [biz('2025-10', 'Guides', 0, 5, 'CSP_T1')]), // D(M−12): 5000
    ],
  }),
  // usage growth smb: base = 25,000 exactly (floor inclusive).
  partner('ba-ug-smb', {
    customers: [tenant('u1', [biz('2026-10', 'Business Central', 0, 30, 'CSP_T1'), biz('2025-10', 'Business Central', 0, 25, 'CSP_T1')])],
    people: [...people('i', 3, 'Power Platform Developer Associate'), person('a1', ['Agentic AI Business Solutions Architect'])],
  }),
  // usage growth smb below floor.
  partner('ba-ug-smb-low', {
    customers: [tenant('u1', [biz('2026-10', 'Business Central', 0, 30, 'CSP_T1'), biz('2025-10', 'Business Central', 0, 24, 'CSP_T1')])],
  }),
  // enterprise: usage growth / deployments / certs.
  partner('ba-ent', {
    customers: [
      ...five.map((id) =>
        tenant(id, [biz('2026-10', 'Business Central', 6000, 12, 'CSP_T1'), biz('2025-10', 'Business Central', 6000, 10, 'CSP_T1')]),
      ),
      tenant('e6', [biz('2026-10', 'Sales', 0, 50, 'DPOR')]), // CDS 10,000 → D(M)
      tenant('e7', [biz('2026-10', 'Power Apps', 0, 49, 'PAL')]), // 9,800: MCV only
    ],
    people: [
      ...people('i', 3, 'Dynamics 365 Finance Functional Consultant Associate'),
      ...people('a', 3, 'Dynamics 365 Business Central Developer Associate'),
    ],
  }),
  partner('ba-negative', {
    customers: [tenant('t1', [biz('2025-10', 'Sales', 300, 0, 'CSP_T1'), biz('2025-10', 'Business Central', 0, 5, 'CSP_T1')])],
  }),
  // exact fractions: 7 × 15/7 = 15; total exactly 70 → qualifies.
  partner('ba-qualify-70', {
    customers: [
      tenant('t1', [biz('2026-10', 'Business Central', 6000, 14, 'CSP_T1'), biz('2025-10', 'Business Central', 6000, 10, 'CSP_T1')]),
      ...['t2', 't3', 't4', 't5'].map((id) =>
        tenant(id, [biz('2026-10', 'Business Central', 6000, 10, 'CSP_T1'), biz('2025-10', 'Business Central', 6000, 10, 'CSP_T1')]),
      ),
      tenant('t6', [biz('2026-10', 'Sales', 1500, 50, 'CSP_T1')]),
    ],
    people: [
      ...people('i', 20, 'Dynamics 365 Business Central Functional Consultant Associate'),
      ...people('a', 7, 'Power Platform Solution Architect Expert'),
    ],
  }),
  partner('ba-qualify-6adv', {
    customers: [
      tenant('t1', [biz('2026-10', 'Business Central', 6000, 14, 'CSP_T1'), biz('2025-10', 'Business Central', 6000, 10, 'CSP_T1')]),
      ...['t2', 't3', 't4', 't5'].map((id) =>
        tenant(id, [biz('2026-10', 'Business Central', 6000, 10, 'CSP_T1'), biz('2025-10', 'Business Central', 6000, 10, 'CSP_T1')]),
      ),
      tenant('t6', [biz('2026-10', 'Sales', 1500, 50, 'CSP_T1')]),
    ],
    people: [
      ...people('i', 20, 'Dynamics 365 Business Central Functional Consultant Associate'),
      ...people('a', 6, 'Power Platform Solution Architect Expert'),
    ],
  }),
];

let R: Map<string, Result>;
beforeAll(() => {
  R = scoreAll(docs);
}, 60_000);

describe('Business Applications (contract audit)', () => {
  it('track: ≥ 5 pairs with revenue > 5,000 in both M and M−12, any association → enterprise', () => {
    area(R.get('ba-track-ent'), BA, 'enterprise', { enterprise: 0 }, 0);
    metric(R.get('ba-track-ent'), BA, 'netCustomerAdds', 0, 0); // PAL not eligible for NCA
    area(R.get('ba-track-5000'), BA, 'smb', { smb: 0 }, 0); // 5,000 is not > 5,000
    area(R.get('ba-track-one-tenant'), BA, 'enterprise', { enterprise: 0 }, 0); // P(M)=P(M−12)=5 → 0
    // only 4 NCA-list pairs (Guides/Core HR are not on the NCA list) → smb; P(M) = P(M−12) = 4 → 0.
    area(R.get('ba-track-not-nca'), BA, 'smb', { smb: 0 }, 0);
  });

  it('NCA smb: CSP/DPOR and CPOR revrec|osa|revrec-performance; floor 250 per pair', () => {
    const r = R.get('ba-nca');
    // P(M) = n1, n3, n7, n9×2, n10, n13, n14 = 8; P(M−12) = n12 = 1 → 7 → 21 → cap 15.
    metric(r, BA, 'netCustomerAdds', 7, 15);
    area(r, BA, 'smb', { smb: 15 }, 15);
  });

  it('MCV: roll-ups, PAL-only workloads, CPOR osu, rate card only; deployments smb ≥ 5,000', () => {
    const r = R.get('ba-mcv');
    // D(M) = d1, d2, d3, d5, d7, d11 = 6; D(M−12) = d12 = 1 → 5 → 20.
    metric(r, BA, 'deployments', 5, 20);
    // ΣMCV(M) = 6×5000 + 4800 = 34,800; base 5,000 < 25,000 → 0 points.
    // LITERAL READING: value = growth % whenever base ≠ 0: (34800 − 5000)/5000 × 100 = 596.
    metric(r, BA, 'usageGrowth', 596, 0);
  });

  it('usage growth smb: base ≥ 25,000 inclusive; 1 point per %', () => {
    const r = R.get('ba-ug-smb');
    metric(r, BA, 'usageGrowth', 20, 20); // 30,000 vs 25,000
    metric(r, BA, 'deployments', 0, 0); // D(M) = D(M−12) = {u1}
    metric(r, BA, 'intermediateCertifications', 3, 12); // smb 4 each
    metric(r, BA, 'advancedCertifications', 1, 7.5); // smb 7.5 each
    area(r, BA, 'smb', { smb: 39.5 }, 39.5);
    metric(R.get('ba-ug-smb-low'), BA, 'usageGrowth', 25, 0); // base 24,000 < 25,000
  });

  it('enterprise: base ≥ 50,000, deployments ≥ 10,000, certs 1 and 15/7 per person', () => {
    const r = R.get('ba-ent');
    // base = 5 × 10,000 = 50,000; cur = 5 × 12,000 + 10,000 + 9,800 = 79,800 → 59.6 % → cap 30.
    metric(r, BA, 'usageGrowth', 59.6, 30);
    metric(r, BA, 'deployments', 1, 4); // D(M) 6, D(M−12) 5
    metric(r, BA, 'netCustomerAdds', 0, 0); // P(M) = P(M−12) = 5 (e6/e7 have no revenue)
    metric(r, BA, 'intermediateCertifications', 3, 3);
    metric(r, BA, 'advancedCertifications', 3, 45 / 7);
    area(r, BA, 'enterprise', { enterprise: 37 + 45 / 7 }, 37 + 45 / 7);
  });

  it('negative differences clamp to 0 points', () => {
    const r = R.get('ba-negative');
    metric(r, BA, 'netCustomerAdds', -1, 0);
    metric(r, BA, 'deployments', -1, 0);
    metric(r, BA, 'usageGrowth', -100, 0); // base 5,000 (< 25,000), cur 0
  });

  it('exact fractions: 7 × 15/7 = 15 and a total of exactly 70 qualifies', () => {
    const r = R.get('ba-qualify-70');
    metric(r, BA, 'netCustomerAdds', 1, 3); // P(M) 6 (t6 Sales 1500), P(M−12) 5
    metric(r, BA, 'intermediateCertifications', 20, 20);
    metric(r, BA, 'advancedCertifications', 7, 15);
    metric(r, BA, 'usageGrowth', 28, 28); // (14,000 + 40,000 + 10,000 − 50,000) / 50,000
    metric(r, BA, 'deployments', 1, 4);
    area(r, BA, 'enterprise', { enterprise: 70 }, 70, true);
    area(R.get('ba-qualify-6adv'), BA, 'enterprise', { enterprise: 55 + 90 / 7 }, 55 + 90 / 7, false);
  });
});
