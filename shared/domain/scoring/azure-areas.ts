// Data & AI, Infrastructure, Digital & App Innovation (contract "Azure areas"): one track for the
// three areas, shared performance and customer-success metrics, area-specific step-gated skilling.
import { fromInteger } from '../calendar/rational.js';
import { type Area, AZURE_AREAS, type AzureArea, type PartnerFacts, type Track } from '../facts/types.js';
import type { CompiledRules, CompiledStepped } from '../rules/compiled.js';
import { type AreaResult, type MetricExplanations, type MetricResults, singleTrack, trackResult } from './area-result.js';
import { explainTenants, tenantMetric, usd, withTenantsNotApplicable } from './explain-tenants.js';
import { WINDOW } from './months.js';
import { F, figureAt, type PartnerUsage, type TenantUsage } from './partner-usage.js';
import type { CountedPerson } from './people.js';
import { countMetric, type MetricResult, PERCENT, percentChange, unitPoints } from './points.js';
import { steppedSkilling } from './skilling.js';

const acr = (t: TenantUsage, position: number) => figureAt(t.figures, F.azureAcr, position);

/** Frozen enrollment track, else smb when ≥ the catalog's share of tenants with ACR in M are smb. */
export function azureTrack(facts: PartnerFacts, usage: PartnerUsage, rules: CompiledRules): Track {
  const enrollment = facts.enrollment;
  if (enrollment && enrollment.azureTrack !== null && enrollment.areas.some((a) => (AZURE_AREAS as readonly Area[]).includes(a))) {
    return enrollment.azureTrack;
  }
  let active = 0;
  let smb = 0;
  for (const t of usage.tenants) {
    if (acr(t, usage.months.atM) > 0) {
      active++;
      if (t.customer.segment === 'smb') smb++;
    }
  }
  if (active === 0) return 'enterprise';
  return smb * PERCENT >= rules.azure.smbSharePercent * active ? 'smb' : 'enterprise';
}

export function scoreAzureAreas(
  facts: PartnerFacts,
  usage: PartnerUsage,
  people: readonly CountedPerson[],
  rules: CompiledRules,
  explain: boolean,
): Record<AzureArea, AreaResult> {
  const track = azureTrack(facts, usage, rules);
  const shared = sharedMetrics(facts, usage, rules, track, explain);
  const skilling = rules.azure.skilling;
  const area = (metrics: Partial<Record<'intermediateCertifications' | 'advancedCertifications', CompiledStepped>>) => {
    const results: MetricResults = { netCustomerAdds: shared.results.netCustomerAdds };
    const explanations: MetricExplanations | null = explain ? { netCustomerAdds: shared.explanations?.netCustomerAdds } : null;
    for (const name of ['intermediateCertifications', 'advancedCertifications'] as const) {
      const metric = metrics[name];
      if (!metric) continue;
      const skill = steppedSkilling(metric, track, people, rules, explain);
      results[name] = skill.result;
      if (explanations) explanations[name] = withTenantsNotApplicable(facts, skill.explanation);
    }
    results.usageGrowth = shared.results.usageGrowth;
    results.deployments = shared.results.deployments;
    if (explanations && shared.explanations) {
      explanations.usageGrowth = shared.explanations.usageGrowth;
      explanations.deployments = shared.explanations.deployments;
    }
    return singleTrack(trackResult(track, results, explanations), rules);
  };
  return {
    dataAi: area(skilling.dataAi),
    infrastructure: area(skilling.infrastructure),
    digitalAppInnovation: area(skilling.digitalAppInnovation),
  };
}

