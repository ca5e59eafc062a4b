// Business Applications (contract "businessApplications"): one classified track; (tenant, workload)
// pairs for net customer adds and deployments; monthly consumption value (MCV) for customer success.
import { fromInteger } from '../calendar/rational.js';
import type { PartnerFacts, Track } from '../facts/types.js';
import type { CompiledRules } from '../rules/compiled.js';
import { type AreaResult, singleTrack, trackResult } from './area-result.js';
import { explainTenants, tenantMetric, usd, withTenantsNotApplicable } from './explain-tenants.js';
import { BASELINE, CURRENT, type PartnerUsage, type TenantUsage } from './partner-usage.js';
import type { CountedPerson } from './people.js';
import { countMetric, type MetricResult, percentChange, unitPoints } from './points.js';
import { listedAreaMetrics, listedSkillings } from './skilling.js';

const MONTHS = [CURRENT, BASELINE] as const;
const PAIR = MONTHS.length;

/** Enterprise when enough (tenant, workload) pairs have revenue above the bar in both M and M−12. */
export function businessApplicationsTrack(usage: PartnerUsage, rules: CompiledRules): Track {
  const { minPairs, revenueAboveCents } = rules.businessApplications.track;
  let pairs = 0;
  for (const t of usage.tenants) {
    const revenue = t.bizRevenueAny;
    if (revenue === null) continue;
    for (let w = 0; w < revenue.length; w += PAIR) {
      if ((revenue[w + CURRENT] ?? 0) > revenueAboveCents && (revenue[w + BASELINE] ?? 0) > revenueAboveCents) pairs++;
    }
  }
  return pairs >= minPairs ? 'enterprise' : 'smb';
}

export function scoreBusinessApplications(
  facts: PartnerFacts,
  usage: PartnerUsage,
  people: readonly CountedPerson[],
  rules: CompiledRules,
  explain: boolean,
): AreaResult {
  const ba = rules.businessApplications;
  const track = businessApplicationsTrack(usage, rules);
  const floor = ba.netCustomerAdds.floorCents[track];
  const minMcv = ba.deployments.minScaledMcv[track];

  // netCustomerAdds: (tenant, workload) pairs with revenue at the floor; deployments: pairs with MCV at
  // the minimum; usageGrowth: the MCV summed. Each M against M−12.
  const { atLeastNow: addsNow, atLeastBase: addsBase } = pairTotals(usage, (t) => t.bizRevenueNca, floor);
  const { atLeastNow: depNow, atLeastBase: depBase, sumNow: mcvNow, sumBase: mcvBase } = pairTotals(usage, (t) => t.bizScaledMcv, minMcv);

  const netCustomerAdds = countMetric(addsNow - addsBase, ba.netCustomerAdds);
  const deployments = countMetric(depNow - depBase, ba.deployments);
  const growth = percentChange(mcvNow, mcvBase);
  const growthPoints =
    growth !== null && mcvBase >= ba.usageGrowth.minBaseScaledMcv[track] ? unitPoints(growth, ba.usageGrowth) : fromInteger(0);
  const usageGrowth: MetricResult = { value: growth, points: growthPoints, maxPoints: ba.usageGrowth.maxPoints };
  const skilling = listedSkillings(ba, track, people, rules, explain);
  const metrics = listedAreaMetrics({ netCustomerAdds, usageGrowth, deployments }, skilling);
  if (!explain) return singleTrack(trackResult(track, metrics, null), rules);

  const scale = ba.customerSuccess.scale;
  const ncaNames = ba.netCustomerAdds.workloadNames;
  const csNames = ba.customerSuccess.workloadNames;
  const pairList = (values: Float64Array | null, names: string[], ok: (v: number) => boolean, show: (v: number) => number) => {
    const items: string[] = [];
    const figures: Record<string, number> = {};
    if (values) {
      for (let i = 0; i < values.length; i++) {
        const v = values[i] ?? 0;
        if (v === 0) continue;
        const label = `${names[Math.floor(i / PAIR)] ?? ''} ${i % PAIR === CURRENT ? 'M' : 'M-12'}`;
        figures[label] = show(v);
        if (ok(v)) items.push(label);
      }
    }
    return { items, figures, any: values !== null && values.some((v) => v !== 0) };
  };
  const mcvOf = (v: number) => v / scale;
  const explanations = {
    netCustomerAdds: tenantMetric(
      facts,
      `${track}: ${addsNow} (tenant, workload) pairs with ≥ ${usd(floor)} USD in M, ${addsBase} in M-12`,
      explainTenants(facts, usage, 'bizAppsNca', (t) => {
        const list = pairList(t.bizRevenueNca, ncaNames, (v) => v >= floor, usd);
        return { counted: list.items.length > 0, eligible: list.any, reason: 'below-floor', figures: list.figures, items: list.items };
      }),
    ),
    intermediateCertifications: withTenantsNotApplicable(facts, skilling.intermediate.explanation),
    advancedCertifications: withTenantsNotApplicable(facts, skilling.advanced.explanation),
    usageGrowth: tenantMetric(
      facts,
      `MCV M ${mcvOf(mcvNow)} against M-12 ${mcvOf(mcvBase)} (minimum base ${mcvOf(ba.usageGrowth.minBaseScaledMcv[track])})`,
      explainTenants(facts, usage, 'bizAppsSuccess', (t) => {
        const list = pairList(t.bizScaledMcv, csNames, (v) => v !== 0, mcvOf);
        return { counted: list.items.length > 0, eligible: list.any, reason: 'no-change', figures: list.figures, items: list.items };
      }),
      { currentMcv: mcvOf(mcvNow), baselineMcv: mcvOf(mcvBase) },
    ),
    deployments: tenantMetric(
      facts,
      `${track}: ${depNow} (tenant, workload) pairs with MCV ≥ ${mcvOf(minMcv)} in M, ${depBase} in M-12`,
      explainTenants(facts, usage, 'bizAppsSuccess', (t) => {
        const list = pairList(t.bizScaledMcv, csNames, (v) => v >= minMcv, mcvOf);
        return { counted: list.items.length > 0, eligible: list.any, reason: 'below-floor', figures: list.figures, items: list.items };
      }),
    ),
  };
  return singleTrack(trackResult(track, metrics, explanations), rules);
}

interface PairTotals {
  /** Pairs whose value in M (M−12) is at least the minimum. */
  atLeastNow: number;
  atLeastBase: number;
  /** The values summed over the pairs, M and M−12. */
  sumNow: number;
  sumBase: number;
}

/** Over every tenant's (workload: M, M−12) pairs of `values`: how many reach `min`, and the sums. */
function pairTotals(usage: PartnerUsage, values: (t: TenantUsage) => Float64Array | null, min: number): PairTotals {
  const totals: PairTotals = { atLeastNow: 0, atLeastBase: 0, sumNow: 0, sumBase: 0 };
  for (const t of usage.tenants) {
    const pairs = values(t);
    if (pairs === null) continue;
    for (let w = 0; w < pairs.length; w += PAIR) {
      const now = pairs[w + CURRENT] ?? 0;
      const base = pairs[w + BASELINE] ?? 0;
      totals.sumNow += now;
      totals.sumBase += base;
      if (now >= min) totals.atLeastNow++;
      if (base >= min) totals.atLeastBase++;
    }
  }
  return totals;
}
