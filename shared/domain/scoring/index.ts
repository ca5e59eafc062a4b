export { scorePartner, type ScoreOptions } from './score-partner.js';
export type { PartnerScores, AreaScore, MetricScore, MetricName } from './types.js';
export { METRIC_NAMES } from './types.js';
export type { AreaExplanation, MetricExplanation, ExclusionReason, TenantEntry, PersonEntry } from './explanation.js';
export { EXCLUSION_REASONS } from './explanation.js';
