// The body of a `notifications` queue message: one outbox entry plus what is needed to mail it
// (recipients, partner name, language), resolved from the partner's profile when the pipeline
// dispatches the entry. The mail itself (subject, text, HTML) is rendered by the sender from
// `entry`, so a template fix applies to messages already queued.
import { z } from 'zod';
import { isRealDate } from '../domain/calendar/dates.js';
import type { ProfileDoc } from '../domain/changes/docs.js';
import { AREAS } from '../domain/facts/types.js';
import { OUTBOX_KINDS, type OutboxEntry } from '../domain/status/outbox.js';
import { STATUSES, TRANSITION_CAUSES } from '../domain/status/types.js';

const isoDate = z.string().refine(isRealDate, {
  error: (issue) => `not a real date ${JSON.stringify(issue.input)} (expected YYYY-MM-DD)`,
});

const partnerId = z
  .string({ error: 'partnerId is required (a string)' })
  .trim()
  .min(1, 'partnerId must not be empty')
  .max(64, 'partnerId must be at most 64 characters')
  .regex(/^[^/\\?#\s]+$/, 'partnerId must not contain / \\ ? # or spaces');

/** A BCP 47 tag as far as we need it: `en`, `de-DE`, `fr-CA`, `zh-Hant-TW`. */
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
export const DEFAULT_LANGUAGE = 'en';
const MAX_NAME = 500;
const MAX_RECIPIENTS = 100;

/** OutboxEntry (shared/domain/status/outbox.ts), every field. */
export const outboxEntrySchema = z.object({
  id: z.string().min(1, 'id must not be empty').max(255, 'id must be at most 255 characters'),
  partnerId,
  area: z.enum(AREAS),
  kind: z.enum(OUTBOX_KINDS),
  day: isoDate,
  status: z.enum(STATUSES),
  cause: z.enum(TRANSITION_CAUSES).nullable(),
  anniversary: isoDate.nullable(),
  eligibleToRenew: z.boolean().nullable(),
  reminder: z.string().min(1).max(64).nullable(),
});

export const notificationMessageSchema = z
  .object({
    /** = entry.id: the idempotency key of the mail and the id of its sent-record. */
    id: z.string().min(1, 'id must not be empty').max(255, 'id must be at most 255 characters'),
    partnerId,
    /** The profile's name; the partner id when the profile has none. */
    partnerName: z.string().min(1, 'partnerName must not be empty').max(MAX_NAME),
    /** Valid addresses from the profile's contacts, deduplicated. Empty: nobody to tell (recorded as skipped). */
    to: z.array(z.email({ error: 'not an email address' })).max(MAX_RECIPIENTS),
    /** Contacts dropped because they are not email addresses (logged, not mailed). */
    ignoredContacts: z.array(z.string()).max(MAX_RECIPIENTS).default([]),
    /** BCP 47 tag (`en`, `de-DE`); templates fall back to English for languages they lack. */
    language: z.string().regex(LANGUAGE_TAG, 'language must be a BCP 47 tag such as en or de-DE').default(DEFAULT_LANGUAGE),
    entry: outboxEntrySchema,
  })
  .refine((m) => m.entry.id === m.id, { path: ['id'], error: 'id must equal entry.id' })
  .refine((m) => m.entry.partnerId === m.partnerId, { path: ['partnerId'], error: 'partnerId must equal entry.partnerId' });

export type NotificationMessage = z.infer<typeof notificationMessageSchema>;

const EMAIL = z.email();

function liveValue<T>(field: { deleted: boolean; value?: T } | undefined): T | undefined {
  if (field === undefined || field.deleted) return undefined;
  return field.value;
}

/**
 * The queue message for one outbox entry. `profile` is the partner's profile document (undefined
 * when the partner has none yet: then nobody is mailed and the sender records the entry as skipped).
 * Contacts that are not email addresses are listed in `ignoredContacts` instead of failing the
 * message, so one bad contact does not stop the others from being told.
 */
export function buildNotificationMessage(entry: OutboxEntry, profile: ProfileDoc | undefined): NotificationMessage {
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
    id: entry.id,
    partnerId: entry.partnerId,
    partnerName: name ? name.slice(0, MAX_NAME) : entry.partnerId,
    to,
    ignoredContacts: ignoredContacts.slice(0, MAX_RECIPIENTS),
    language: preferred && LANGUAGE_TAG.test(preferred) ? preferred : DEFAULT_LANGUAGE,
    entry: {
      id: entry.id,
      partnerId: entry.partnerId,
      area: entry.area,
      kind: entry.kind,
      day: entry.day,
      status: entry.status,
      cause: entry.cause,
      anniversary: entry.anniversary,
      eligibleToRenew: entry.eligibleToRenew,
      reminder: entry.reminder,
    },
  };
}
