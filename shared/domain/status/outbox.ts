// Outbox entries for the notifications issue. One per transition, plus renewal reminders. Ids are
// deterministic, so the caller can upsert them by id: redelivery and recomputation never duplicate.
import type { Area, IsoDate } from '../facts/types.js';
import type { Status, Transition, TransitionCause } from './types.js';

export const OUTBOX_KINDS = [
  'qualified',
  'no-longer-qualified',
  'enrolled',
  'renewal-due',
  'renewed',
  'lapsed',
  'enrollment-withdrawn',
  'renewal-reminder',
  'at-risk',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export interface OutboxEntry {
  /** `${partnerId}:${area}:${kind}:${key}` (reminders add `:${reminderId}`). */
  id: string;
  partnerId: string;
  area: Area;
  kind: OutboxKind;
  /** The day the transition happened (or the reminder was due). */
  day: IsoDate;
  /** Status after the transition (the current status for a reminder). */
  status: Status;
  cause: TransitionCause | null;
  /** The anniversary concerned (for a lapse or withdrawal: the one that was). */
  anniversary: IsoDate | null;
  /** For renewal-due, renewed and reminders: qualified on a day of the renewal eligibility window. */
  eligibleToRenew: boolean | null;
  /** For reminders: the schedule entry (see reminders.ts). */
  reminder: string | null;
}

const KIND_OF_CAUSE: Record<TransitionCause, OutboxKind> = {
  'qualifying-day-in-window': 'qualified',
  'window-closed-without-qualifying-day': 'no-longer-qualified',
  'qualifying-day-withdrawn': 'no-longer-qualified',
  'enrollment-fact': 'enrolled',
  'automatic-enrollment': 'enrolled',
  'anniversary-reached': 'renewal-due',
  renewed: 'renewed',
  'renewal-window-closed': 'lapsed',
  'enrollment-withdrawn': 'enrollment-withdrawn',
};

export function kindOfCause(cause: TransitionCause): OutboxKind {
  return KIND_OF_CAUSE[cause];
}

/** The kinds told for a status transition (not reminders or at-risk warnings, which have none). */
export const TRANSITION_KINDS: ReadonlySet<OutboxKind> = new Set(Object.values(KIND_OF_CAUSE));

/**
 * `${partnerId}:${area}:${kind}:${day}`: the day the transition happened (a renewal due is normally
 * the anniversary; a lapse anniversary + 30). A state rebuilt from the same inputs gives the same
 * ids, so redelivery and recomputation never duplicate. Should the same kind happen twice to an area
 * on one day (a same-day correction flipping a status back, or facts moving the anniversary back
 * and forth), the repeat gets `~2`, `~3`… so it is told too instead of being swallowed by the upsert.
 */
export function outboxId(partnerId: string, area: Area, kind: OutboxKind, key: string): string {
  return `${partnerId}:${area}:${kind}:${key}`;
}

/** The first of `base`, `base~2`, `base~3`… not in `taken`. */
export function uniqueId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}~${n}`)) n++;
  return `${base}~${n}`;
}

export function entryForTransition(t: Transition, eligibleToRenew: boolean | null): OutboxEntry {
  return {
    id: t.id,
    partnerId: t.partnerId,
    area: t.area,
    kind: kindOfCause(t.cause),
    day: t.day,
    status: t.to,
    cause: t.cause,
    // A lapse or withdrawal is about the anniversary that was.
    anniversary: t.anniversary ?? t.previousAnniversary,
    eligibleToRenew,
    reminder: null,
  };
}
