// The body of POST /api/claims/events: one claim event, or a claim submission (an event of type
// `drafted` / `submitted` carrying the claim's data). Validated with zod; every problem names its path.
import { z } from 'zod';

import { isoDate, observedAt } from '../changes/events.js';
import { describeIssue, formatPath } from '../changes/validate.js';
import { CPOR_ACTIVITIES } from '../facts/types.js';
import { idSchema, MAX_ID_CHARS, PLAIN_ID_PATTERN } from '../ids.js';
import { MAX_CODE_CHARS, MAX_DOMAIN_CHARS, MAX_EMAIL_CHARS, MAX_LIST_ITEMS, MAX_NAME_CHARS, MAX_TEXT_CHARS } from '../limits.js';
import { ACTIVITIES_BY_AREA, type ClaimData, type ClaimEdit, type ClaimEvent, EXTERNAL_EVENT_TYPES, SOLUTION_AREAS } from './types.js';

/** Claim ids become Cosmos ids (`claim:<claimId>`) and route segments: no / \ ? # or spaces. */
export const CLAIM_ID_PATTERN = PLAIN_ID_PATTERN;
export const MAX_EVENT_ID_CHARS = 200;

/** Partner ids become partition keys and route segments; same bound as the recompute message's partnerId. */
export const MAX_PARTNER_ID_CHARS = MAX_ID_CHARS;

/** A partner id, in an event body or a route (GET /api/claims/{partnerId}, /api/partners/{partnerId}). */
// The one id rule (shared/domain/ids.ts): the same in change events, the read API's routes and notifications.
export const partnerIdSchema = idSchema;

export const claimIdSchema = z
  .string({ error: 'is required' })
  .trim()
  .regex(CLAIM_ID_PATTERN, { error: 'must be 1 to 128 of the characters A–Z a–z 0–9 . _ : @ = + -' });

/** Names (a contact's, a workload's, a claim's). */
const text = z.string().trim().min(1, 'must not be empty').max(MAX_NAME_CHARS);
const optionalText = z
  .string()
  .trim()
  .max(MAX_NAME_CHARS)
  .nullish()
  .transform((v) => (v ? v : null));

const contactSchema = z.object({
  name: text,
  title: z.string().trim().min(1).max(MAX_NAME_CHARS).optional(),
  email: z.email().max(MAX_EMAIL_CHARS),
});

/** A proof of execution: a reference, or `{ reference, date }` (the date Microsoft arbitrates on, §4.2). */
const proofSchema = z.union([
  z.string().trim().min(1).max(MAX_TEXT_CHARS).nullish(),
  z.object({ reference: z.string().trim().min(1, 'must not be empty').max(MAX_TEXT_CHARS), date: isoDate }),
]);

const subscriptionSchema = z.object({
  id: idSchema,
  purchaseChannel: z
    .string()
    .trim()
    .min(1)
    .max(MAX_CODE_CHARS)
    .transform((v) => v.toLowerCase()),
  startedOn: isoDate,
});

