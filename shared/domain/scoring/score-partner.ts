// scorePartner: one partner's facts → the Partner Capability Score of all six areas on day asOf,
// exactly by the scoring contract. Pure: no clock, no I/O.
import { type Rational, toNumber } from '../calendar/rational.js';
import { type Area, AREAS, type PartnerFacts, type Track } from '../facts/types.js';
import type { RuleCatalog } from '../rules/catalog-schema.js';
import { compileRules } from '../rules/compiled.js';
import type { AreaResult } from './area-result.js';
import { scoreAzureAreas } from './azure-areas.js';
import { scoreBusinessApplications } from './business-applications.js';
import type { AreaExplanation, MetricExplanation } from './explanation.js';
import { scoreModernWork } from './modern-work.js';
import { scoringMonths } from './months.js';
import { aggregateUsage } from './partner-usage.js';
import { countPeople, peopleDayKey } from './people.js';
import { scoreSecurity } from './security.js';
import { type AreaScore, METRIC_NAMES, type MetricName, type MetricScore, type PartnerScores } from './types.js';

export interface ScoreOptions {
  /** Include `explanations` (which tenants and people counted and why others did not). */
  explain?: boolean;
}

export function scorePartner(
  facts: PartnerFacts,
  catalog: RuleCatalog,
  asOf: string = facts.asOf,
  options: ScoreOptions = {},
): PartnerScores {
  const rules = compileRules(catalog);
  const explain = options.explain === true;
  const months = scoringMonths(asOf);
  const usage = aggregateUsage(facts, rules, months, explain);
  const people = countPeople(facts.people, rules, asOf, explain);
  const results: Record<Area, AreaResult> = {
    ...scoreAzureAreas(facts, usage, people, rules, explain),
    businessApplications: scoreBusinessApplications(facts, usage, people, rules, explain),
    modernWork: scoreModernWork(facts, usage, people, rules, explain),
    security: scoreSecurity(facts, usage, people, rules, explain),
  };
  const areas = {} as Record<Area, AreaScore>;
  for (const area of AREAS) areas[area] = areaScore(results[area]);
  const scores: PartnerScores = { partnerId: facts.partnerId, asOf, rulesVersion: rules.rulesVersion, areas };
  if (explain) {
    const explanations = {} as Record<Area, AreaExplanation>;
    for (const area of AREAS) {
      const result = results[area];
      // In the contract's metric order, leaving out metrics the area does not have.
      const metrics: Partial<Record<MetricName, MetricExplanation>> = {};
      for (const name of METRIC_NAMES) {
        const e = result.explanations?.[name];
        if (e) metrics[name] = e;
      }
      explanations[area] = { track: result.track, metrics };
    }
    scores.explanations = explanations;
  }
  return scores;
}

/**
 * A key for the as-of day: two days with the same key (same facts, same catalog) give the same
 * scorePartner result without explanations, apart from its `asOf` field. A score reads the day only
 * through the scoring months (its month) and which people are linked and which of their certifications
 * count on it (countPeople); usage, associations and customers are read by month. The backfill
 * (shared/pipeline/compute.ts) scores each distinct key once instead of each distinct day.
 */
export function scoringDayKey(facts: PartnerFacts, catalog: RuleCatalog, asOf: string): string {
  return `${scoringMonths(asOf).m}|${peopleDayKey(facts.people, compileRules(catalog), asOf)}`;
}

function areaScore(result: AreaResult): AreaScore {
  const trackTotals: Partial<Record<Track, number>> = {};
  for (const [track, total] of Object.entries(result.trackTotals) as [Track, Rational][]) trackTotals[track] = toNumber(total);
  const metrics: AreaScore['metrics'] = {};
  for (const name of METRIC_NAMES) {
    const metric = result.metrics[name];
    if (!metric) continue;
    const score: MetricScore = {
      value: metric.value === null ? null : toNumber(metric.value),
      points: toNumber(metric.points),
      maxPoints: metric.maxPoints,
    };
    metrics[name] = score;
  }
  return {
    track: result.track,
    trackTotals,
    metrics,
    total: toNumber(result.total),
    qualifiesToday: result.qualifiesToday,
  };
}
