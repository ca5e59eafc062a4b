// The change pipeline: store, apply, recompute, status, nightly (issue 4 "Store and recompute").
export { type ApplyOutcome, applyPartnerChanges, validatePartnerChangeMessage } from './apply.js';
export { type ComputeInput, computePartner, type ComputeResult, enrollmentFactOf } from './compute.js';
export { countedPartnerDocuments, type CountingStore, countingStore, type StoreCounts } from './counting-store.js';
export * from './deps.js';
export { dispatchOutbox, notificationMessageFor } from './dispatch.js';
export { NIGHTLY_REASON, queueNightlyRecompute, recomputeMessageId, type RecomputeRequest, recomputeRequestSchema } from './nightly.js';
export { hasFacts, type LoadedPartner, PartnerRepository, type PartnerStore } from './partner-repository.js';
export { type RecomputeOptions, type RecomputeOutcome, recomputePartner } from './recompute.js';
export { DEFAULT_DATA_COMPLETE_DAY, type ScoringDay, scoringDay } from './scoring-day.js';
export * from './state-doc.js';
export { type FactsAsScored, factsAsScored } from './stored-facts.js';
export { type PartnerView, readPartnerView } from './view.js';
