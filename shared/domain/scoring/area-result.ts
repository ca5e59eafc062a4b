// Assembling an area's result from metric results: total, qualification, best-of tracks.
import { add, compare, isPositive, type Rational, ZERO } from '../calendar/rational.js';
import type { PartnerFacts, Track } from '../facts/types.js';
import type { CompiledRules } from '../rules/compiled.js';
import type { MetricExplanation } from './explanation.js';
import type { PartnerUsage } from './partner-usage.js';
import type { CountedPerson } from './people.js';
import type { MetricResult } from './points.js';
import type { MetricName } from './types.js';

export type MetricResults = Partial<Record<MetricName, MetricResult>>;
export type MetricExplanations = Partial<Record<MetricName, MetricExplanation>>;

export interface TrackResult {
  track: Track;
  metrics: MetricResults;
  total: Rational;
  explanations: MetricExplanations | null;
}

export interface AreaResult {
  track: Track;
  trackTotals: Partial<Record<Track, Rational>>;
  metrics: MetricResults;
  total: Rational;
  qualifiesToday: boolean;
  explanations: MetricExplanations | null;
}

export function trackResult(track: Track, metrics: MetricResults, explanations: MetricExplanations | null): TrackResult {
  let total = ZERO;
  for (const metric of Object.values(metrics)) total = add(total, metric.points);
  return { track, metrics, total, explanations };
}

/** One computed track (Azure areas, Business Applications). */
export function singleTrack(result: TrackResult, rules: CompiledRules): AreaResult {
  return {
    track: result.track,
    trackTotals: { [result.track]: result.total },
    metrics: result.metrics,
    total: result.total,
    qualifiesToday: qualifies(result, rules),
    explanations: result.explanations,
  };
}

/** What scores one area (its inputs are the same for every area; score-area.ts, score-partner.ts). */
export type AreaScorer = (
  facts: PartnerFacts,
  usage: PartnerUsage,
  people: readonly CountedPerson[],
  rules: CompiledRules,
  explain: boolean,
) => AreaResult;

/** What scores one track of an area that computes both. */
export type TrackScorer = (
  track: Track,
  facts: PartnerFacts,
  usage: PartnerUsage,
  people: readonly CountedPerson[],
  rules: CompiledRules,
  explain: boolean,
) => TrackResult;

/** An area scored on both tracks by `scoreTrack`, the best of them kept (bestTrack). */
export function bothTracks(scoreTrack: TrackScorer): AreaScorer {
  return (facts, usage, people, rules, explain) =>
    bestTrack(
      scoreTrack('enterprise', facts, usage, people, rules, explain),
      scoreTrack('smb', facts, usage, people, rules, explain),
      rules,
    );
}

/** Both tracks computed; the higher total wins, a tie goes to enterprise (Modern Work, Security). */
export function bestTrack(enterprise: TrackResult, smb: TrackResult, rules: CompiledRules): AreaResult {
  const chosen = compare(smb.total, enterprise.total) > 0 ? smb : enterprise;
  return {
    ...singleTrack(chosen, rules),
    trackTotals: { enterprise: enterprise.total, smb: smb.total },
  };
}

function qualifies(result: TrackResult, rules: CompiledRules): boolean {
  return compare(result.total, rules.qualifyingTotal) >= 0 && Object.values(result.metrics).every((metric) => isPositive(metric.points));
}
