// Backfill through computePartner (issue 7): a partner seen for the first time gets its past six
// months scored day by day, each as of the day the pipeline would have scored it (scoring-day.ts),
// recorded `backfilled`; transitions only for today. Timings are measured and printed, not asserted.
import { describe, expect, it } from 'vitest';

import { buildFacts } from '../../../shared/domain/changes/facts.js';
import { AREAS } from '../../../shared/domain/facts/types.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { scorePartner } from '../../../shared/domain/scoring/score-partner.js';
import { backfillDays } from '../../../shared/domain/status/backfill.js';
import { type ComputeInput, computePartner } from '../../../shared/pipeline/compute.js';
import { type PartnerDocs, sampleDocs } from './sample-docs.js';

const rules = currentRules();
const TODAY = '2026-11-21'; // on/after the 20th: scored as of today

function input(partnerId: string, docs: PartnerDocs, over: Partial<ComputeInput> = {}): ComputeInput {
  return { partnerId, ...docs, previous: null, today: TODAY, asOf: TODAY, rules, dataCompleteDay: 20, ...over };
}

/** The total an independent score of the facts as of `asOf` gives. */
function totalAsOf(partnerId: string, docs: PartnerDocs, asOf: string, area: (typeof AREAS)[number]): number {
  const facts = buildFacts(docs.profile, docs.customers, docs.people, asOf, partnerId);
  return scorePartner(facts, rules, asOf).areas[area].total;
}

describe('backfill of a first-seen partner', () => {
  it('scores every day of the current month and the five before it, each as of its own scoring day (pcs-rules §3.2, §5.1)', async () => {
    const docs = await sampleDocs('4100002');
    const r = computePartner(input('4100002', docs));
    const days = backfillDays(TODAY);
    expect(days[0]).toBe('2026-06-01');
    expect(days.at(-1)).toBe('2026-11-20');
    expect(r.backfilledDays).toBe(days.length);

    const history = r.advance.state.areas.modernWork.history;
    expect(history.map((d) => d.day)).toEqual([...days, TODAY]);
    expect(history.slice(0, -1).every((d) => d.backfilled === true)).toBe(true);
    expect(history.at(-1)).not.toHaveProperty('backfilled');
    // Before the 20th a day is scored as of the previous month's end, from the 20th on as of itself.
    for (const [day, asOf] of [
      ['2026-10-05', '2026-09-30'],
      ['2026-10-19', '2026-09-30'],
      ['2026-10-20', '2026-10-20'],
      ['2026-11-03', '2026-10-31'],
    ] as const) {
      expect(history.find((d) => d.day === day)?.total, day).toBe(totalAsOf('4100002', docs, asOf, 'modernWork'));
    }
    // The months do differ for this partner, so a month-end-only backfill would show here.
    expect(totalAsOf('4100002', docs, '2026-09-30', 'modernWork')).not.toBe(totalAsOf('4100002', docs, '2026-10-20', 'modernWork'));
  });

  it('uses DATA_COMPLETE_DAY for the past days too', async () => {
    const docs = await sampleDocs('4100002');
    const early = computePartner(input('4100002', docs, { dataCompleteDay: 10 }));
    const day = early.advance.state.areas.modernWork.history.find((d) => d.day === '2026-10-15');
    expect(day?.total).toBe(totalAsOf('4100002', docs, '2026-10-15', 'modernWork'));
    expect(day?.total).not.toBe(totalAsOf('4100002', docs, '2026-09-30', 'modernWork'));
  });

  it('gives monthly maxima for all six months from the first day, and transitions only for today', async () => {
    const docs = await sampleDocs('4100002');
    const r = computePartner(input('4100002', docs));
    const maxima = r.advance.state.areas.modernWork.monthlyMaxima;
    expect(maxima.map((m) => m.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(maxima.every((m) => m.maxTotal !== null)).toBe(true);
    expect(r.advance.transitions.length).toBeGreaterThan(0);
    expect(r.advance.transitions.every((t) => t.day === TODAY)).toBe(true);
    expect(r.advance.outbox.every((e) => e.day === TODAY)).toBe(true);
  });

  it('does not backfill a partner already seen on an earlier day; backfilled days keep their flag', async () => {
    const docs = await sampleDocs('4100003');
    const first = computePartner(input('4100003', docs));
    const next = computePartner(input('4100003', docs, { previous: first.advance.state, today: '2026-11-22', asOf: '2026-11-22' }));
    expect(next.backfilledDays).toBe(0);
    const history = next.advance.state.areas.businessApplications.history;
    expect(history.filter((d) => d.backfilled).length).toBe(first.backfilledDays);
    expect(history.slice(-2).map((d) => [d.day, d.backfilled ?? false])).toEqual([
      [TODAY, false],
      ['2026-11-22', false],
    ]);
  });

  it('backfills again on the first day (an import in several messages), from the facts as they then stand', async () => {
    const docs = await sampleDocs('4100002');
    const partial = computePartner(input('4100002', { ...docs, customers: [] }));
    expect(partial.advance.state.areas.modernWork.history.some((d) => d.qualifies)).toBe(false);
    const full = computePartner(input('4100002', docs, { previous: partial.advance.state }));
    expect(full.backfilledDays).toBe(partial.backfilledDays);
    expect(full.advance.state.areas.modernWork.history.some((d) => d.backfilled && d.qualifies)).toBe(true);
    expect(full.advance.state.areas.modernWork.history).toEqual(
      computePartner(input('4100002', docs)).advance.state.areas.modernWork.history,
    );
  });

  it('measures the cost (printed): sample partners and one ten times larger', async () => {
    const lines: string[] = [];
    for (const partnerId of ['4100001', '4100002', '4100003', '4100004', '4100005', '4100006']) {
      const docs = await sampleDocs(partnerId);
      lines.push(measure(partnerId, docs));
    }
    // A partner ten times the largest sample's size: each customer and person copied under new ids.
    const docs = await sampleDocs('4100001');
    const big: PartnerDocs = {
      profile: docs.profile,
      customers: Array.from({ length: 10 }, (_, i) =>
        docs.customers.map((c) => ({ ...c, id: `${c.id}-${i}`, tenantId: `${c.tenantId}-${i}` })),
      ).flat(),
      people: Array.from({ length: 10 }, (_, i) =>
        docs.people.map((p) => ({ ...p, id: `${p.id}-${i}`, personId: `${p.personId}-${i}` })),
      ).flat(),
    };
    lines.push(measure('4100001×10', big));
    console.log(`backfill cost (first-seen run vs a later run, ms, median of 3):\n${lines.join('\n')}`);
  }, 120_000); // a measurement, not a limit: generous for a loaded machine
});

function measure(label: string, docs: PartnerDocs): string {
  const partnerId = label.slice(0, 7);
  const time = (f: () => void) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      f();
      runs.push(performance.now() - t0);
    }
    return runs.sort((a, b) => a - b)[1]!;
  };
  const first = computePartner(input(partnerId, docs));
  expect(first.backfilledDays, label).toBe(backfillDays(TODAY).length);
  const firstMs = time(() => computePartner(input(partnerId, docs)));
  const laterMs = time(() =>
    computePartner(input(partnerId, docs, { previous: first.advance.state, today: '2026-11-22', asOf: '2026-11-22' })),
  );
  return `  ${label}: ${docs.customers.length} customers, ${docs.people.length} people, ${first.backfilledDays} days: first ${firstMs.toFixed(1)}, later ${laterMs.toFixed(1)}`;
}
