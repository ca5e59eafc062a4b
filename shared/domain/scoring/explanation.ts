// Explanations: for every area and metric, every tenant and every person of the facts, counted or
// excluded with a reason from a closed list. Built only when asked for, so plain scoring stays fast.
import type { Track } from '../facts/types.js';
import type { MetricName } from './types.js';

export const EXCLUSION_REASONS = [
  // tenants
  'not-commercial-cloud',
  'no-usage',
  'no-eligible-usage',
  'association-not-eligible',
  'association-inactive',
  'offer-not-standard',
  'service-not-listed',
  'workload-not-listed',
  'activity-not-eligible',
  'below-floor',
  'outside-band',
  'below-ratio',
  'outside-ttm-range',
  'already-deployed-at-start',
  'excluded-service',
  'no-change',
  // people
  'not-linked',
  'no-listed-certification',
  'certification-not-yet-earned',
  'certification-expired',
  'certification-retired',
  'gate-not-met',
  // either, on a metric that counts the other kind
  'metric-counts-people',
  'metric-counts-customers',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface TenantEntry {
  tenantId: string;
  counted: boolean;
  reason?: ExclusionReason;
  /** Month figures used (amounts in USD, seats, users, MCV), keyed like "M" / "M-12". */
  figures?: Record<string, number | string | null>;
  /** Workloads or services that counted for this tenant. */
  counted_items?: string[];
}

export interface PersonEntry {
  personId: string;
  counted: boolean;
  reason?: ExclusionReason;
  /** Certifications that made this person count, with the step they count in. */
  certifications?: string[];
}

export interface MetricExplanation {
  summary: string;
  figures?: Record<string, number | string | null>;
  tenants: TenantEntry[];
  people: PersonEntry[];
}

export interface AreaExplanation {
  track: Track;
  metrics: Partial<Record<MetricName, MetricExplanation>>;
}