/** The claim's data as a sender writes it (before the area rules are checked). */
export const claimDataSchema = z
  .object({
    tenantId: idSchema,
    solutionArea: z.enum(SOLUTION_AREAS),
    activity: z.enum(CPOR_ACTIVITIES),
    workloads: z.array(text).max(MAX_LIST_ITEMS).optional(),
    subscriptionId: idSchema.nullish().transform((v) => v ?? null),
    workload: optionalText,
    subscriptionExpires: isoDate.nullish().transform((v) => v ?? null),
    customerContact: contactSchema,
    partnerContact: contactSchema.nullish().transform((v) => v ?? null),
    name: optionalText,
    proofOfExecution: proofSchema,
    proofOfExecutionDate: isoDate.nullish().transform((v) => v ?? null),
    customerDomain: z
      .string()
      .trim()
      .min(1)
      .max(MAX_DOMAIN_CHARS)
      .nullish()
      .transform((v) => (v ? v.toLowerCase() : null)),
    subscription: subscriptionSchema.nullish().transform((v) => v ?? null),
    market: z
      .string()
      .trim()
      .min(1)
      .max(10)
      .nullish()
      .transform((v) => (v ? v.toUpperCase() : null)),
  })
  .superRefine((raw, ctx) => {
    // `subscription.id` names the subscription when `subscriptionId` is left out.
    const value = { ...raw, subscriptionId: raw.subscriptionId ?? raw.subscription?.id ?? null };
    if (value.subscription && value.subscriptionId !== value.subscription.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['subscription', 'id'],
        message: `"${value.subscription.id}" is not the claim's subscriptionId "${value.subscriptionId}"`,
      });
    }
    if (value.solutionArea === 'modernWorkSecurity' && value.subscription) {
      ctx.addIssue({ code: 'custom', path: ['subscription'], message: 'only Business Applications claims name a subscription' });
    }
    const allowed = ACTIVITIES_BY_AREA[value.solutionArea];
    if (!allowed.includes(value.activity)) {
      ctx.addIssue({
        code: 'custom',
        path: ['activity'],
        message: `"${value.activity}" is not a ${value.solutionArea} activity (expected ${allowed.map((a) => JSON.stringify(a)).join(', ')})`,
      });
    }
    if (value.solutionArea === 'modernWorkSecurity') {
      if (!value.workloads || value.workloads.length === 0)
        ctx.addIssue({ code: 'custom', path: ['workloads'], message: 'a Modern Work & Security claim names at least one workload' });
      if (value.subscriptionId !== null && !value.subscription)
        ctx.addIssue({ code: 'custom', path: ['subscriptionId'], message: 'only Business Applications claims name a subscription' });
      if (value.workload !== null)
        ctx.addIssue({ code: 'custom', path: ['workload'], message: 'a Modern Work & Security claim lists its workloads in "workloads"' });
      if (value.subscriptionExpires !== null)
        ctx.addIssue({ code: 'custom', path: ['subscriptionExpires'], message: 'only Business Applications claims name a subscription' });
    } else {
      if (value.subscriptionId === null)
        ctx.addIssue({
          code: 'custom',
          path: ['subscriptionId'],
          message: 'a Business Applications claim names the subscription it claims',
        });
      if (value.workload === null)
        ctx.addIssue({ code: 'custom', path: ['workload'], message: "a Business Applications claim names the subscription's workload" });
      if (value.workloads !== undefined && value.workloads.length > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['workloads'],
          message: 'a Business Applications claim names one "workload" with its subscription',
        });
    }
  })
  .transform((raw): ClaimData => {
    const value = { ...raw, subscriptionId: raw.subscriptionId ?? raw.subscription?.id ?? null };
    // Workloads compare case-insensitively (contract): keep the first spelling of each, in order.
    const seen = new Set<string>();
    const workloads =
      value.solutionArea === 'modernWorkSecurity'
        ? (value.workloads ?? []).filter((w) => !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase()))
        : [];
    const data: ClaimData = {
      tenantId: value.tenantId,
      solutionArea: value.solutionArea,
      activity: value.activity,
      workloads,
      subscriptionId: value.subscriptionId,
      workload: value.workload,
      subscriptionExpires: value.subscriptionExpires,
      customerContact: value.customerContact,
      partnerContact: value.partnerContact,
      name: value.name,
      proofOfExecution:
        typeof value.proofOfExecution === 'object' && value.proofOfExecution !== null
          ? value.proofOfExecution.reference
          : (value.proofOfExecution ?? null),
    };
    const poeDate =
      typeof value.proofOfExecution === 'object' && value.proofOfExecution !== null
        ? value.proofOfExecution.date
        : value.proofOfExecutionDate;
    if (poeDate) data.proofOfExecutionDate = poeDate;
    if (value.customerDomain) data.customerDomain = value.customerDomain;
    if (value.subscription) data.subscription = value.subscription;
    if (value.market) data.market = value.market;
    return data;
  });

const base = {
  eventId: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_EVENT_ID_CHARS, `must be at most ${MAX_EVENT_ID_CHARS} characters`),
  occurredAt: observedAt,
  partnerId: partnerIdSchema,
  claimId: claimIdSchema,
  note: z.string().trim().min(1).max(MAX_TEXT_CHARS).optional(),
};

