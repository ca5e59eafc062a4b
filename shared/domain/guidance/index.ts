// Guidance: gap analysis (plans) — what would get an area to the qualifying total.
export {
  type CostOverride,
  costOverrideSchema,
  DEFAULT_COSTS,
  parseCosts,
  type ParseCostsResult,
  resolveCosts,
  usageCost,
} from './costs.js';
export { mergeAll, mergeFacts } from './merge.js';
export { planArea, type PlanOptions, planPartner, SEARCH_BOUNDS } from './plan.js';
export type { ActionDetail, ActionKind, AreaPlan, CostTable, FactsDelta, PartnerPlans, PlanAction, UsageUnit } from './types.js';
