// Hand-computed pins for the places where the scoring contract leaves room (the readings the
// differential oracle chose; see reference.ts A1–A5) and for exact-fraction edges. Each case is
// checked against BOTH the engine (as `pcs score` runs it) and the reference, so neither can drift
// to another reading unnoticed. asOf 2026-11-21 → M = 2026-10, M−12 = 2025-10, TTM(M) = 2025-11 … 2026-10.
import { describe, expect, it } from 'vitest';

import type { Case } from './arbitraries.js';
import { diff, engineScore } from './harness.js';
import { referenceScore } from './reference.js';

const AS_OF = '2026-11-21';
type Doc = Record<string, unknown>;
const partner = (extra: Doc): Doc => ({ partnerId: 'pin', asOf: AS_OF, ...extra });

function both(doc: Doc, asOfOverride?: string) {
  const c: Case = asOfOverride === undefined ? { doc } : { doc, asOfOverride };
  const engine = engineScore(c);
  const reference = referenceScore(doc, asOfOverride);
  expect(diff(engine, reference)).toEqual([]);
  return engine;
}

describe('readings where the contract leaves room (engine and reference, hand-computed)', () => {
  it('A1: a CPOR record without its own activity takes the activity of ANY association it matched', () => {
    // Both associations match the record (no workload named, record has no activity): activities
    // {osu, revrec}. revrec makes it NCA-eligible; osu makes it MCV-eligible. smb track (no big pairs):
    // P(M) = {(t1, Business Central)} at 300 ≥ 250 → value 1, 3 points. MCV(M) = 1 × 1000; base 0 → null.
    const associations = [
      { type: 'CPOR', cporActivity: 'osu', from: '2025-01-01', to: null },
      { type: 'CPOR', cporActivity: 'revrec', from: '2025-01-01', to: null },
    ];
    const record = {
      month: '2026-10',
      kind: 'bizapps',
      workload: 'Business Central',
      revenueUsd: 300,
      activeUsers: 1,
      association: 'CPOR',
    };
    const out = both(partner({ customers: [{ tenantId: 't1', associations, usage: [record] }] }));
    const ba = out.areas.businessApplications;
    expect(ba.track).toBe('smb');
    expect(ba.metrics.netCustomerAdds).toEqual({ value: 1, points: 3, maxPoints: 15 });
    expect(ba.metrics.usageGrowth).toEqual({ value: null, points: 0, maxPoints: 30 });

    // With its own activity `osu` the record matches only the osu association: not NCA-eligible.
    const own = both(partner({ customers: [{ tenantId: 't1', associations, usage: [{ ...record, cporActivity: 'osu' }] }] }));
    expect(own.areas.businessApplications.metrics.netCustomerAdds).toEqual({ value: 0, points: 0, maxPoints: 15 });
  });

  it('A2: Azure usage-growth value is the growth % even when TTM < 1,000 gives 0 points', () => {
    // base = 100 (M−12), cur = 150 (M); TTM(M) = 150 < 1,000 → 0 points; value = 50 %.
    // Deployments: Storage has TTM ACR 150 > 0 → 1 service, 2 points. NCA floor 1,000 (enterprise): 0.
    const usage = [
      { month: '2025-10', kind: 'azure', service: 'Storage', acrUsd: 100, association: 'PAL' },
      { month: '2026-10', kind: 'azure', service: 'Storage', acrUsd: 150, association: 'PAL' },
    ];
    const out = both(partner({ customers: [{ tenantId: 't1', usage }] }));
    for (const area of ['dataAi', 'infrastructure', 'digitalAppInnovation'] as const) {
      expect(out.areas[area].track).toBe('enterprise');
      expect(out.areas[area].metrics.usageGrowth).toEqual({ value: 50, points: 0, maxPoints: 20 });
      expect(out.areas[area].metrics.deployments).toEqual({ value: 1, points: 2, maxPoints: 10 });
    }
  });

  it('Azure usage growth with a negative base (credits) follows the formula literally', () => {
    // base = −100, cur = 2,000, TTM = 2,000 ≥ 1,000: value = (2000 − (−100)) / (−100) × 100 = −2,100 % → 0 points.
    const usage = [
      { month: '2025-10', kind: 'azure', service: 'Storage', acrUsd: -100, association: 'PAL' },
      { month: '2026-10', kind: 'azure', service: 'Storage', acrUsd: 2000, association: 'PAL' },
    ];
    const out = both(partner({ customers: [{ tenantId: 't1', usage }] }));
    expect(out.areas.dataAi.metrics.usageGrowth).toEqual({ value: -2100, points: 0, maxPoints: 20 });
    // NCA: S(M) = {t1} (2,000 ≥ 1,000), S(M−12) = {} → 10 points.
    expect(out.areas.dataAi.metrics.netCustomerAdds).toEqual({ value: 1, points: 10, maxPoints: 30 });
  });

  it('A3: Modern Work usage growth — on equal points the group listed first (CPOR) gives the value', () => {
    // Enterprise band (400 seats), associations omitted (baseline = M−12). CPOR: 200 → 100 (−100);
    // DPOR: 150 → 100 (−50). Both 0 points; CPOR is listed first → value −100 (not the larger −50).
    const usage = [
      { month: '2025-10', kind: 'm365', workload: 'Teams', paidSeats: 400, activeUsers: 200, association: 'CPOR' },
      { month: '2026-10', kind: 'm365', workload: 'Teams', paidSeats: 400, activeUsers: 100, association: 'CPOR' },
      { month: '2025-10', kind: 'm365', workload: 'Exchange Online', paidSeats: 400, activeUsers: 150, association: 'DPOR' },
      { month: '2026-10', kind: 'm365', workload: 'Exchange Online', paidSeats: 400, activeUsers: 100, association: 'DPOR' },
    ];
    const mw = both(partner({ customers: [{ tenantId: 't1', usage }] })).areas.modernWork;
    expect(mw.track).toBe('enterprise'); // 0 = 0 → enterprise
    expect(mw.metrics.usageGrowth).toEqual({ value: -100, points: 0, maxPoints: 30 });
  });

  it('A4: a group with 0 paid seats has no active/paid ratio, so no deployment', () => {
    // Band from a DPOR record (400 seats, 0 active: ratio 0); CPOR record 0 paid, 50 active in M.
    const usage = [
      { month: '2026-10', kind: 'm365', workload: 'Teams', paidSeats: 400, activeUsers: 0, association: 'DPOR' },
      { month: '2026-10', kind: 'm365', workload: 'Teams Phone', paidSeats: 0, activeUsers: 50, association: 'CPOR' },
    ];
    const mw = both(partner({ customers: [{ tenantId: 't1', usage }] })).areas.modernWork;
    expect(mw.metrics.deployments).toEqual({ value: 0, points: 0, maxPoints: 25 });
  });

  it('A5: the start-month exclusion of Modern Work deployments looks at the ratio only', () => {
    // CPOR from 2026-03-01 (inside TTM(M)). Start month: 100 seats, 50 active (0.5, below the enterprise
    // band); M: 400 seats, 200 active. Enterprise: Dep_CPOR(M) leaves t1 out → 0.
    // NCA: N(M) = {t1} → 4. Usage growth: start after 2025-10-01 → baseline = users in 2026-03, which
    // is 0 (not in the enterprise band then) → value 200 → 200 × 30 / 1,000 = 6. Total 10.
    // smb: M (400 seats) is outside 11 … 300 → NCA 0, users(M) 0 − 50 → 0 points. Total 0.
    const doc = partner({
      customers: [
        {
          tenantId: 't1',
          associations: [{ type: 'CPOR', from: '2026-03-01', to: null }],
          usage: [
            { month: '2026-03', kind: 'm365', workload: 'Teams', paidSeats: 100, activeUsers: 50, association: 'CPOR' },
            { month: '2026-10', kind: 'm365', workload: 'Teams', paidSeats: 400, activeUsers: 200, association: 'CPOR' },
          ],
        },
      ],
    });
    const mw = both(doc).areas.modernWork;
    expect(mw.track).toBe('enterprise');
    expect(mw.trackTotals).toEqual({ enterprise: 10, smb: 0 });
    expect(mw.metrics.netCustomerAdds).toEqual({ value: 1, points: 4, maxPoints: 20 });
    expect(mw.metrics.usageGrowth).toEqual({ value: 200, points: 6, maxPoints: 30 });
    expect(mw.metrics.deployments).toEqual({ value: 0, points: 0, maxPoints: 25 });
  });
});

