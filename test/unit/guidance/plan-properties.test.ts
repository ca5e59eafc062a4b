// Property test over generated partners (the differential test's generators): every non-null plan,
// merged into the RAW facts, qualifies by BOTH the engine and the independent reference scorer with
// the total it announces, and is irredundant; an area that qualifies gets []. Null plans are counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseFacts } from '../../../shared/domain/facts/schema.js';
import { AREAS } from '../../../shared/domain/facts/types.js';
import { planPartner } from '../../../shared/domain/guidance/plan.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { type Emphasis, factsArb } from '../differential/arbitraries.js';
import { planProblems } from './plan-check.js';

const RUNS = Number(process.env.PLAN_RUNS ?? 16);
const SEED = Number(process.env.PLAN_SEED ?? 20261201);
const EMPHASES: Emphasis[] = ['strong', 'azure', 'businessApplications', 'modernWork', 'security', 'mixed'];
const rules = currentRules();
const tally = { areas: 0, qualifying: 0, planned: 0, nulls: 0, reasons: new Map<string, number>() };

describe('plans on generated partners hold by the contract (engine and reference scorer)', () => {
  for (const [i, emphasis] of EMPHASES.entries()) {
    it(`${emphasis}-heavy facts`, () => {
      fc.assert(
        fc.property(factsArb(emphasis), (c) => {
          const parsed = parseFacts(structuredClone(c.doc), c.asOfOverride === undefined ? {} : { asOfOverride: c.asOfOverride });
          if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
          const plans = planPartner(parsed.facts, rules);
          const problems: string[] = [];
          for (const area of AREAS) {
            const result = plans.areas[area]!;
            tally.areas++;
            if (result.qualifiesToday) tally.qualifying++;
            else if (result.plan === null) {
              tally.nulls++;
              const key = `${area}: ${(result.reason ?? '').replace(/-?[\d.,]+/g, 'N')}`;
              tally.reasons.set(key, (tally.reasons.get(key) ?? 0) + 1);
            } else tally.planned++;
            problems.push(...planProblems(c.doc, c.asOfOverride, area, result));
          }
          expect(problems).toEqual([]);
        }),
        { numRuns: RUNS, seed: SEED + i },
      );
    }, 120_000);
  }

  it('null plans are rare, and each names why', () => {
    // A null plan is legitimate where the contract makes a metric unreachable by month-M actions
    // (Business Applications usage growth needs an M-12 base); anything else would be a search gap.
    const unreachable = [
      /cannot be made > N: the (smb|enterprise) track needs a monthly consumption value/,
      /cannot be made > N: no certification on its list counts when earned on/,
      /cannot be made > N: the MN ACR base is negative/,
    ];
    const clauses = (reason: string) => reason.split(/; (?=[a-z ]+ \([a-zA-Z]+\) cannot be made)/);
    const unexplained = [...tally.reasons.entries()].filter(
      ([reason]) => !clauses(reason).every((part) => unreachable.some((r) => r.test(part))),
    );
    console.info(
      `plans: ${tally.areas} areas, ${tally.qualifying} qualify today, ${tally.planned} planned, ${tally.nulls} null` +
        ` (${tally.areas - tally.qualifying > 0 ? ((100 * tally.nulls) / (tally.areas - tally.qualifying)).toFixed(1) : 0} % of areas needing a plan)\n` +
        [...tally.reasons.entries()].map(([r, n]) => `  ${n} × ${r}`).join('\n'),
    );
    expect(tally.planned).toBeGreaterThan(0);
    const needing = tally.areas - tally.qualifying;
    expect(unexplained.reduce((s, [, n]) => s + n, 0)).toBeLessThanOrEqual(Math.ceil(needing * 0.05));
  });
});
