// The backfill scores each distinct scoring key once (scoringDayKey: same scoring month, same people
// and certifications counting) instead of each distinct as-of day. These tests check that the key is
// exact: days with the same key score the same, and the backfill's results equal scoring every day.
import { describe, expect, it } from 'vitest';

import { buildFacts } from '../../../shared/domain/changes/facts.js';
import type { PartnerFacts } from '../../../shared/domain/facts/types.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { scorePartner, scoringDayKey } from '../../../shared/domain/scoring/score-partner.js';
import { backfillDays } from '../../../shared/domain/status/backfill.js';
import { addDays } from '../../../shared/domain/status/days.js';
import { backfillResults } from '../../../shared/pipeline/compute.js';
import { scoringDay } from '../../../shared/pipeline/scoring-day.js';
import { sampleDocs } from './sample-docs.js';

const rules = currentRules();
const TODAY = '2026-11-21';
const PARTNERS = ['4100001', '4100002', '4100003', '4100004', '4100005', '4100006'];

async function factsOf(partnerId: string): Promise<PartnerFacts> {
  const docs = await sampleDocs(partnerId);
  return buildFacts(docs.profile, docs.customers, docs.people, TODAY, partnerId);
}

/** The score without its asOf field (what the key promises to be equal). */
function scoreOn(facts: PartnerFacts, asOf: string): unknown {
  const { asOf: _asOf, ...rest } = scorePartner({ ...facts, asOf }, rules, asOf);
  return rest;
}

describe('scoringDayKey', () => {
  it('days with the same key score the same (two years of days, every sample partner, people shifted through the days)', async () => {
    for (const partnerId of PARTNERS) {
      const base = await factsOf(partnerId);
      // The people as they are, and with their dates moved into the scanned range, so links and
      // certifications start, expire and retire on days inside it.
      const shifted: PartnerFacts = {
        ...base,
        people: base.people.map((p, i) => ({
          ...p,
          linkedFrom: addDays('2025-06-01', 37 * i),
          linkedTo: i % 2 ? addDays('2026-03-15', 11 * i) : null,
          certifications: p.certifications.map((c, k) => ({
            ...c,
            earned: addDays('2025-02-10', 53 * k + 7 * i),
            expires: k % 2 ? addDays('2026-05-02', 29 * k + i) : null,
          })),
        })),
      };
      for (const facts of [base, shifted]) {
        const byKey = new Map<string, { day: string; score: string }>();
        for (let day = '2025-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
          const key = scoringDayKey(facts, rules, day);
          const score = JSON.stringify(scoreOn(facts, day));
          const seen = byKey.get(key);
          if (seen) expect(score, `${partnerId}: ${day} vs ${seen.day}`).toBe(seen.score);
          else byKey.set(key, { day, score });
        }
        expect(byKey.size).toBeGreaterThanOrEqual(24); // at least one key per scoring month
      }
    }
  });

  it('tells days apart that score differently: a certification earned mid-month', async () => {
    const base = await factsOf('4100002');
    expect(base.people.length).toBeGreaterThan(0);
    const facts: PartnerFacts = {
      ...base,
      people: base.people.map((p) => ({
        ...p,
        linkedFrom: '2020-01-01',
        linkedTo: null,
        certifications: p.certifications.map((c) => ({ ...c, earned: '2026-10-25', expires: null })),
      })),
    };
    expect(scoringDayKey(facts, rules, '2026-10-24')).not.toBe(scoringDayKey(facts, rules, '2026-10-25'));
    expect(scoringDayKey(facts, rules, '2026-10-25')).toBe(scoringDayKey(facts, rules, '2026-10-31'));
    expect(scoringDayKey(facts, rules, '2026-10-31')).not.toBe(scoringDayKey(facts, rules, '2026-11-01'));
  });
});

describe('backfillResults', () => {
  it('equals scoring every backfilled day as of its own scoring day', async () => {
    for (const partnerId of PARTNERS) {
      const base = await factsOf(partnerId);
      for (const dataCompleteDay of [20, 10]) {
        const got = backfillResults(base, rules, TODAY, null, dataCompleteDay);
        expect(got.map((d) => d.day)).toEqual(backfillDays(TODAY));
        for (const { day, areaResults } of got) {
          const { asOf } = scoringDay(new Date(`${day}T00:00:00.000Z`), dataCompleteDay);
          const score = scorePartner({ ...base, asOf }, rules, asOf);
          for (const [area, r] of Object.entries(areaResults)) {
            const a = score.areas[area as keyof typeof score.areas];
            expect(r.total, `${partnerId} ${day} ${area}`).toBe(a.total);
            expect(r.qualifies, `${partnerId} ${day} ${area}`).toBe(a.qualifiesToday);
            if (r.track !== undefined) expect(r.track).toBe(a.track);
          }
        }
      }
    }
  });
});
