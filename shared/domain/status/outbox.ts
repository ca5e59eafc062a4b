// Outbox entries for the notifications issue. One per transition, plus renewal reminders. Ids are
// deterministic, so the caller can upsert them by id: redelivery and recomputation never duplicate.
// `claim-competing` is not a status transition: the claim path queues it itself (shared/claims/
// competing-mail.ts, entries built by shared/domain/claims/competing.ts), never through the state's outbox.
// Also here: whom an entry is told to, from the partner's profile (recipientsOf), which both the
// pipeline's dispatch (through notifications/message.ts) and the claim path use.
import { z } from 'zod';

import type { ProfileDoc } from '../changes/docs.js';
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
  /** Another partner's claim on the same customer workload / subscription (pcs-rules §4.2; issue 13). */
  'claim-competing',
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

// ---------------------------------------------------------------------------------------------
// Whom an entry is told to: the partner's profile.

/** A BCP 47 tag as far as we need it: `en`, `de-DE`, `fr-CA`, `zh-Hant-TW`. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
export const DEFAULT_LANGUAGE = 'en';
export const MAX_PARTNER_NAME = 500;
export const MAX_RECIPIENTS = 100;

export interface NotificationRecipients {
  /** The profile's name; the partner id when the profile has none. */
  partnerName: string;
  /** Valid addresses from the profile's contacts, deduplicated (case-insensitively), at most MAX_RECIPIENTS. */
  to: string[];
  /** Contacts dropped because they are not email addresses (or beyond MAX_RECIPIENTS). */
  ignoredContacts: string[];
  /** The profile's preferred language when it is a BCP 47 tag, else DEFAULT_LANGUAGE. */
  language: string;
}

const EMAIL = z.email();

function liveValue<T>(field: { deleted: boolean; value?: T } | undefined): T | undefined {
  if (field === undefined || field.deleted) return undefined;
  return field.value;
}

/**
 * Recipients, name and language of `partnerId` from its profile (undefined: none yet, so nobody is
 * mailed). Contacts that are not email addresses are listed in `ignoredContacts` instead of failing,
 * so one bad contact does not stop the others from being told.
 */
export function recipientsOf(partnerId: string, profile: ProfileDoc | undefined): NotificationRecipients {
  const name = liveValue(profile?.name)?.trim();
  const to: string[] = [];
  const seen = new Set<string>();
  const ignoredContacts: string[] = [];
  for (const raw of liveValue(profile?.contacts) ?? []) {
    if (typeof raw !== 'string') continue;
    const address = raw.trim();
    if (address === '') continue;
    if (!EMAIL.safeParse(address).success) {
      ignoredContacts.push(address);
      continue;
    }
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    if (to.length >= MAX_RECIPIENTS) {
      ignoredContacts.push(address);
      continue;
    }
    seen.add(key);
    to.push(address);
  }
  const preferred = liveValue(profile?.preferredLanguage)?.trim();
  return {
    partnerName: name ? name.slice(0, MAX_PARTNER_NAME) : partnerId,
    to,
    ignoredContacts: ignoredContacts.slice(0, MAX_RECIPIENTS),
    language: preferred && LANGUAGE_TAG.test(preferred) ? preferred : DEFAULT_LANGUAGE,
  };
}
