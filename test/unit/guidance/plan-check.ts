// Checks a plan the way outside checks do: merge its actions (in order) into the RAW facts, score with
// the engine AND the independent reference scorer (test/unit/differential/reference.ts), and require
// qualification, totalAfter, and irredundancy (without any one action the area does not qualify).
import { parseFacts } from '../../../shared/domain/facts/schema.js';
import type { Area } from '../../../shared/domain/facts/types.js';
import { mergeAll } from '../../../shared/domain/guidance/merge.js';
import type { AreaPlan } from '../../../shared/domain/guidance/types.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { scorePartner } from '../../../shared/domain/scoring/score-partner.js';
import { referenceScore } from '../differential/reference.js';

const rules = currentRules();
const TOLERANCE = 0.01;

export interface Verdict {
  engine: { total: number; qualifies: boolean; minPoints: number };
  reference: { total: number; qualifies: boolean; minPoints: number };
}

export function scoreMerged(doc: Record<string, unknown>, asOfOverride: string | undefined, area: Area, plan: AreaPlan['plan']): Verdict {
  const merged = mergeAll(
    doc,
    (plan ?? []).map((a) => a.facts),
  );
  const parsed = parseFacts(structuredClone(merged), asOfOverride === undefined ? {} : { asOfOverride });
  if (!parsed.ok) throw new Error(`merged facts are invalid: ${JSON.stringify(parsed.errors)}`);
  const e = scorePartner(parsed.facts, rules, parsed.facts.asOf).areas[area];
  const r = referenceScore(structuredClone(merged), asOfOverride).areas[area]!;
  const min = (metrics: Record<string, { points: number } | undefined>) => Math.min(...Object.values(metrics).map((m) => m?.points ?? 0));
  return {
    engine: { total: e.total, qualifies: e.qualifiesToday, minPoints: min(e.metrics) },
    reference: { total: r.total, qualifies: r.qualifiesToday, minPoints: min(r.metrics) },
  };
}

/** Problems with one area's plan; [] when it holds. */
export function planProblems(doc: Record<string, unknown>, asOfOverride: string | undefined, area: Area, result: AreaPlan): string[] {
  const problems: string[] = [];
  const before = scoreMerged(doc, asOfOverride, area, []);
  if (result.qualifiesToday !== before.engine.qualifies)
    problems.push(`${area}: qualifiesToday ${result.qualifiesToday} but the engine says ${before.engine.qualifies}`);
  if (result.qualifiesToday) {
    if (!Array.isArray(result.plan) || result.plan.length !== 0)
      problems.push(`${area}: qualifies today but the plan is ${JSON.stringify(result.plan)}`);
    return problems;
  }
  if (result.plan === null) {
    if (!result.reason) problems.push(`${area}: null plan without a reason`);
    return problems;
  }
  if (result.plan.length === 0) problems.push(`${area}: empty plan for an area that does not qualify`);
  const after = scoreMerged(doc, asOfOverride, area, result.plan);
  for (const [who, v] of Object.entries(after)) {
    if (!v.qualifies || v.total < 70 || v.minPoints <= 0)
      problems.push(`${area}: ${who} says the merged facts do not qualify (total ${v.total}, lowest metric ${v.minPoints})`);
    if (Math.abs(v.total - result.totalAfter) > TOLERANCE)
      problems.push(`${area}: ${who} total ${v.total} ≠ totalAfter ${result.totalAfter}`);
  }
  const cost = result.plan.reduce((s, a) => s + a.cost, 0);
  if (result.cost === null || Math.abs(cost - result.cost) > 1e-9)
    problems.push(`${area}: cost ${result.cost} ≠ sum of action costs ${cost}`);
  result.plan.forEach((_, i) => {
    const without = result.plan!.filter((__, k) => k !== i);
    const v = scoreMerged(doc, asOfOverride, area, without);
    if (v.engine.qualifies || v.reference.qualifies)
      problems.push(`${area}: still qualifies without action ${i} (${result.plan![i]!.text})`);
  });
  return problems;
}
