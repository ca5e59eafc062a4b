// Designation status machine (pure domain). See machine.ts for the rules and the decisions taken.
export { enrollmentForScoring, frozenAzureTrack } from './azureTrack.js';
export { backfillDays, needsBackfill } from './backfill.js';
export { HISTORY_MONTHS, historyStart, monthlyMaxima } from './history.js';
export type { AdvanceResult } from './machine.js';
export { advanceDesignations, AZURE_AREAS, DesignationInputError, eligibleToRenew, MAX_CATCH_UP_DAYS, observedDay } from './machine.js';
export type { OutboxEntry, OutboxKind } from './outbox.js';
export { kindOfCause, OUTBOX_KINDS, outboxId } from './outbox.js';
export type { RenewalReminder } from './reminders.js';
export { reminderDue, RENEWAL_REMINDERS } from './reminders.js';
export { LIFECYCLE_RULES } from './rules.js';
export * from './types.js';
export type { AreaView, DesignationView } from './view.js';
export { designationView } from './view.js';
export type { DayRange } from './window.js';
export { inRange, nextAnniversary, qualificationWindow, renewalEligibilityWindow, renewalWindow } from './window.js';
