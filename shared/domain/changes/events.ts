// Change events: one observed fact about one partner, with its natural key and the time it was
// observed. The same shapes arrive from export files (after column mapping and cell coercion in
// shared/imports) and from POST /api/changes. Rules for values are the scoring contract's
// (real dates and months, exact enumerations, whole non-negative seats and users, finite amounts).
//
// A row upserts the fact with its natural key; `deleted: true` makes it an explicit deletion (only the
// key fields are then required). Field names are the contract's names wherever the contract has one.
import { z } from 'zod';

import { isRealDate, isRealMonth } from '../calendar/dates.js';
import { isoDate, isoMonth } from '../facts/schema.js';
import { type Area, AREAS, ASSOCIATION_TYPES, CLOUDS, CPOR_ACTIVITIES, OFFERS, SEGMENTS, TRACKS } from '../facts/types.js';
import { idSchema, quote } from '../ids.js';
import { MAX_CODE_CHARS, MAX_EMAIL_CHARS, MAX_LIST_ITEMS, MAX_NAME_CHARS } from '../limits.js';
import { nameKey } from '../rules/names.js';
import { addDays } from '../status/days.js';
import { LIFECYCLE_RULES } from '../status/rules.js';

export const FACT_KINDS = ['association', 'customer', 'usage', 'person', 'certification', 'profile'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** Kinds a file may declare a full snapshot of (per partner). */
export const SNAPSHOT_KINDS = ['association', 'usage', 'person', 'certification'] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

export const USAGE_KINDS = ['azure', 'm365', 'bizapps'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// Primitives

// Dates and months are the scoring contract's, so the facts schema's primitives serve here too.
export { isoDate, isoMonth };

const TIMESTAMP_SHAPE = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Normalizes an observation time to `YYYY-MM-DDTHH:mm:ss.sssZ`, so that string order is time order
 * (last-writer-wins compares these strings). A bare date means midnight UTC; a time needs a zone.
 */
export function normalizeTimestamp(text: string): string | null {
  const m = TIMESTAMP_SHAPE.exec(text.trim());
  if (!m || !isRealDate(m[1] ?? '')) return null;
  const date = new Date(m[0].length === 10 ? `${m[0]}T00:00:00Z` : m[0]);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export const observedAt = z.string().transform((text, ctx) => {
  const normalized = normalizeTimestamp(text);
  if (normalized === null) {
    ctx.addIssue({
      code: 'custom',
      message: `not a timestamp ${quote(text)} (expected ISO 8601 with a zone, e.g. 2026-11-01T06:00:00Z, or a date)`,
    });
    return z.NEVER;
  }
  return normalized;
});

/** Partner, tenant and person ids: the one id rule (shared/domain/ids.ts). */
const id = idSchema;
/** Certification, service and workload names: compared case-insensitively by the rules. */
const name = z.string().trim().min(1).max(MAX_NAME_CHARS);
/** An optional name: missing, null or blank all mean "none". */
const optionalName = z
  .string()
  .trim()
  .max(MAX_NAME_CHARS)
  .nullish()
  .transform((v) => (v ? v : null));
const optionalDate = isoDate.nullish().transform((v) => v ?? null);
const cporActivity = z
  .enum(CPOR_ACTIVITIES)
  .nullish()
  .transform((v) => v ?? null);
const count = z.number().int().nonnegative();
const amount = z.number().finite();
const deleted = z
  .boolean()
  .optional()
  .transform((v) => v === true);

/** Adds "required" issues for fields an upsert needs; deletions only need the key. */
function requireUnlessDeleted(value: Record<string, unknown>, fields: readonly string[], ctx: z.RefinementCtx): void {
  if (value.deleted === true) return;
  for (const field of fields) {
    if (value[field] === undefined || value[field] === null) {
      ctx.addIssue({ code: 'custom', path: [field], message: `required ${field} is missing` });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Kinds

const common = { partnerId: id, observedAt, deleted };

/**
 * A customer association. Key: partnerId, tenantId, type, workload (none = null), from.
 * `segment`/`cloud` on an association row are customer attributes (see the customer change); they
 * are ignored on deletion rows.
 */
export const associationChangeSchema = z
  .object({
    fact: z.literal('association'),
    ...common,
    tenantId: id,
    type: z.enum(ASSOCIATION_TYPES),
    workload: optionalName,
    from: isoDate,
    to: optionalDate,
    cporActivity,
    segment: z.enum(SEGMENTS).optional(),
    cloud: z.enum(CLOUDS).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.deleted && value.to !== null && value.to < value.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `"${value.to}" is before from "${value.from}"` });
    }
  });

/** A customer's attributes. Key: partnerId, tenantId. Absent attributes are left as they are. */
export const customerChangeSchema = z.object({
  fact: z.literal('customer'),
  ...common,
  tenantId: id,
  segment: z.enum(SEGMENTS).optional(),
  cloud: z.enum(CLOUDS).optional(),
});

/**
 * A monthly usage record. Key: partnerId, tenantId, kind, month, service (azure) or workload,
 * offer (azure; default standard), association, cporActivity (none = null).
 */
export const usageChangeSchema = z
  .object({
    fact: z.literal('usage'),
    ...common,
    tenantId: id,
    kind: z.enum(USAGE_KINDS),
    month: isoMonth,
    service: optionalName,
    workload: optionalName,
    offer: z
      .enum(OFFERS)
      .nullish()
      .transform((v) => v ?? null),
    association: z.enum(ASSOCIATION_TYPES),
    cporActivity,
    acrUsd: amount.optional(),
    paidSeats: count.optional(),
    activeUsers: count.optional(),
    revenueUsd: amount.optional(),
  })
  .superRefine((value, ctx) => {
    const nameField = value.kind === 'azure' ? 'service' : 'workload';
    if (value[nameField] === null) {
      ctx.addIssue({ code: 'custom', path: [nameField], message: `required ${nameField} is missing (${value.kind} usage)` });
    }
    if (value.kind !== 'bizapps') requireUnlessDeleted(value, value.kind === 'azure' ? ['acrUsd'] : ['paidSeats', 'activeUsers'], ctx);
    // A bizapps record may carry one figure only: Partner Center's revenue and usage downloads give one
    // each, and the stored entry keeps the newest value of each figure (usage-figures.ts).
    else if (!value.deleted && value.revenueUsd === undefined && value.activeUsers === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['revenueUsd'],
        message: 'required revenueUsd or activeUsers is missing (a bizapps record carries at least one)',
      });
    // Usage of a month cannot be observed before that month starts. This also stops a typo such as
    // 2062-11 from trimming every real month away (trimming keeps months back from the newest one).
    if (isRealMonth(value.month) && typeof value.observedAt === 'string' && value.month > value.observedAt.slice(0, 7)) {
      ctx.addIssue({
        code: 'custom',
        path: ['month'],
        message: `month ${value.month} is after observedAt ${value.observedAt}: usage cannot be observed before its month`,
      });
    }
  })
  .transform((value) => {
    // Only the fields of the record's kind are kept, so the key and the stored record are canonical.
    const base = {
      fact: value.fact,
      partnerId: value.partnerId,
      observedAt: value.observedAt,
      deleted: value.deleted,
      tenantId: value.tenantId,
      month: value.month,
      association: value.association,
      cporActivity: value.cporActivity,
    };
    const keep = <T>(v: T | undefined): T | undefined => (value.deleted ? undefined : v);
    switch (value.kind) {
      case 'azure':
        return {
          ...base,
          kind: 'azure' as const,
          service: value.service ?? '',
          offer: value.offer ?? 'standard',
          acrUsd: keep(value.acrUsd),
        };
      case 'm365':
        return {
          ...base,
          kind: 'm365' as const,
          workload: value.workload ?? '',
          paidSeats: keep(value.paidSeats),
          activeUsers: keep(value.activeUsers),
        };
      case 'bizapps':
        return {
          ...base,
          kind: 'bizapps' as const,
          workload: value.workload ?? '',
          revenueUsd: keep(value.revenueUsd),
          activeUsers: keep(value.activeUsers),
        };
    }
  });

/** A person's MCID link. Key: partnerId, personId. */
export const personChangeSchema = z
  .object({
    fact: z.literal('person'),
    ...common,
    personId: id,
    linkedFrom: optionalDate,
    linkedTo: optionalDate,
  })
  .superRefine((value, ctx) => {
    requireUnlessDeleted(value, ['linkedFrom'], ctx);
    if (!value.deleted && value.linkedFrom !== null && value.linkedTo !== null && value.linkedTo < value.linkedFrom) {
      ctx.addIssue({ code: 'custom', path: ['linkedTo'], message: `"${value.linkedTo}" is before linkedFrom "${value.linkedFrom}"` });
    }
  });

/** A certification a person earned. Key: partnerId, personId, name, earned. */
export const certificationChangeSchema = z
  .object({
    fact: z.literal('certification'),
    ...common,
    personId: id,
    name,
    earned: isoDate,
    expires: optionalDate,
  })
  .superRefine((value, ctx) => {
    if (!value.deleted && value.expires !== null && value.expires < value.earned) {
      ctx.addIssue({ code: 'custom', path: ['expires'], message: `"${value.expires}" is before earned "${value.earned}"` });
    }
  });

export const enrollmentSchema = z.object({
  anniversary: isoDate,
  // Sorted in the contract's order and deduplicated, so equal enrollments compare equal.
  areas: z
    .array(z.enum(AREAS))
    .max(MAX_LIST_ITEMS)
    .transform((areas) => AREAS.filter((a) => areas.includes(a)) as Area[]),
  azureTrack: z
    .enum(TRACKS)
    .nullish()
    .transform((v) => v ?? null),
});

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * Partner profile and enrollment. Key: partnerId. Each field is its own fact (last-writer-wins per
 * field): an absent field is left as it is, null clears it; `enrollment: null` means not enrolled.
 * A deletion clears every field.
 */
export const profileChangeSchema = z
  .object({
    fact: z.literal('profile'),
    ...common,
    name: z.string().trim().min(1).max(MAX_NAME_CHARS).nullable().optional(),
    contacts: z
      .array(z.email().max(MAX_EMAIL_CHARS))
      .max(MAX_LIST_ITEMS)
      .nullable()
      .optional()
      .transform((v) => (v ? [...new Set(v.map((e) => e.toLowerCase()))].sort() : v)),
    preferredLanguage: z
      .string()
      .max(MAX_CODE_CHARS)
      .regex(LANGUAGE_TAG, { error: (i) => `not a language tag ${quote(i.input)} (e.g. en, de-DE)` })
      .nullable()
      .optional(),
    enrollment: enrollmentSchema.nullable().optional(),
  })
  .superRefine((value, ctx) => {
    // `anniversary` is the NEXT anniversary (the day the renewal window opens; §3.4). One whose 30-day
    // renewal window had closed when the row was observed cannot be a current enrollment: refused,
    // rather than an enrollment and a lapse on the same day (issue 13).
    const anniversary = value.deleted ? undefined : value.enrollment?.anniversary;
    if (anniversary === undefined || value.enrollment?.areas.length === 0) return;
    const observed = value.observedAt.slice(0, 10);
    const lastDay = addDays(anniversary, RENEWAL_WINDOW_DAYS - 1);
    if (observed > lastDay) {
      ctx.addIssue({
        code: 'custom',
        path: ['enrollment', 'anniversary'],
        message: `"${anniversary}" is past: its ${RENEWAL_WINDOW_DAYS}-day renewal window ended ${lastDay}, before the row was observed (${observed}); give the next anniversary`,
      });
    }
  });

/** pcs-rules §3.4: the renewal window opens on the anniversary and lasts 30 days. */
const RENEWAL_WINDOW_DAYS = LIFECYCLE_RULES.renewalWindowDays;

export const changeEventSchema = z.discriminatedUnion('fact', [
  associationChangeSchema,
  customerChangeSchema,
  usageChangeSchema,
  personChangeSchema,
  certificationChangeSchema,
  profileChangeSchema,
]);

export type AssociationChange = z.output<typeof associationChangeSchema>;
export type CustomerChange = z.output<typeof customerChangeSchema>;
export type UsageChange = z.output<typeof usageChangeSchema>;
export type PersonChange = z.output<typeof personChangeSchema>;
export type CertificationChange = z.output<typeof certificationChangeSchema>;
export type ProfileChange = z.output<typeof profileChangeSchema>;
export type ChangeEvent = z.output<typeof changeEventSchema>;
/** What a sender writes (before defaults and normalization). */
export type ChangeEventInput = z.input<typeof changeEventSchema>;

// ---------------------------------------------------------------------------------------------
// Natural keys

/**
 * The key of a fact inside its document (the partner and tenant/person are the document's). Names
 * compare case-insensitively with surrounding spaces ignored (contract), so keys do too.
 */
export function entryKey(change: ChangeEvent): string {
  switch (change.fact) {
    case 'association':
      return JSON.stringify([change.type, nameKey(change.workload ?? ''), change.from]);
    case 'usage': {
      const subject = change.kind === 'azure' ? change.service : change.workload;
      const offer = change.kind === 'azure' ? change.offer : '';
      return JSON.stringify([change.kind, change.month, nameKey(subject), offer, change.association, change.cporActivity ?? '']);
    }
    case 'certification':
      return JSON.stringify([nameKey(change.name), change.earned]);
    case 'customer':
    case 'person':
    case 'profile':
      return '';
  }
}

/** The full natural key of a change, unique across a partner's facts. */
export function naturalKey(change: ChangeEvent): string {
  const owner =
    change.fact === 'profile'
      ? [change.partnerId]
      : change.fact === 'person' || change.fact === 'certification'
        ? [change.partnerId, change.personId]
        : [change.partnerId, change.tenantId];
  return JSON.stringify([change.fact, ...owner, entryKey(change)]);
}
