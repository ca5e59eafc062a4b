// Forecast: the same partner scored on the same day of next month and of the month after, with last
// month's usage carried forward. So the comparison months move on by one and the known year-ago
// baselines speak: a strong month M−11 becomes next month's M−12 and growth falls, before it happens.
//
// Carried-forward facts for a forecast k months ahead (k = 1, 2): every usage record of month M (the
// month before asOf's month) is copied, unchanged but for its month, to M+1 … M+k; people,
// certifications and associations stay as they stand, so expiries, link ends, association ends and
// retirement grace apply at the forecast day by the scoring contract's own rules.
import { daysInMonth, dayText, monthIndex, monthText } from '../calendar/dates.js';
import { type Area, AREAS, type IsoDate, type PartnerFacts } from '../facts/types.js';
import type { RuleCatalog } from '../rules/catalog-schema.js';
import { scorePartner } from '../scoring/score-partner.js';
import { type AreaScore, METRIC_NAMES, type MetricName, type PartnerScores } from '../scoring/types.js';
import type { ForecastArea, PartnerForecast } from './types.js';

export const FORECAST_MONTHS = [1, 2] as const;

/** The same day `months` later, clamped once to that month's end (31 Jan + 1 → 28 Feb; + 2 → 31 Mar). */
export function sameDayMonthsLater(day: IsoDate, months: number): IsoDate {
  const index = monthIndex(day) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return dayText(year, month, Math.min(Number(day.slice(8, 10)), daysInMonth(year, month)));
}

/** `facts` as they would stand `months` months after asOf: month M's usage copied to M+1 … M+months. */
export function carriedForwardFacts(facts: PartnerFacts, months: number): PartnerFacts {
  const m = monthIndex(facts.asOf) - 1;
  const lastMonth = monthText(m);
  return {
    ...facts,
    asOf: sameDayMonthsLater(facts.asOf, months),
    customers: facts.customers.map((customer) => {
      const carried = customer.usage.filter((u) => u.month === lastMonth);
      if (carried.length === 0) return customer;
      const copies = [];
      for (let k = 1; k <= months; k++) for (const u of carried) copies.push({ ...u, month: monthText(m + k) });
      return { ...customer, usage: [...customer.usage, ...copies] };
    }),
  };
}

/**
 * The metric to name when `later` fails: one whose points fall to 0, else the one that loses most
 * points, else one at 0, else the one furthest below its maximum. Null when `later` qualifies.
 */
export function failingMetric(today: AreaScore, later: AreaScore): MetricName | null {
  if (later.qualifiesToday) return null;
  const names = METRIC_NAMES.filter((n) => later.metrics[n] !== undefined);
  const points = (s: AreaScore, n: MetricName) => s.metrics[n]?.points ?? 0;
  const fellToZero = names.find((n) => points(today, n) > 0 && points(later, n) === 0);
  if (fellToZero) return fellToZero;
  let best: MetricName | null = null;
  let bestDrop = 0;
  for (const n of names) {
    const drop = points(today, n) - points(later, n);
    if (drop > bestDrop) [best, bestDrop] = [n, drop];
  }
  if (best) return best;
  const atZero = names.find((n) => points(later, n) === 0);
  if (atZero) return atZero;
  let furthest: MetricName | null = null;
  let gap = -1;
  for (const n of names) {
    const m = later.metrics[n];
    if (m && m.maxPoints - m.points > gap) [furthest, gap] = [n, m.maxPoints - m.points];
  }
  return furthest;
}

const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);

/**
 * Flag of a forecast area: null unless it falls — its total from ≥ minTotal (70) today to below it, or a metric
 * from more than 0 points today to 0 — then the metric and why in words (English; mails word it
 * themselves).
 */
export function forecastFlag(today: AreaScore, later: AreaScore, minTotal: number): ForecastArea['flag'] {
  const metric = failingMetric(today, later);
  if (metric === null) return null;
  const before = today.metrics[metric]?.points ?? 0;
  const after = later.metrics[metric]?.points ?? 0;
  if (before > 0 && after === 0) {
    return { metric, reason: `${metric} falls to 0 points (from ${oneDecimal(before)}): the area stops qualifying` };
  }
  if (today.total >= minTotal && later.total < minTotal) {
    return {
      metric,
      reason: `total falls below ${minTotal} (${oneDecimal(today.total)} → ${oneDecimal(later.total)}): ${metric} drops from ${oneDecimal(before)} to ${oneDecimal(after)} points`,
    };
  }
  return null;
}

function withFlags(today: PartnerScores, later: PartnerScores, minTotal: number): PartnerForecast {
  const areas = {} as Record<Area, ForecastArea>;
  for (const area of AREAS) areas[area] = { ...later.areas[area], flag: forecastFlag(today.areas[area], later.areas[area], minTotal) };
  return { partnerId: later.partnerId, asOf: later.asOf, rulesVersion: later.rulesVersion, areas };
}

export interface ForecastResult {
  today: PartnerScores;
  /** Next month's and the month after's, in that order. */
  forecasts: PartnerForecast[];
  /** The carried-forward facts each forecast scored (same order): what the at-risk plan is made on. */
  facts: PartnerFacts[];
}

/** Today's score and the two forecasts. `today` may be passed when already computed. */
export function forecastPartner(facts: PartnerFacts, rules: RuleCatalog, today?: PartnerScores): ForecastResult {
  const now = today ?? scorePartner(facts, rules, facts.asOf);
  const carried = FORECAST_MONTHS.map((k) => carriedForwardFacts(facts, k));
  const forecasts = carried.map((f) => withFlags(now, scorePartner(f, rules, f.asOf), rules.qualification.minTotal));
  return { today: now, forecasts, facts: carried };
}
