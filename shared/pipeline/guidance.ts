// Pure: the nightly guidance of one partner — the two forecasts, a plan per area that does not qualify
// today, and which areas are at risk (qualify or are enrolled today, and a forecast fails), each with
// the metric that drops and the plan, made on the forecast's facts, that would hold it. Computed by the
// nightly recompute and on request (API, CLI), never on the change path.
import { type Area, AREAS, type IsoDate, type PartnerFacts } from '../domain/facts/types.js';
import { failingMetric, forecastPartner, type ForecastResult } from '../domain/guidance/forecast.js';
import { planPartner } from '../domain/guidance/plan.js';
import type { AreaPlan, PartnerForecast, PartnerPlans } from '../domain/guidance/types.js';
import type { RuleCatalog } from '../domain/rules/catalog-schema.js';
import type { MetricName, PartnerScores } from '../domain/scoring/types.js';
import { type OutboxEntry, outboxId } from '../domain/status/outbox.js';
import { type DesignationState } from '../domain/status/types.js';

export const GUIDANCE_DOC_ID = 'guidance';

export interface AtRisk {
  /** The month (of `today`) the warning is for: one at-risk mail per area per month. */
  month: string;
  forecastAsOf: IsoDate;
  total: number;
  metric: MetricName;
  reason: string;
}

export interface AtRiskWithPlan extends AtRisk {
  /** Gap analysis on the failing forecast's facts: what would hold the area. */
  plan: AreaPlan;
}

export interface PartnerGuidance {
  forecasts: PartnerForecast[];
  plans: PartnerPlans;
  atRisk: Partial<Record<Area, AtRiskWithPlan>>;
}

export interface GuidanceDoc extends PartnerGuidance {
  id: typeof GUIDANCE_DOC_ID;
  docType: 'guidance';
  partnerId: string;
  asOf: IsoDate;
  /** The first nightly run that computed this content: later runs that found the same leave it as it is. */
  today: IsoDate;
  factsVersion: string;
  [field: string]: unknown;
}

const HELD_STATUSES = new Set(['enrolled', 'renewalDue']);

function oneDecimal(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** At-risk areas: qualify or are enrolled today and a forecast (next month first) does not qualify. */
export function atRiskAreas(
  forecast: ForecastResult,
  designations: DesignationState | null,
  today: IsoDate,
): Partial<Record<Area, AtRisk & { forecastIndex: number }>> {
  const out: Partial<Record<Area, AtRisk & { forecastIndex: number }>> = {};
  for (const area of AREAS) {
    const now = forecast.today.areas[area];
    const held = now.qualifiesToday || HELD_STATUSES.has(designations?.areas[area].status ?? 'inProgress');
    if (!held) continue;
    const index = forecast.forecasts.findIndex((f) => !f.areas[area].qualifiesToday);
    if (index === -1) continue;
    const later = forecast.forecasts[index]!;
    const metric = failingMetric(now, later.areas[area]);
    if (metric === null) continue;
    out[area] = {
      month: today.slice(0, 7),
      forecastAsOf: later.asOf,
      total: later.areas[area].total,
      metric,
      reason:
        later.areas[area].flag?.reason ??
        `does not qualify on ${later.asOf} (total ${oneDecimal(later.areas[area].total)}; ${metric} at ${oneDecimal(later.areas[area].metrics[metric]?.points ?? 0)} points)`,
      forecastIndex: index,
    };
  }
  return out;
}

export function computeGuidance(
  facts: PartnerFacts,
  score: PartnerScores,
  designations: DesignationState | null,
  today: IsoDate,
  rules: RuleCatalog,
): PartnerGuidance {
  const forecast = forecastPartner(facts, rules, score);
  const atRisk: PartnerGuidance['atRisk'] = {};
  for (const [area, risk] of Object.entries(atRiskAreas(forecast, designations, today)) as [Area, AtRisk & { forecastIndex: number }][]) {
    const { forecastIndex, ...rest } = risk;
    const plan = planPartner(forecast.facts[forecastIndex]!, rules, { area }).areas[area]!;
    atRisk[area] = { ...rest, plan };
  }
  return { forecasts: forecast.forecasts, plans: planPartner(facts, rules), atRisk };
}

/** Summary kept in the state document (what the status API and the at-risk mail's settle check read). */
export function atRiskSummary(guidance: PartnerGuidance): Partial<Record<Area, AtRisk>> {
  const out: Partial<Record<Area, AtRisk>> = {};
  for (const [area, { plan: _plan, ...risk }] of Object.entries(guidance.atRisk) as [Area, AtRiskWithPlan][]) out[area] = risk;
  return out;
}

/** One at-risk outbox entry per area per month (the id carries the month, so a repeat is a no-op). */
export function atRiskEntries(
  partnerId: string,
  atRisk: Partial<Record<Area, AtRisk>>,
  designations: DesignationState,
  today: IsoDate,
): OutboxEntry[] {
  return (Object.entries(atRisk) as [Area, AtRisk][]).map(([area, risk]) => ({
    id: outboxId(partnerId, area, 'at-risk', risk.month),
    partnerId,
    area,
    kind: 'at-risk',
    day: today,
    status: designations.areas[area].status,
    cause: null,
    anniversary: designations.areas[area].enrollment ? (designations.enrollment?.anniversary ?? null) : null,
    eligibleToRenew: null,
    reminder: null,
  }));
}
