// The body of a `notifications` queue message: one outbox entry plus what is needed to mail it
// (recipients, partner name, language), resolved from the partner's profile when the pipeline
// dispatches the entry (or the claim path queues a claim-competing mail). The mail itself (subject,
// text, HTML) is rendered by the sender from `entry`, so a template fix applies to messages already
// queued. `context` (the area's numbers, window, plan and forecast) is optional: messages queued before
// it existed render without those parts. `claim` (the recipient's claim) is there exactly when the
// entry is a `claim-competing` one.
import { z } from 'zod';

import { isRealDate } from '../domain/calendar/dates.js';
import type { ProfileDoc } from '../domain/changes/docs.js';
import { COMPETING_MAIL_KIND, type CompetingClaimDetails } from '../domain/claims/competing.js';
import { claimIdSchema } from '../domain/claims/schema.js';
import { CLAIM_STATUSES, SOLUTION_AREAS } from '../domain/claims/types.js';
import { AREAS, ASSOCIATION_TYPES, TRACKS } from '../domain/facts/types.js';
import { ACTION_KINDS, type MailContext } from '../domain/guidance/types.js';
import { idSchema } from '../domain/ids.js';
import { MAX_DOMAIN_CHARS, MAX_LIST_ITEMS, MAX_NAME_CHARS } from '../domain/limits.js';
import { METRIC_NAMES } from '../domain/scoring/types.js';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_TAG,
  MAX_PARTNER_NAME,
  MAX_RECIPIENTS,
  OUTBOX_KINDS,
  type OutboxEntry,
  recipientsOf,
} from '../domain/status/outbox.js';
import { STATUSES, TRANSITION_CAUSES } from '../domain/status/types.js';
import type { RenderInput } from './templates/render.js';

const isoDate = z.string().refine(isRealDate, {
  error: (issue) => `not a real date ${JSON.stringify(issue.input)} (expected YYYY-MM-DD)`,
});

/** The one id rule (shared/domain/ids.ts): every partner id that can be scored can be mailed. */
const partnerId = idSchema;

export { DEFAULT_LANGUAGE };

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

const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const points = z.number().finite().min(0).max(1000);
const label = z.string().min(1).max(200);
const MAX_PLAN_ACTIONS = 100;

const usageDetail = {
  tenantId: label,
  association: z.enum(ASSOCIATION_TYPES),
  month: isoMonth,
  name: label,
  amount: z.number().finite().min(0),
  unit: z.enum(['usd', 'activeUsers', 'paidSeats']),
};

/** ActionDetail (shared/domain/guidance/types.ts): what a mail words, per action kind. */
const actionDetailSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('certification'), certification: label, personId: label, newPerson: z.boolean() }),
  z.object({ kind: z.literal('newCustomer'), ...usageDetail }),
  z.object({ kind: z.literal('moreUsage'), ...usageDetail }),
  z.object({ kind: z.literal('newDeployment'), ...usageDetail }),
]);

/** FactsDelta, as far as a mail carries it (the mail words `detail`; the facts ride along for the record). */
const factsDeltaSchema = z.object({
  customers: z
    .array(
      z.object({
        tenantId: label,
        segment: z.enum(['enterprise', 'smb']).optional(),
        cloud: z.literal('commercial').optional(),
        associations: z.array(z.record(z.string(), z.unknown())).optional(),
        usage: z.array(z.record(z.string(), z.unknown())).optional(),
      }),
    )
    .optional(),
  people: z
    .array(
      z.object({
        id: label,
        linkedFrom: isoDate.optional(),
        linkedTo: z.null().optional(),
        certifications: z.array(z.object({ name: label, earned: isoDate, expires: isoDate.nullable() })),
      }),
    )
    .optional(),
});

const planActionSchema = z.object({
  kind: z.enum(ACTION_KINDS),
  metric: z.enum(METRIC_NAMES),
  text: z.string().max(1000),
  facts: factsDeltaSchema,
  cost: z.number().finite(),
  detail: actionDetailSchema,
});

