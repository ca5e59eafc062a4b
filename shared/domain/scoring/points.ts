// points = clamp(value × maxPoints / threshold, 0, maxPoints), exactly; and the small formulas the
// areas share (percent change, active share).
import { clamp, divide, fromInteger, multiply, type Rational, subtract, ZERO } from '../calendar/rational.js';
import type { CompiledUnit } from '../rules/compiled.js';

export interface MetricResult {
  /** Output value (count, %, users, point sum); null when the contract says so. */
  value: Rational | null;
  points: Rational;
  maxPoints: number;
}

export function unitPoints(value: Rational, metric: CompiledUnit): Rational {
  return clamp(multiply(value, metric.perUnit), ZERO, metric.max);
}

export function countMetric(count: number, metric: CompiledUnit): MetricResult {
  const value = fromInteger(count);
  return { value, points: unitPoints(value, metric), maxPoints: metric.maxPoints };
}

export const PERCENT = 100;

/** (now − base) / base × 100, exactly; null when there is no base to compare with. */
export function percentChange(now: number, base: number): Rational | null {
  if (base === 0) return null;
  return multiply(divide(subtract(fromInteger(now), fromInteger(base)), fromInteger(base)), fromInteger(PERCENT));
}

/**
 * users / seatSum ≥ shareN / shareD, in integers (the share is the catalog's fraction, passed as
 * numerator and denominator so the per-tenant test stays free of bigint). False without seats.
 */
export function atLeastShare(users: number, seatSum: number, shareN: number, shareD: number): boolean {
  return seatSum > 0 && users * shareD >= shareN * seatSum;
}
