// The guidance read model: plans (gap analysis) and forecasts of a stored partner, computed on request
// from its facts as last scored (the same facts `pcs facts` prints, so `pcs gap` / `pcs forecast` on
// them give the same answer). Cost per call: one single-partition query (the partner's documents).
import type { Area } from '../domain/facts/types.js';
import { forecastPartner } from '../domain/guidance/forecast.js';
import { planPartner } from '../domain/guidance/plan.js';
import type { AreaPlan, CostTable, PartnerForecast, PartnerPlans } from '../domain/guidance/types.js';
import type { RuleCatalog } from '../domain/rules/catalog-schema.js';
import { type Status } from '../domain/status/types.js';
import { designationView } from '../domain/status/view.js';
import { type DayRange } from '../domain/status/window.js';
import type { AtRisk } from '../pipeline/guidance.js';
import { hasFacts, PartnerRepository, type PartnerStore } from '../pipeline/partner-repository.js';
import { factsAsScored } from '../pipeline/stored-facts.js';

export interface GuidanceReadDeps extends PartnerStore {
  rules: RuleCatalog;
  /** The as-of day for a partner that was never scored (scoring-day.ts of now). */
  fallbackAsOf: () => string;
}

export interface RecommendedArea extends AreaPlan {
  /** The area's status as stored (null before the first recompute). */
  status: Status | null;
  /** Enrolled areas: whether a qualifying day in the renewal eligibility window is recorded yet. */
  eligibleToRenew: boolean | null;
  eligibilityWindow: DayRange | null;
  /** From the last nightly run: the forecast that fails and why. */
  atRisk: AtRisk | null;
}

export interface PartnerRecommendations extends Omit<PartnerPlans, 'areas'> {
  areas: Partial<Record<Area, RecommendedArea>>;
}

async function storedFacts(deps: GuidanceReadDeps, partnerId: string) {
  const loaded = await new PartnerRepository(deps).load(partnerId);
  return hasFacts(loaded) ? factsAsScored(loaded, partnerId, deps.fallbackAsOf()) : undefined;
}

export async function readPartnerRecommendations(
  deps: GuidanceReadDeps,
  partnerId: string,
  options: { area?: Area; costs?: Partial<CostTable> } = {},
): Promise<PartnerRecommendations | undefined> {
  const stored = await storedFacts(deps, partnerId);
  if (!stored) return undefined;
  const plans = planPartner(stored.facts, deps.rules, options);
  const view = stored.state ? designationView(stored.state.designations) : null;
  const areas: PartnerRecommendations['areas'] = {};
  for (const [area, plan] of Object.entries(plans.areas) as [Area, AreaPlan][]) {
    const a = view?.areas.find((v) => v.area === area);
    areas[area] = {
      ...plan,
      status: a?.status ?? null,
      eligibleToRenew: a?.eligibleToRenew ?? null,
      eligibilityWindow: a?.anniversary ? a.window : null,
      atRisk: stored.state?.atRisk?.[area] ?? null,
    };
  }
  return { ...plans, areas };
}

export async function readPartnerForecast(deps: GuidanceReadDeps, partnerId: string): Promise<PartnerForecast[] | undefined> {
  const stored = await storedFacts(deps, partnerId);
  return stored ? forecastPartner(stored.facts, deps.rules).forecasts : undefined;
}
