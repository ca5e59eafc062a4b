// Output of the scoring contract ("Output: one partner's scores") plus optional explanations.
import type { Area, Track } from '../facts/types.js';
import type { AreaExplanation } from './explanation.js';

export const METRIC_NAMES = [
  'netCustomerAdds',
  'intermediateCertifications',
  'advancedCertifications',
  'usageGrowth',
  'deployments',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface MetricScore {
  value: number | null;
  points: number;
  maxPoints: number;
}

export interface AreaScore {
  track: Track;
  trackTotals: Partial<Record<Track, number>>;
  metrics: Partial<Record<MetricName, MetricScore>>;
  total: number;
  qualifiesToday: boolean;
}

export interface PartnerScores {
  partnerId: string;
  asOf: string;
  rulesVersion: string;
  areas: Record<Area, AreaScore>;
  /** Present only when asked for (`--explain`): why each tenant and person did or did not count. */
  explanations?: Record<Area, AreaExplanation>;
}