const otherTypes = EXTERNAL_EVENT_TYPES.filter((t) => t !== 'drafted' && t !== 'submitted' && t !== 'rejected' && t !== 'edited') as [
  string,
  ...string[],
];

/** Who submits (§4.2: the role is checked where a submission enters, shared/claims/eligibility.ts). */
const submittedBySchema = z
  .object({
    role: z
      .string()
      .trim()
      .min(1)
      .max(MAX_CODE_CHARS)
      .transform((v) => v.toLowerCase()),
  })
  .optional();

/** `edited`: a new proof of execution (with its date) or contacts; at least one. */
const editSchema = z
  .object({
    proofOfExecution: proofSchema.optional(),
    proofOfExecutionDate: isoDate.optional(),
    customerContact: contactSchema.optional(),
    partnerContact: contactSchema.nullable().optional(),
  })
  .transform((v): ClaimEdit => {
    const edit: ClaimEdit = {};
    if (typeof v.proofOfExecution === 'object' && v.proofOfExecution !== null) {
      edit.proofOfExecution = v.proofOfExecution.reference;
      edit.proofOfExecutionDate = v.proofOfExecution.date;
    } else if (typeof v.proofOfExecution === 'string') edit.proofOfExecution = v.proofOfExecution;
    if (v.proofOfExecutionDate !== undefined) edit.proofOfExecutionDate = v.proofOfExecutionDate;
    if (v.customerContact !== undefined) edit.customerContact = v.customerContact;
    if (v.partnerContact !== undefined) edit.partnerContact = v.partnerContact;
    return edit;
  })
  .refine((e) => Object.keys(e).length > 0, 'an edit names a new proofOfExecution (with its date), customerContact or partnerContact');

export const claimEventInputSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('drafted'), claim: claimDataSchema, submittedBy: submittedBySchema }),
  z.object({ ...base, type: z.literal('edited'), edit: editSchema }),
  z
    .object({ ...base, type: z.literal('submitted'), claim: claimDataSchema.optional(), submittedBy: submittedBySchema })
    .superRefine((value, ctx) => {
      if (value.claim && value.claim.proofOfExecution === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['claim', 'proofOfExecution'],
          message: 'a submitted claim needs its proof of execution (a draft may lack it)',
        });
      }
    }),
  z.object({ ...base, type: z.literal('rejected'), reason: text.max(500) }),
  z.object({ ...base, type: z.enum(otherTypes) }),
]);

export interface ClaimInputError {
  /** Field path, e.g. `claim.customerContact.email` ('' for the body itself). */
  path: string;
  message: string;
}

export type ParseClaimEventResult = { ok: true; event: ClaimEvent } | { ok: false; errors: ClaimInputError[] };

/** Validates one event or submission given as JSON; all problems are listed, each naming its path. */
export function parseClaimEvent(raw: unknown): ParseClaimEventResult {
  const result = claimEventInputSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => {
        if (issue.code === 'invalid_union' && issue.path.length === 0) {
          return {
            path: 'type',
            message: `unknown or missing event type (expected one of ${EXTERNAL_EVENT_TYPES.map((t) => JSON.stringify(t)).join(', ')})`,
          };
        }
        const described = describeIssue(issue);
        return { path: described.path || formatPath(issue.path), message: described.message };
      }),
    };
  }
  const v = result.data;
  const event: ClaimEvent = {
    eventId: v.eventId,
    type: v.type as ClaimEvent['type'],
    occurredAt: v.occurredAt,
    partnerId: v.partnerId,
    claimId: v.claimId,
  };
  if ('reason' in v && typeof v.reason === 'string') event.reason = v.reason;
  if (v.note !== undefined) event.note = v.note;
  if ('claim' in v && v.claim) event.claim = v.claim;
  if ('submittedBy' in v && v.submittedBy) event.submittedBy = v.submittedBy;
  if ('edit' in v && v.edit) event.edit = v.edit;
  return { ok: true, event };
}