/** MailContext (shared/domain/guidance/types.ts), every field; typed as it so the two cannot drift apart. */
export const mailContextSchema: z.ZodType<MailContext> = z.object({
  asOf: isoDate,
  today: isoDate,
  track: z.enum(TRACKS),
  total: points,
  qualifiesToday: z.boolean(),
  metrics: z.partialRecord(z.enum(METRIC_NAMES), z.object({ points, maxPoints: points })),
  window: z.object({ start: isoDate, end: isoDate }),
  anniversary: isoDate.nullable(),
  plan: z.array(planActionSchema).max(MAX_PLAN_ACTIONS).nullable(),
  forecast: z.object({ asOf: isoDate, total: points, metric: z.enum(METRIC_NAMES), reason: z.string().max(1000) }).nullable(),
});

/** CompetingClaimDetails (shared/domain/claims/competing.ts), every field; typed as it so the two cannot drift apart. */
export const competingClaimSchema: z.ZodType<CompetingClaimDetails> = z.object({
  claimId: claimIdSchema,
  name: z.string().min(1).max(MAX_NAME_CHARS).nullable(),
  tenantId: idSchema,
  customerDomain: z.string().min(1).max(MAX_DOMAIN_CHARS).nullable(),
  solutionArea: z.enum(SOLUTION_AREAS),
  workloads: z.array(z.string().min(1).max(MAX_NAME_CHARS)).max(MAX_LIST_ITEMS),
  subscriptionId: idSchema.nullable(),
  since: isoDate,
  status: z.enum(CLAIM_STATUSES),
  competingRef: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits'),
});

export const notificationMessageSchema = z
  .object({
    /** = entry.id: the idempotency key of the mail and the id of its sent-record. */
    id: z.string().min(1, 'id must not be empty').max(255, 'id must be at most 255 characters'),
    partnerId,
    /** The profile's name; the partner id when the profile has none. */
    partnerName: z.string().min(1, 'partnerName must not be empty').max(MAX_PARTNER_NAME),
    /** Valid addresses from the profile's contacts, deduplicated. Empty: nobody to tell (recorded as skipped). */
    to: z.array(z.email({ error: 'not an email address' })).max(MAX_RECIPIENTS),
    /** Contacts dropped because they are not email addresses (logged, not mailed). */
    ignoredContacts: z.array(z.string()).max(MAX_RECIPIENTS).default([]),
    /** BCP 47 tag (`en`, `de-DE`); templates fall back to English for languages they lack. */
    language: z.string().regex(LANGUAGE_TAG, 'language must be a BCP 47 tag such as en or de-DE').default(DEFAULT_LANGUAGE),
    entry: outboxEntrySchema,
    /** The area's numbers, window, plan and forecast at send time; absent on messages queued before it existed. */
    context: mailContextSchema.nullable().optional(),
    /** claim-competing: the recipient's claim (the other one is never named). */
    claim: competingClaimSchema.nullable().optional(),
  })
  .refine((m) => m.entry.id === m.id, { path: ['id'], error: 'id must equal entry.id' })
  .refine((m) => m.entry.partnerId === m.partnerId, { path: ['partnerId'], error: 'partnerId must equal entry.partnerId' })
  .refine((m) => (m.entry.kind === COMPETING_MAIL_KIND) === (m.claim !== undefined && m.claim !== null), {
    path: ['claim'],
    error: `claim is required for a ${COMPETING_MAIL_KIND} entry and only for one`,
  });

export type NotificationMessage = z.infer<typeof notificationMessageSchema>;

/** What the templates render a message from (renderNotification's input), the context included. */
export function renderInputOf(m: NotificationMessage): RenderInput {
  return { entry: m.entry, partnerName: m.partnerName, language: m.language, context: m.context ?? null, claim: m.claim ?? null };
}

/**
 * The queue message for one outbox entry. `profile` is the partner's profile document (undefined
 * when the partner has none yet: then nobody is mailed and the sender records the entry as skipped).
 * Contacts that are not email addresses are listed in `ignoredContacts` instead of failing the
 * message, so one bad contact does not stop the others from being told (recipientsOf,
 * shared/domain/status/outbox.ts). `claim`: a claim-competing entry's claim details.
 */
export function buildNotificationMessage(
  entry: OutboxEntry,
  profile: ProfileDoc | undefined,
  claim?: CompetingClaimDetails,
): NotificationMessage {
  return {
    id: entry.id,
    partnerId: entry.partnerId,
    ...recipientsOf(entry.partnerId, profile),
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
    ...(claim ? { claim } : {}),
  };
}