function sharedMetrics(
  facts: PartnerFacts,
  usage: PartnerUsage,
  rules: CompiledRules,
  track: Track,
  explain: boolean,
): { results: Required<Pick<MetricResults, 'netCustomerAdds' | 'usageGrowth' | 'deployments'>>; explanations: MetricExplanations | null } {
  const az = rules.azure;
  const { atM, atM1, atM12, atM13, ttmStart } = usage.months;
  const floor = az.netCustomerAdds.floorCents[track];

  // netCustomerAdds: tenants at the floor in X or X−1, M against M−12.
  const inSet = (t: TenantUsage, at: number) => acr(t, at) >= floor || acr(t, at - 1) >= floor;
  let current = 0;
  let baseline = 0;
  let cur = 0;
  let base = 0;
  let ttm = 0;
  for (const t of usage.tenants) {
    if (t.figures === null) continue;
    if (inSet(t, atM)) current++;
    if (inSet(t, atM12)) baseline++;
    cur += acr(t, atM);
    base += acr(t, atM12);
    for (let p = ttmStart; p < WINDOW; p++) ttm += acr(t, p);
  }
  const netCustomerAdds = countMetric(current - baseline, az.netCustomerAdds);

  // usageGrowth: month M against M−12, only when TTM ACR reaches the minimum.
  const ug = az.usageGrowth;
  const growth = percentChange(cur, base);
  let growthPoints = fromInteger(0);
  if (ttm >= ug.minTtmCents) {
    if (growth !== null) growthPoints = unitPoints(growth, ug);
    else if (cur > 0) growthPoints = ug.max;
  }
  const usageGrowth: MetricResult = { value: growth, points: growthPoints, maxPoints: ug.maxPoints };

  // deployments: distinct services (excluded ones left out at aggregation) with TTM ACR > 0.
  const services: string[] = [];
  for (const [key, cents] of usage.azureServiceTtm) if (cents > 0) services.push(usage.azureServiceNames.get(key) ?? key);
  const deployments = countMetric(services.length, az.deployments);

  const results = { netCustomerAdds, usageGrowth, deployments };
  if (!explain) return { results, explanations: null };

  const monthFigures = (t: TenantUsage) => ({
    M: usd(acr(t, atM)),
    'M-1': usd(acr(t, atM1)),
    'M-12': usd(acr(t, atM12)),
    'M-13': usd(acr(t, atM13)),
  });
  const hasAzure = (t: TenantUsage) => {
    for (let p = 0; p < WINDOW; p++) if (acr(t, p) !== 0) return true;
    return false;
  };
  return {
    results,
    explanations: {
      netCustomerAdds: tenantMetric(
        facts,
        `${track}: ${current} tenants with ≥ ${usd(floor)} USD ACR in M or M-1, ${baseline} in M-12 or M-13`,
        explainTenants(facts, usage, 'azure', (t) => {
          const inM = inSet(t, atM);
          const inBase = inSet(t, atM12);
          return {
            counted: inM || inBase,
            eligible: hasAzure(t),
            reason: 'below-floor',
            figures: { ...monthFigures(t), current: inM ? 'counted' : 'not counted', baseline: inBase ? 'counted' : 'not counted' },
          };
        }),
      ),
      usageGrowth: tenantMetric(
        facts,
        `ACR M ${usd(cur)} USD against M-12 ${usd(base)} USD; TTM ${usd(ttm)} USD (minimum ${usd(ug.minTtmCents)})`,
        explainTenants(facts, usage, 'azure', (t) => ({
          counted: acr(t, atM) !== 0 || acr(t, atM12) !== 0,
          eligible: hasAzure(t),
          reason: 'no-change',
          figures: monthFigures(t),
        })),
        { currentUsd: usd(cur), baselineUsd: usd(base), ttmUsd: usd(ttm) },
      ),
      deployments: tenantMetric(
        facts,
        `${services.length} services with ACR over TTM(M): ${services.join(', ') || 'none'}`,
        explainTenants(facts, usage, 'azure', (t) => {
          let sum = 0;
          for (let p = ttmStart; p < WINDOW; p++) sum += acr(t, p);
          return { counted: sum !== 0, eligible: hasAzure(t), reason: 'no-change', figures: { ttmUsd: usd(sum) } };
        }),
      ),
    },
  };
}
