// Property tests over random facts (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { AREAS } from '../../../shared/domain/facts/types.js';
import { CATALOG_2026_05 } from '../../../shared/domain/rules/catalog-2026-05.js';
import type { PartnerScores } from '../../../shared/domain/scoring/types.js';
import { M, score } from './builders.js';

const MONTHS = ['2024-10', '2024-11', '2025-06', '2025-09', '2025-10', '2025-11', '2026-03', '2026-09', '2026-10'];
const ASSOCIATIONS = ['CSP_T1', 'CSP_T2', 'DPOR', 'PAL', 'CPOR'] as const;
const ACTIVITIES = [null, 'use-consume', 'revrec', 'osa', 'revrec-performance', 'osu'] as const;
const SERVICES = ['Storage', 'Key Vault', 'Sentinel', 'Virtual Machines', 'Azure Firewall', 'Functions'];
const M365 = ['Teams', 'Intune', 'Teams Premium', 'Exchange Online', 'Defender for Office 365', 'Unknown'];
const BIZ = ['Sales', 'Business Central', 'Power BI', 'Customer Insights', 'Finance', 'Guides'];
const CERTS = [
  ...new Set([
    'Azure Administrator Associate',
    'Azure Solutions Architect Expert',
    ...CATALOG_2026_05.azure.skilling.dataAi.intermediateCertifications.final.certifications,
    ...CATALOG_2026_05.azure.skilling.infrastructure.intermediateCertifications.final.certifications,
    ...CATALOG_2026_05.businessApplications.advancedCertifications.certifications,
    ...CATALOG_2026_05.modernWork.intermediateCertifications.certifications,
    ...CATALOG_2026_05.modernWork.advancedCertifications.certifications,
    'Cloud and AI Security Engineer Associate',
    'Security Operations Analyst Associate',
    ...CATALOG_2026_05.security.intermediateCertifications.final.certifications,
  ]),
];
const DATES = ['2024-01-01', '2025-06-30', '2026-03-31', '2026-06-30', '2026-11-21', '2026-12-31', '2027-06-30'];

const usageRecord = fc.oneof(
  fc.record({
    kind: fc.constant('azure'),
    month: fc.constantFrom(...MONTHS),
    service: fc.constantFrom(...SERVICES),
    acrUsd: fc.integer({ min: -500, max: 20000 }),
    association: fc.constantFrom(...ASSOCIATIONS),
    offer: fc.constantFrom('standard', 'standard', 'trial'),
  }),
  fc.record({
    kind: fc.constant('m365'),
    month: fc.constantFrom(...MONTHS),
    workload: fc.constantFrom(...M365),
    paidSeats: fc.integer({ min: 0, max: 600 }),
    activeUsers: fc.integer({ min: 0, max: 600 }),
    association: fc.constantFrom(...ASSOCIATIONS),
  }),
  fc.record({
    kind: fc.constant('bizapps'),
    month: fc.constantFrom(...MONTHS),
    workload: fc.constantFrom(...BIZ),
    revenueUsd: fc.integer({ min: 0, max: 8000 }),
    activeUsers: fc.integer({ min: 0, max: 100 }),
    association: fc.constantFrom(...ASSOCIATIONS),
    cporActivity: fc.constantFrom(...ACTIVITIES),
  }),
);
const association = fc.record({
  type: fc.constantFrom(...ASSOCIATIONS),
  cporActivity: fc.constantFrom(...ACTIVITIES),
  workload: fc.constantFrom(null, 'Teams', 'Intune', 'Sales'),
  from: fc.constantFrom('2020-01-01', '2025-10-01', '2026-03-15'),
  to: fc.constantFrom(null, null, '2026-10-01'),
});
const customers = fc.uniqueArray(
  fc.record({
    tenantId: fc.string({ minLength: 1, maxLength: 4 }),
    segment: fc.constantFrom('enterprise', 'smb'),
    cloud: fc.constantFrom('commercial', 'commercial', 'government'),
    associations: fc.option(fc.array(association, { maxLength: 3 }), { nil: null }),
    usage: fc.array(usageRecord, { maxLength: 12 }),
  }),
  { selector: (c) => c.tenantId, maxLength: 6 },
);
const personArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    linkedFrom: fc.constantFrom('2020-01-01', '2026-11-21', '2027-01-01'),
    linkedTo: fc.constantFrom(null, null, '2026-11-21'),
    certifications: fc.array(
      fc.record({ name: fc.constantFrom(...CERTS), earned: fc.constantFrom(...DATES), expires: fc.constantFrom(null, ...DATES) }),
      { maxLength: 3 },
    ),
  });
const peopleArb = fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => personArb(`p${i}`))));
const enrollment = fc.option(
  fc.record({
    anniversary: fc.constant('2026-03-01'),
    areas: fc.subarray([...AREAS]),
    azureTrack: fc.constantFrom(null, 'enterprise', 'smb'),
  }),
  { nil: null },
);
const factsArb = fc.record({ customers, people: peopleArb, enrollment });

