export type { AreaExplanation, ExclusionReason, MetricExplanation, PersonEntry, TenantEntry } from './explanation.js';
export { EXCLUSION_REASONS } from './explanation.js';
export { type ScoreOptions, scorePartner, scoringDayKey } from './score-partner.js';
export type { AreaScore, MetricName, MetricScore, PartnerScores } from './types.js';
export { METRIC_NAMES } from './types.js';
