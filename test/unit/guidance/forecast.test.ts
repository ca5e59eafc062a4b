// Forecast: next month's and the month after's score of the carried-forward facts (issue 7). The
// carried-forward documents are built here from the raw JSON, independently of the engine's own
// carry-forward, and scored by the independent reference oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseFacts } from '../../../shared/domain/facts/schema.js';
import type { PartnerFacts } from '../../../shared/domain/facts/types.js';
import { carriedForwardFacts, forecastFlag, forecastPartner, sameDayMonthsLater } from '../../../shared/domain/guidance/forecast.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { scorePartner } from '../../../shared/domain/scoring/score-partner.js';
import type { AreaScore } from '../../../shared/domain/scoring/types.js';
import { factsArb } from '../differential/arbitraries.js';
import { diff } from '../differential/harness.js';
import { addMonths, referenceScore } from '../differential/reference.js';

const rules = currentRules();

function parse(doc: unknown): PartnerFacts {
  const parsed = parseFacts(structuredClone(doc));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.facts;
}

/** The recipe on raw JSON: month M's records copied to M+1 (… M+k), the day moved on k months. */
function carryRaw(doc: Record<string, unknown>, k: number, asOf: string): Record<string, unknown> {
  const M = addMonths(asOf.slice(0, 7), -1);
  const copy = structuredClone(doc) as { customers?: Array<{ usage?: Array<{ month: string }> }> };
  for (const c of copy.customers ?? []) {
    const last = (c.usage ?? []).filter((u) => u.month === M);
    for (let i = 1; i <= k; i++) for (const u of last) c.usage!.push({ ...u, month: addMonths(M, i) });
  }
  return { ...copy, asOf: sameDayMonthsLater(asOf, k) };
}

describe('sameDayMonthsLater', () => {
  it('moves the original day on and clamps once to the month end', () => {
    expect(sameDayMonthsLater('2027-01-31', 1)).toBe('2027-02-28');
    expect(sameDayMonthsLater('2027-01-31', 2)).toBe('2027-03-31');
    expect(sameDayMonthsLater('2028-01-30', 1)).toBe('2028-02-29');
    expect(sameDayMonthsLater('2026-11-21', 1)).toBe('2026-12-21');
    expect(sameDayMonthsLater('2026-11-21', 2)).toBe('2027-01-21');
    expect(sameDayMonthsLater('2026-12-31', 2)).toBe('2027-02-28');
  });
});

describe('forecastPartner', () => {
  it('equals the contract score of the carried-forward facts (generated partners, reference oracle)', () => {
    fc.assert(
      fc.property(factsArb('mixed'), (c) => {
        const facts = parse(c.doc);
        const { forecasts } = forecastPartner(facts, rules);
        expect(forecasts.map((f) => f.asOf)).toEqual([sameDayMonthsLater(facts.asOf, 1), sameDayMonthsLater(facts.asOf, 2)]);
        forecasts.forEach((forecast, i) => {
          const raw = carryRaw(c.doc, i + 1, facts.asOf);
          expect(diff(forecast, referenceScore(raw))).toEqual([]);
        });
      }),
      { numRuns: 150, seed: 7_2026 },
    );
  }, 120_000);

  it('leaves people, associations and other months as they stand, and does not touch the input', () => {
    const facts = parse({
      partnerId: 'p1',
      asOf: '2026-11-21',
      customers: [
        {
          tenantId: 't1',
          associations: [{ type: 'PAL', from: '2025-01-01', to: '2026-12-15' }],
          usage: [
            { month: '2026-10', kind: 'azure', service: 'Azure Kubernetes Service', acrUsd: 2000, association: 'PAL' },
            { month: '2026-09', kind: 'azure', service: 'Azure Kubernetes Service', acrUsd: 9000, association: 'PAL' },
          ],
        },
      ],
      people: [
        {
          id: 'a',
          linkedFrom: '2025-01-01',
          certifications: [{ name: 'Azure Administrator Associate', earned: '2025-02-01', expires: '2026-12-01' }],
        },
      ],
    });
    const before = structuredClone(facts);
    const two = carriedForwardFacts(facts, 2);
    expect(facts).toEqual(before);
    expect(two.asOf).toBe('2027-01-21');
    expect(two.people).toEqual(facts.people);
    expect(two.customers[0]!.associations).toEqual(facts.customers[0]!.associations);
    expect(two.customers[0]!.usage.map((u) => u.month)).toEqual(['2026-10', '2026-09', '2026-11', '2026-12']);
  });
});

describe('forecastFlag', () => {
  const area = (total: number, points: number[], qualifiesToday = total >= 70 && points.every((p) => p > 0)): AreaScore => ({
    track: 'enterprise',
    trackTotals: { enterprise: total },
    metrics: {
      netCustomerAdds: { value: 0, points: points[0]!, maxPoints: 30 },
      intermediateCertifications: { value: 0, points: points[1]!, maxPoints: 40 },
      usageGrowth: { value: 0, points: points[2]!, maxPoints: 20 },
      deployments: { value: 0, points: points[3]!, maxPoints: 10 },
    },
    total,
    qualifiesToday,
  });

  it('names the metric that falls to 0', () => {
    expect(forecastFlag(area(80, [30, 30, 10, 10]), area(70, [30, 30, 0, 10]), 70)?.metric).toBe('usageGrowth');
  });

  it('names the metric that loses most when the total falls below 70', () => {
    const flag = forecastFlag(area(74, [30, 20, 14, 10]), area(64, [30, 20, 4, 10]), 70);
    expect(flag).toEqual({ metric: 'usageGrowth', reason: 'total falls below 70 (74 → 64): usageGrowth drops from 14 to 4 points' });
  });

  it('is null when the forecast still qualifies, and when nothing falls', () => {
    expect(forecastFlag(area(80, [30, 30, 10, 10]), area(72, [30, 22, 10, 10]), 70)).toBeNull();
    expect(forecastFlag(area(40, [10, 10, 10, 10]), area(30, [10, 10, 5, 5]), 70)).toBeNull();
  });
});

describe('a strong year-ago month', () => {
  it('warns that next month falls when last year’s strong month becomes the comparison month', () => {
    // Usage 10,000 a month, but 2025-11 (next month's M−12) was 30,000: growth goes from full to 0.
    const usage = [];
    for (let i = 0; i < 24; i++) {
      const month = addMonths('2024-11', i);
      usage.push({
        month,
        kind: 'azure',
        service: 'Azure Kubernetes Service',
        acrUsd: month === '2025-11' ? 30000 : 10000,
        association: 'PAL',
      });
    }
    usage.push({ month: '2026-10', kind: 'azure', service: 'Azure Kubernetes Service', acrUsd: 2000, association: 'PAL' });
    const facts = parse({ partnerId: 'p2', asOf: '2026-11-21', customers: [{ tenantId: 't', usage }] });
    const today = scorePartner(facts, rules);
    const [next] = forecastPartner(facts, rules, today).forecasts;
    expect(today.areas.infrastructure.metrics.usageGrowth!.points).toBe(20);
    expect(next!.areas.infrastructure.metrics.usageGrowth!.points).toBe(0);
    expect(next!.areas.infrastructure.flag?.metric).toBe('usageGrowth');
  });
});
