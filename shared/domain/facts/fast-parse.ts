// A single pass over raw facts JSON that accepts exactly what the zod schema (./schema.ts) accepts and
// returns what it returns (unknown fields stripped, defaults applied, keys in the schema's order) — or
// undefined at the first thing it does not accept, and the zod schema then says what and where. So zod
// stays the source of every error message, and valid input (the common case, and the cost: zod was
// 1.8–2× JSON.parse) is checked at about the speed of walking it. A differential test holds the two
// to the same answers on generated and mutated documents.
import { isRealDate, isRealMonth } from '../calendar/dates.js';
import {
  AREAS,
  type Association,
  ASSOCIATION_TYPES,
  type Certification,
  CLOUDS,
  CPOR_ACTIVITIES,
  type Customer,
  type Enrollment,
  OFFERS,
  type PartnerFacts,
  type Person,
  SEGMENTS,
  TRACKS,
  type UsageRecord,
} from './types.js';

type Raw = Record<string, unknown>;

/** Thrown inside the pass to leave it at once; never escapes fastParseFacts. */
const REJECT = Symbol('reject');

const areas: ReadonlySet<unknown> = new Set(AREAS);
const associationTypes: ReadonlySet<unknown> = new Set(ASSOCIATION_TYPES);
const clouds: ReadonlySet<unknown> = new Set(CLOUDS);
const activities: ReadonlySet<unknown> = new Set(CPOR_ACTIVITIES);
const offers: ReadonlySet<unknown> = new Set(OFFERS);
const segments: ReadonlySet<unknown> = new Set(SEGMENTS);
const tracks: ReadonlySet<unknown> = new Set(TRACKS);

function object(v: unknown): Raw {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw REJECT;
  return v as Raw;
}
function array(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw REJECT;
  return v;
}
/** A missing or null list is empty. */
function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : array(v);
}
function string(v: unknown): string {
  if (typeof v !== 'string') throw REJECT;
  return v;
}
function nonEmpty(v: unknown): string {
  const s = string(v);
  if (s.length === 0) throw REJECT;
  return s;
}
function number(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw REJECT;
  return v;
}
function count(v: unknown): number {
  const n = number(v);
  if (!Number.isInteger(n) || n < 0) throw REJECT;
  return n;
}
function date(v: unknown): string {
  const s = string(v);
  if (!isRealDate(s)) throw REJECT;
  return s;
}
function month(v: unknown): string {
  const s = string(v);
  if (!isRealMonth(s)) throw REJECT;
  return s;
}
function member<T>(set: ReadonlySet<unknown>, v: unknown): T {
  if (!set.has(v)) throw REJECT;
  return v as T;
}
/** Missing or null → fallback, else checked. */
function optional<T, F>(v: unknown, check: (v: unknown) => T, fallback: F): T | F {
  return v === undefined || v === null ? fallback : check(v);
}

function association(v: unknown): Association {
  const r = object(v);
  const out: Association = {
    type: member(associationTypes, r.type),
    cporActivity: activity(r.cporActivity),
    workload: optional(r.workload, string, null),
    from: date(r.from),
    to: optional(r.to, date, null),
  };
  if (out.to !== null && out.to < out.from) throw REJECT;
  return out;
}

function activity(v: unknown): Association['cporActivity'] {
  return v === undefined || v === null ? null : member(activities, v);
}

// Object literals in the schema's key order, no spread and no closures: this runs once per usage
// record, the bulk of any partner's facts.
function usage(v: unknown): UsageRecord {
  const r = object(v);
  const m = month(r.month);
  const via = member<Association['type']>(associationTypes, r.association);
  const cporActivity = activity(r.cporActivity);
  switch (r.kind) {
    case 'azure':
      return {
        month: m,
        association: via,
        cporActivity,
        kind: 'azure',
        service: string(r.service),
        acrUsd: number(r.acrUsd),
        offer: r.offer === undefined || r.offer === null ? 'standard' : member(offers, r.offer),
      };
    case 'm365':
      return {
        month: m,
        association: via,
        cporActivity,
        kind: 'm365',
        workload: string(r.workload),
        paidSeats: count(r.paidSeats),
        activeUsers: count(r.activeUsers),
      };
    case 'bizapps':
      return {
        month: m,
        association: via,
        cporActivity,
        kind: 'bizapps',
        workload: string(r.workload),
        revenueUsd: number(r.revenueUsd),
        activeUsers: count(r.activeUsers),
      };
    default:
      throw REJECT;
  }
}

function customer(v: unknown): Customer {
  const r = object(v);
  return {
    tenantId: nonEmpty(r.tenantId),
    segment: optional(r.segment, (x) => member(segments, x), 'enterprise'),
    cloud: optional(r.cloud, (x) => member(clouds, x), 'commercial'),
    associations: optional(r.associations, (x) => array(x).map(association), null),
    usage: list(r.usage).map(usage),
  };
}

function certification(v: unknown): Certification {
  const r = object(v);
  return { name: string(r.name), earned: date(r.earned), expires: optional(r.expires, date, null) };
}

function person(v: unknown): Person {
  const r = object(v);
  return {
    id: nonEmpty(r.id),
    linkedFrom: date(r.linkedFrom),
    linkedTo: optional(r.linkedTo, date, null),
    certifications: list(r.certifications).map(certification),
  };
}

function enrollment(v: unknown): Enrollment {
  const r = object(v);
  return {
    anniversary: optional(r.anniversary, date, null),
    areas: list(r.areas).map((a) => member(areas, a)),
    azureTrack: optional(r.azureTrack, (x) => member(tracks, x), null),
  };
}

function unique<T>(items: readonly T[], key: (item: T) => string): void {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) throw REJECT;
    seen.add(k);
  }
}

/**
 * The parsed facts when `raw` is valid by the contract, else undefined (call the zod schema for the
 * errors). `asOfOverride` must already be a real date.
 */
export function fastParseFacts(raw: unknown, asOfOverride?: string): PartnerFacts | undefined {
  try {
    const r = object(raw);
    const facts: PartnerFacts = {
      partnerId: nonEmpty(r.partnerId),
      asOf: asOfOverride === undefined ? date(r.asOf) : (optional(r.asOf, date, null), asOfOverride),
      enrollment: optional(r.enrollment, enrollment, null),
      customers: list(r.customers).map(customer),
      people: list(r.people).map(person),
    };
    unique(facts.customers, (c) => c.tenantId);
    unique(facts.people, (p) => p.id);
    return facts;
  } catch (error) {
    if (error === REJECT) return undefined;
    throw error;
  }
}
