// Pure: a partner's stored documents + its previous designation state + the day → facts, score (with
// explanations) and the advanced designation state. No I/O; recompute.ts does the reading and writing.
//
// Order of scoring and the status machine (the Azure track is the only thing enrollment changes in a
// score; status README, azureTrack.ts):
//   1. Score with no enrollment: the scorer classifies the Azure track (`classifiedAzureTrack`).
//   2. The enrollment to score with is enrollmentForScoring(previous state); if it carries a frozen
//      Azure track other than the classified one, score again with it.
//   3. advanceDesignations(previous state, today's results, classified track, the profile's enrollment
//      fact). The machine applies a new enrollment fact (and its named track) on its observed day.
//   4. If the enrollment after the run scores on another Azure track than step 2 used (a fact that names
//      a track, a freeze, a renewal refreeze or a lapse today), score again with it and redo step 3 from
//      the previous state with those results (advanceDesignations is pure, so redoing is safe). So a
//      fact with a named track counts the day it arrives. One redo only: should the redone run change
//      the track once more (an automatic Azure enrollment that only the new track's score triggers),
//      the next run picks it up.
// The enrollment recorded with the score (and printed by `pcs facts`) is the one after the run; it
// scores exactly like the one used (same effective Azure track).
//
// Backfill (status backfill.ts): for a partner seen for the first time, each past day d of the window
// (the current month and the five before it) is scored as the pipeline would have scored it on d —
// as of scoringDay(d, DATA_COMPLETE_DAY).asOf — from the facts as they stand now (the profile's
// enrollment included, so a named Azure track counts). Per day, not per month end: before the
// data-complete day a day is scored as of the previous month's end, from it on as of the day itself.
// Days sharing an as-of day share one score (~75 distinct of ~180 days), and so do as-of days that score
// alike (same scoring month, same people and certifications counting: scoringDayKey), so a partner
// without dated people facts in the window is scored about once per month. The results go to both
// advanceDesignations calls (step 3 and its redo).
import { sha256Hex } from '../domain/changes/canonical.js';
import type { CustomerDoc, PersonDoc, ProfileDoc } from '../domain/changes/docs.js';
import { buildFacts } from '../domain/changes/facts.js';
import { type Area, AREAS, type Enrollment, type IsoDate, type PartnerFacts, type Track } from '../domain/facts/types.js';
import type { RuleCatalog } from '../domain/rules/catalog-schema.js';
import { type AreaExplanation } from '../domain/scoring/explanation.js';
import { scorePartner, scoringDayKey } from '../domain/scoring/score-partner.js';
import { type PartnerScores } from '../domain/scoring/types.js';
import { enrollmentForScoring } from '../domain/status/azureTrack.js';
import { backfillDays, needsBackfill } from '../domain/status/backfill.js';
import { advanceDesignations, type AdvanceResult, AZURE_AREAS } from '../domain/status/machine.js';
import { type AreaResult, type BackfillDay, type DesignationState, type EnrollmentFact } from '../domain/status/types.js';
import { canonicalText } from './canonical-fast.js';
import { DEFAULT_DATA_COMPLETE_DAY, scoringDay } from './scoring-day.js';

export interface ComputeInput {
  partnerId: string;
  profile: ProfileDoc | null;
  customers: readonly CustomerDoc[];
  people: readonly PersonDoc[];
  previous: DesignationState | null;
  /** The UTC day of the run (the machine's clock). */
  today: IsoDate;
  /** The day scored as of (scoring-day.ts). */
  asOf: IsoDate;
  rules: RuleCatalog;
  /** DATA_COMPLETE_DAY, for the as-of day of backfilled days (default DEFAULT_DATA_COMPLETE_DAY). */
  dataCompleteDay?: number;
  /**
   * The facts as buildFacts gives them for the documents, when the caller has them already (the change
   * path builds them from the facts aggregate, facts-aggregate.ts); then `customers` and `people` are not read.
   */
  facts?: PartnerFacts;
  /** Build the explanations (default true); the change path does not store them, so it passes false. */
  explain?: boolean;
}

export interface ComputeResult {
  /** The facts as scored, enrollment included: `pcs score` on them gives `score`. */
  facts: PartnerFacts;
  factsVersion: string;
  score: PartnerScores;
  explanations: Record<Area, AreaExplanation>;
  classifiedAzureTrack: Track;
  enrollmentFact: EnrollmentFact | null;
  advance: AdvanceResult;
  /** Past days scored for the backfill (0 when the partner was seen before today). */
  backfilledDays: number;
}

/** The profile's enrollment register as the status machine's enrollment fact (null: never reported). */
export function enrollmentFactOf(profile: ProfileDoc | null): EnrollmentFact | null {
  const register = profile?.enrollment;
  if (!register) return null;
  const value = register.deleted ? null : (register.value ?? null);
  return {
    anniversary: value?.anniversary ?? null,
    areas: value ? [...value.areas] : [],
    azureTrack: value?.azureTrack ?? null,
    observedAt: register.observedAt,
    source: 'partner-center',
  };
}

