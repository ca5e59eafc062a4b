// The change pipeline: store, apply, recompute, status, nightly (issue 4 "Store and recompute").
export { applyPartnerChanges, validatePartnerChangeMessage, type ApplyOutcome } from './apply.js';
export { recomputePartner, type RecomputeOptions, type RecomputeOutcome } from './recompute.js';
export { queueNightlyRecompute, recomputeRequestSchema, recomputeMessageId, NIGHTLY_REASON, type RecomputeRequest } from './nightly.js';
export { computePartner, enrollmentFactOf, type ComputeInput, type ComputeResult } from './compute.js';
export { dispatchOutbox, notificationMessageFor } from './dispatch.js';
export { PartnerRepository, hasFacts, type LoadedPartner } from './partner-repository.js';
export { countingStore, type CountingStore, type StoreCounts } from './counting-store.js';
export { scoringDay, DEFAULT_DATA_COMPLETE_DAY, type ScoringDay } from './scoring-day.js';
export { readPartnerView, type PartnerView } from './view.js';
export { factsAsScored, type FactsAsScored } from './stored-facts.js';
export * from './state-doc.js';
export * from './deps.js';
