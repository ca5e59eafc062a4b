// Guidance: gap analysis (plans) — what would get an area to the qualifying total.
export { planPartner, planArea, SEARCH_BOUNDS, type PlanOptions } from './plan.js';
export { mergeFacts, mergeAll } from './merge.js';
export { DEFAULT_COSTS, parseCosts, resolveCosts, usageCost, costOverrideSchema, type CostOverride, type ParseCostsResult } from './costs.js';
export type { ActionDetail, ActionKind, AreaPlan, CostTable, FactsDelta, PartnerPlans, PlanAction, UsageUnit } from './types.js';