describe('exact fractions and day edges (engine and reference, hand-computed)', () => {
  it('Security enterprise: 6 × 40/6 = 40 and 6 × 20/6 = 20 make exactly 70 and qualify', () => {
    // Six tenants with 13,000 Sentinel ACR in 2026-09 → ttm(M) > 12,000. t5, t6 also had 1,000 in
    // 2025-09 → in Q(M−12) (≥ 600) but not in Dep(M−12). t1 has 2,500 more in M.
    // NCA = 6 − 2 = 4 → 8. Deployments = 6 − 0 → 6 × 20/6 = 20. Usage growth: Azure delta 2,500 / 1,250 = 2.
    // Skilling: gates 2 × Cloud and AI Security Engineer, 2 × Security Operations Analyst; 6 final-step
    // people → 6 × 40/6 = 40. Total 8 + 40 + 2 + 20 = 70, every metric > 0 → qualifies.
    // smb: NCA 4 × 4 = 16; skilling 4 + 4 + 6 × 8 → 40 (cap); usage growth 0 (no tenant ≤ 12,000 in M);
    // deployments 0 − 2 → 0. Total 56.
    const sentinel = (month: string, acrUsd: number) => ({ month, kind: 'azure', service: 'Sentinel', acrUsd, association: 'PAL' });
    const customers = [1, 2, 3, 4, 5, 6].map((i) => ({
      tenantId: `t${i}`,
      usage: [sentinel('2026-09', 13000), ...(i === 1 ? [sentinel('2026-10', 2500)] : []), ...(i >= 5 ? [sentinel('2025-09', 1000)] : [])],
    }));
    const cert = (name: string) => [{ name, earned: '2025-01-01', expires: null }];
    const people = [
      ...['Cloud and AI Security Engineer Associate', 'Cloud and AI Security Engineer Associate'],
      ...['Security Operations Analyst Associate', 'Security Operations Analyst Associate'],
      ...Array.from({ length: 6 }, () => 'Cybersecurity Architect Expert'),
    ].map((name, i) => ({ id: `p${i}`, linkedFrom: '2024-01-01', linkedTo: null, certifications: cert(name) }));
    const sec = both(partner({ customers, people })).areas.security;
    expect(sec.track).toBe('enterprise');
    expect(sec.trackTotals.enterprise).toBeCloseTo(70, 9);
    expect(sec.trackTotals.smb).toBeCloseTo(56, 9);
    expect(sec.metrics.netCustomerAdds).toEqual({ value: 4, points: 8, maxPoints: 20 });
    expect(sec.metrics.intermediateCertifications?.value).toBe(6);
    expect(sec.metrics.intermediateCertifications?.points).toBeCloseTo(40, 9);
    expect(sec.metrics.usageGrowth).toEqual({ value: 2, points: 2, maxPoints: 20 });
    expect(sec.metrics.deployments?.value).toBe(6);
    expect(sec.metrics.deployments?.points).toBeCloseTo(20, 9);
    expect(sec.total).toBeCloseTo(70, 9);
    expect(sec.qualifiesToday).toBe(true);
  });

  it('a retired certification counts through r + 1 year, only if earned before r (--as-of)', () => {
    // Microsoft 365 Fundamentals, retired 2026-03-31 → counts through 2027-03-31.
    const person = (id: string, earned: string) => ({
      id,
      linkedFrom: '2025-01-01',
      certifications: [{ name: ' microsoft 365 FUNDAMENTALS ', earned }],
    });
    const doc = partner({ people: [person('a', '2026-03-30'), person('b', '2026-03-31')] });
    // Through 2027-03-31: only a (b earned on r). No usage: enterprise 2.5 < smb 5 → smb, 5 per person.
    const last = both(doc, '2027-03-31').areas.modernWork;
    expect(last.trackTotals).toEqual({ enterprise: 2.5, smb: 5 });
    expect(last.metrics.intermediateCertifications).toEqual({ value: 1, points: 5, maxPoints: 10 });
    const after = both(doc, '2027-04-01').areas.modernWork;
    expect(after.track).toBe('enterprise'); // 0 = 0 → enterprise
    expect(after.metrics.intermediateCertifications).toEqual({ value: 0, points: 0, maxPoints: 10 });
  });
});