/** The Azure track a score with this enrollment uses (the scorer's rule, azure-areas.ts). */
function effectiveTrack(enrollment: Enrollment | null, classified: Track): Track {
  if (enrollment && enrollment.azureTrack !== null && enrollment.areas.some((a) => AZURE_AREAS.includes(a))) {
    return enrollment.azureTrack;
  }
  return classified;
}

/** Per area: total and qualifiesToday; Azure areas also the track scored on (the frozen track reads it, §1.5). */
function areaResults(score: PartnerScores): Record<Area, AreaResult> {
  const out = {} as Record<Area, AreaResult>;
  for (const area of AREAS) {
    const a = score.areas[area];
    out[area] = AZURE_AREAS.includes(area)
      ? { total: a.total, qualifies: a.qualifiesToday, track: a.track }
      : { total: a.total, qualifies: a.qualifiesToday };
  }
  return out;
}

/**
 * The backfill's results: each day before `today` from backfillDays, scored as of its own scoring day
 * with `base` (the facts as they stand, the profile's enrollment in them). One score per as-of day.
 */
export function backfillResults(
  base: PartnerFacts,
  rules: RuleCatalog,
  today: IsoDate,
  anniversary: IsoDate | null,
  dataCompleteDay: number,
): BackfillDay[] {
  // Days sharing a scoring key (same scoring month, same people and certifications counting: most
  // as-of days of a month) share one score, exactly (scoringDayKey).
  const byAsOf = new Map<IsoDate, Record<Area, AreaResult>>();
  const byKey = new Map<string, Record<Area, AreaResult>>();
  // scoringDay of each day at 00:00 UTC: the day itself from the data-complete day on, else the previous
  // month's end (the same for every such day of a month: asked once per month).
  const monthStart = new Map<string, IsoDate>();
  const asOfOf = (day: IsoDate, i: number): IsoDate => {
    if (i > 0 && Number(day.slice(8, 10)) >= dataCompleteDay) return day;
    const month = day.slice(0, 7);
    let asOf = monthStart.get(month);
    if (asOf === undefined) {
      asOf = scoringDay(new Date(`${day}T00:00:00.000Z`), dataCompleteDay).asOf;
      if (asOf === day) return day; // the first day (always asked: it checks dataCompleteDay), on or after the data-complete day
      monthStart.set(month, asOf);
    }
    return asOf;
  };
  return backfillDays(today, anniversary).map((day, i) => {
    const asOf = asOfOf(day, i);
    let results = byAsOf.get(asOf);
    if (!results) {
      const key = scoringDayKey(base, rules, asOf);
      results = byKey.get(key);
      if (!results) {
        results = areaResults(scorePartner({ ...base, asOf }, rules, asOf));
        byKey.set(key, results);
      }
      byAsOf.set(asOf, results);
    }
    return { day, areaResults: results };
  });
}

export function computePartner(input: ComputeInput): ComputeResult {
  const { partnerId, today, asOf, rules, previous } = input;
  const base = input.facts ?? buildFacts(input.profile, input.customers, input.people, asOf, partnerId);
  const enrollmentFact = enrollmentFactOf(input.profile);
  const explain = input.explain !== false;
  const score = (enrollment: Enrollment | null) => scorePartner({ ...base, enrollment }, rules, asOf, { explain });
  const backfill = needsBackfill(previous, today)
    ? backfillResults(base, rules, today, enrollmentFact?.anniversary ?? null, input.dataCompleteDay ?? DEFAULT_DATA_COMPLETE_DAY)
    : null;

  const unfrozen = score(null);
  const classified: Track = unfrozen.areas.dataAi.track;
  const advance = (s: PartnerScores) =>
    advanceDesignations(previous, {
      partnerId,
      today,
      areaResults: areaResults(s),
      classifiedAzureTrack: classified,
      enrollmentFact,
      backfill,
    });

  let used = enrollmentForScoring(previous, classified);
  let scores = effectiveTrack(used, classified) === classified ? unfrozen : score(used);
  let result = advance(scores);
  const after = enrollmentForScoring(result.state, classified);
  if (effectiveTrack(after, classified) !== effectiveTrack(used, classified)) {
    scores = effectiveTrack(after, classified) === classified ? unfrozen : score(after);
    result = advance(scores);
  }
  used = after;

  const facts: PartnerFacts = { ...base, enrollment: used };
  const { explanations, ...withoutExplanations } = scores;
  return {
    facts,
    factsVersion: sha256Hex(canonicalText(facts)),
    score: withoutExplanations,
    explanations: explanations ?? ({} as Record<Area, AreaExplanation>),
    classifiedAzureTrack: classified,
    enrollmentFact,
    advance: result,
    backfilledDays: backfill?.length ?? 0,
  };
}