function eachMetric(s: PartnerScores, check: (points: number, max: number) => void) {
  for (const area of AREAS) for (const m of Object.values(s.areas[area].metrics)) check(m.points, m.maxPoints);
}

describe('scoring properties', () => {
  it('points lie within [0, max]; the total is the sum of metric points and the chosen track’s total', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const s = score(facts);
        eachMetric(s, (points, max) => {
          expect(points).toBeGreaterThanOrEqual(0);
          expect(points).toBeLessThanOrEqual(max);
        });
        for (const area of AREAS) {
          const a = s.areas[area];
          const sum = Object.values(a.metrics).reduce((t, m) => t + m.points, 0);
          expect(a.total).toBeCloseTo(sum, 9);
          expect(a.trackTotals[a.track]).toBe(a.total);
          if (a.qualifiesToday) expect(a.total).toBeGreaterThanOrEqual(70);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('areas absent from the facts score 0 and never throw', () => {
    const s = score({});
    for (const area of AREAS) {
      expect(s.areas[area].total).toBe(0);
      expect(s.areas[area].qualifiesToday).toBe(false);
    }
    fc.assert(
      fc.property(factsArb, (facts) => {
        const onlyPeople = score({ people: facts.people });
        for (const area of AREAS)
          for (const [name, m] of Object.entries(onlyPeople.areas[area].metrics)) {
            if (!name.endsWith('Certifications')) expect(m.points).toBe(0);
          }
      }),
      { numRuns: 100 },
    );
  });

  it('with the track fixed, adding a counted person never lowers a skilling metric', () => {
    const newcomer = (name: string) => ({
      id: 'new',
      linkedFrom: '2020-01-01',
      linkedTo: null,
      certifications: [{ name, earned: '2025-01-01', expires: null }],
    });
    fc.assert(
      fc.property(factsArb, fc.constantFrom(...CERTS), fc.constantFrom('enterprise', 'smb'), (facts, certName, track) => {
        const fixed = { ...facts, enrollment: { anniversary: '2026-03-01', areas: ['dataAi'], azureTrack: track } };
        const before = score(fixed);
        const after = score({ ...fixed, people: [...facts.people, newcomer(certName)] });
        for (const area of AREAS) {
          const b = before.areas[area];
          const a = after.areas[area];
          // Modern Work and Security: each computed track's total can only rise (only skilling changed)
          for (const t of ['enterprise', 'smb'] as const) {
            if (b.trackTotals[t] !== undefined) expect(a.trackTotals[t]).toBeGreaterThanOrEqual(b.trackTotals[t] ?? 0);
          }
          if (a.track !== b.track) continue;
          for (const name of ['intermediateCertifications', 'advancedCertifications'] as const) {
            const before = b.metrics[name];
            if (before) expect(a.metrics[name]?.points).toBeGreaterThanOrEqual(before.points);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('adding month-M usage never lowers net customer adds or deployments (track unchanged)', () => {
    const extra = fc.oneof(
      fc.record({
        kind: fc.constant('azure'),
        month: fc.constant(M),
        service: fc.constantFrom(...SERVICES),
        acrUsd: fc.integer({ min: 1, max: 5000 }),
        association: fc.constantFrom('PAL', 'CSP_T1', 'DPOR'),
      }),
      fc.record({
        kind: fc.constant('bizapps'),
        month: fc.constant(M),
        workload: fc.constantFrom(...BIZ),
        revenueUsd: fc.integer({ min: 1, max: 5000 }),
        activeUsers: fc.integer({ min: 1, max: 50 }),
        association: fc.constantFrom(...ASSOCIATIONS),
        cporActivity: fc.constantFrom(...ACTIVITIES),
      }),
      // no paid seats: the band cannot move, the active share can only rise
      fc.record({
        kind: fc.constant('m365'),
        month: fc.constant(M),
        workload: fc.constantFrom(...M365),
        paidSeats: fc.constant(0),
        activeUsers: fc.integer({ min: 1, max: 300 }),
        association: fc.constantFrom(...ASSOCIATIONS),
      }),
    );
    fc.assert(
      fc.property(factsArb, extra, fc.nat(), fc.constantFrom('enterprise', 'smb'), (facts, record, pick, track) => {
        fc.pre(facts.customers.length > 0);
        const fixed = { ...facts, enrollment: { anniversary: '2026-03-01', areas: ['dataAi'], azureTrack: track } };
        const index = pick % facts.customers.length;
        const grown = fixed.customers.map((c, i) => (i === index ? { ...c, usage: [...c.usage, record] } : c));
        const before = score(fixed);
        const after = score({ ...fixed, customers: grown });
        for (const area of AREAS) {
          const b = before.areas[area];
          const a = after.areas[area];
          if (a.track !== b.track) continue;
          // Security's smb Azure range is bounded above (≤ 12,000 TTM): more ACR may leave it by design.
          if (area === 'security' && record.kind === 'azure') continue;
          for (const name of ['netCustomerAdds', 'deployments'] as const) {
            expect(a.metrics[name]?.points ?? 0).toBeGreaterThanOrEqual(b.metrics[name]?.points ?? 0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
