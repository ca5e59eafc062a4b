// points = clamp(value × maxPoints / threshold, 0, maxPoints), exactly.
import { clamp, fromInteger, multiply, ZERO, type Rational } from '../calendar/rational.js';
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
