// Business Applications (contract "businessApplications"): one classified track; (tenant, workload)
// pairs for net customer adds and deployments; monthly consumption value (MCV) for customer success.
import { fromInteger } from '../calendar/rational.js';
import type { PartnerFacts, Track } from '../facts/types.js';
import type { CompiledRules } from '../rules/compiled.js';
import { type AreaResult, singleTrack, trackResult } from './area-result.js';
import { explainTenants, tenantMetric, usd, withTenantsNotApplicable } from './explain-tenants.js';
import { BASELINE, CURRENT, type PartnerUsage } from './partner-usage.js';
import type { CountedPerson } from './people.js';
import { countMetric, type MetricResult, percentChange, unitPoints } from './points.js';
import { listedSkilling } from './skilling.js';

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

  let addsNow = 0;
  let addsBase = 0;
  let depNow = 0;
  let depBase = 0;
  let mcvNow = 0;
  let mcvBase = 0;
  for (const t of usage.tenants) {
    const revenue = t.bizRevenueNca;
    if (revenue !== null) {
      for (let w = 0; w < revenue.length; w += PAIR) {
        if ((revenue[w + CURRENT] ?? 0) >= floor) addsNow++;
        if ((revenue[w + BASELINE] ?? 0) >= floor) addsBase++;
      }
    }
    const mcv = t.bizScaledMcv;
    if (mcv !== null) {
      for (let w = 0; w < mcv.length; w += PAIR) {
        const now = mcv[w + CURRENT] ?? 0;
        const base = mcv[w + BASELINE] ?? 0;
        mcvNow += now;
        mcvBase += base;
        if (now >= minMcv) depNow++;
        if (base >= minMcv) depBase++;
      }
    }
  }

  const netCustomerAdds = countMetric(addsNow - addsBase, ba.netCustomerAdds);
  const deployments = countMetric(depNow - depBase, ba.deployments);
  const growth = percentChange(mcvNow, mcvBase);
  const growthPoints =
    growth !== null && mcvBase >= ba.usageGrowth.minBaseScaledMcv[track] ? unitPoints(growth, ba.usageGrowth) : fromInteger(0);
  const usageGrowth: MetricResult = { value: growth, points: growthPoints, maxPoints: ba.usageGrowth.maxPoints };
  const intermediate = listedSkilling(ba.intermediateCertifications, track, people, rules, explain);
  const advanced = listedSkilling(ba.advancedCertifications, track, people, rules, explain);

  const metrics = {
    netCustomerAdds,
    intermediateCertifications: intermediate.result,
    advancedCertifications: advanced.result,
    usageGrowth,
    deployments,
  };
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
    intermediateCertifications: withTenantsNotApplicable(facts, intermediate.explanation),
    advancedCertifications: withTenantsNotApplicable(facts, advanced.explanation),
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
