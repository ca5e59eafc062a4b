// zod schema for one partner's facts, exactly the scoring contract's input
// (../shared/spec/scoring-contract.md, "Input", "Fields", "Validation"), applying its defaults.
// Unknown fields are stripped; enumerated values are case-sensitive; errors name the JSON path.
import { z } from 'zod';

import { isRealDate, isRealMonth } from '../calendar/dates.js';
import { describeIssue, type IssueWording, jsonType } from '../issues.js';
import { fastParseFacts } from './fast-parse.js';
import { AREAS, ASSOCIATION_TYPES, CLOUDS, CPOR_ACTIVITIES, OFFERS, type PartnerFacts, SEGMENTS, TRACKS } from './types.js';

/** A real calendar day `YYYY-MM-DD` (also the change events' dates). */
export const isoDate = z.string().refine(isRealDate, {
  error: (issue) => `not a real date ${JSON.stringify(issue.input)} (expected YYYY-MM-DD)`,
});
/** A real month `YYYY-MM`. */
export const isoMonth = z.string().refine(isRealMonth, {
  error: (issue) => `not a real month ${JSON.stringify(issue.input)} (expected YYYY-MM)`,
});

/** An optional field: missing or null becomes `fallback`. */
function withDefault<T extends z.ZodType, F extends z.output<T> | null>(schema: T, fallback: F) {
  return schema.nullish().transform((value): z.output<T> | F => (value === undefined || value === null ? fallback : value));
}
function optionalList<T extends z.ZodType>(item: T) {
  return withDefault(z.array(item), [] as z.output<T>[]);
}

const count = z.number().int().nonnegative();
const name = z.string();
const cporActivity = withDefault(z.enum(CPOR_ACTIVITIES), null);

const association = z
  .object({
    type: z.enum(ASSOCIATION_TYPES),
    cporActivity,
    workload: withDefault(name, null),
    from: isoDate,
    to: withDefault(isoDate, null),
  })
  .superRefine((value, ctx) => {
    if (value.to !== null && value.to < value.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `"${value.to}" is before "from" "${value.from}"`,
      });
    }
  });

const usageBase = {
  month: isoMonth,
  association: z.enum(ASSOCIATION_TYPES),
  cporActivity,
};

const azureUsage = z.object({
  ...usageBase,
  kind: z.literal('azure'),
  service: name,
  acrUsd: z.number(),
  offer: withDefault(z.enum(OFFERS), 'standard'),
});
const m365Usage = z.object({
  ...usageBase,
  kind: z.literal('m365'),
  workload: name,
  paidSeats: count,
  activeUsers: count,
});
const bizAppsUsage = z.object({
  ...usageBase,
  kind: z.literal('bizapps'),
  workload: name,
  revenueUsd: z.number(),
  activeUsers: count,
});
const usageRecord = z.discriminatedUnion('kind', [azureUsage, m365Usage, bizAppsUsage]);

const customer = z.object({
  tenantId: z.string().min(1),
  segment: withDefault(z.enum(SEGMENTS), 'enterprise'),
  cloud: withDefault(z.enum(CLOUDS), 'commercial'),
  // null (or omitted) keeps its meaning: every usage record counts as attributed.
  associations: withDefault(z.array(association), null),
  usage: optionalList(usageRecord),
});

const certification = z.object({
  name,
  earned: isoDate,
  expires: withDefault(isoDate, null),
});

const person = z.object({
  id: z.string().min(1),
  linkedFrom: isoDate,
  linkedTo: withDefault(isoDate, null),
  certifications: optionalList(certification),
});

const enrollment = z.object({
  anniversary: withDefault(isoDate, null),
  areas: optionalList(z.enum(AREAS)),
  azureTrack: withDefault(z.enum(TRACKS), null),
});

function factsSchema(asOfOverride: string | undefined) {
  return z
    .object({
      partnerId: z.string().min(1),
      // With an override the field may be missing, but a present value must still be a real date.
      asOf: asOfOverride === undefined ? isoDate : withDefault(isoDate, asOfOverride),
      enrollment: withDefault(enrollment, null),
      customers: optionalList(customer),
      people: optionalList(person),
    })
    .superRefine((facts, ctx) => {
      reportDuplicates(facts.customers, (c) => c.tenantId, 'customers', 'tenantId', ctx);
      reportDuplicates(facts.people, (p) => p.id, 'people', 'id', ctx);
    });
}

function reportDuplicates<T>(items: readonly T[], key: (item: T) => string, list: string, field: string, ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const value = key(item);
    const first = firstIndex.get(value);
    if (first === undefined) firstIndex.set(value, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: [list, index, field],
        message: `duplicate ${field} ${JSON.stringify(value)} (also ${list}[${first}])`,
      });
  });
}

export interface FactsError {
  /** JSON path such as `customers[2].usage[0].month` (empty for the document itself). */
  path: string;
  message: string;
}

export type ParseFactsResult = { ok: true; facts: PartnerFacts } | { ok: false; errors: FactsError[] };

export interface ParseFactsOptions {
  /** `--as-of`: replaces the document's `asOf`. */
  asOfOverride?: string;
}

const schemaCache = new Map<string | undefined, ReturnType<typeof factsSchema>>();

/** Validates raw JSON (already parsed) into PartnerFacts, or lists every problem with its path. */
export function parseFacts(raw: unknown, options: ParseFactsOptions = {}): ParseFactsResult {
  const override = options.asOfOverride;
  if (override !== undefined && !isRealDate(override)) {
    return { ok: false, errors: [{ path: '--as-of', message: `not a real date ${JSON.stringify(override)}` }] };
  }
  // Valid documents take the single pass; anything it does not accept goes to zod for the errors.
  const fast = fastParseFacts(raw, override);
  return fast ? { ok: true, facts: fast } : schemaParseFacts(raw, options);
}

/** parseFacts by the zod schema alone: the source of every error (and what the single pass must equal). */
export function schemaParseFacts(raw: unknown, options: ParseFactsOptions = {}): ParseFactsResult {
  const override = options.asOfOverride;
  if (override !== undefined && !isRealDate(override)) {
    return { ok: false, errors: [{ path: '--as-of', message: `not a real date ${JSON.stringify(override)}` }] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: '', message: `expected an object, got ${jsonType(raw)}` }] };
  }
  let schema = schemaCache.get(override);
  if (!schema) {
    schema = factsSchema(override);
    schemaCache.set(override, schema);
  }
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) return { ok: false, errors: result.error.issues.map(describeFactsIssue) };
  const facts = result.data as PartnerFacts;
  if (override !== undefined) facts.asOf = override;
  return { ok: true, facts };
}

/** Facts errors in the scoring contract's wording: `required string is missing`, `got string`, the kinds listed. */
const FACTS_WORDING: IssueWording = {
  missing: 'expected',
  got: 'type',
  expectedDiscriminators: { kind: '"azure", "m365" or "bizapps"' },
};

function describeFactsIssue(issue: z.core.$ZodIssue): FactsError {
  return describeIssue(issue, FACTS_WORDING);
}
