// Designation status machine (pure domain). See machine.ts for the rules and the decisions taken.
export { advanceDesignations, eligibleToRenew, observedDay, AZURE_AREAS, MAX_CATCH_UP_DAYS, DesignationInputError } from './machine.js';
export type { AdvanceResult } from './machine.js';
export { frozenAzureTrack, enrollmentForScoring } from './azureTrack.js';
export { qualificationWindow, renewalWindow, renewalEligibilityWindow, nextAnniversary, inRange } from './window.js';
export type { DayRange } from './window.js';
export { designationView } from './view.js';
export type { AreaView, DesignationView } from './view.js';
export { OUTBOX_KINDS, outboxId, kindOfCause } from './outbox.js';
export type { OutboxEntry, OutboxKind } from './outbox.js';
export { RENEWAL_REMINDERS, reminderDue } from './reminders.js';
export type { RenewalReminder } from './reminders.js';
export { LIFECYCLE_RULES } from './rules.js';
export { HISTORY_MONTHS, historyStart, monthlyMaxima } from './history.js';
export { backfillDays, needsBackfill } from './backfill.js';
export * from './types.js';
