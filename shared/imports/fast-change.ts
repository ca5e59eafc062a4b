// A single pass over one import row's candidate change (after cell coercion, shared/imports/rows.ts)
// that accepts exactly what changeEventSchema accepts and returns what it returns (the same fields, the
// same normalization, the same key order) — or undefined at the first thing it is not sure of, and
// the zod schema then decides and says what and where. So zod stays the schema and the source of every
// error message; valid rows of the bulk kinds (usage, customer, association: the big files) skip it,
// which was most of an import's cost. Other kinds (person, certification, profile) always go to zod.
// The approach is shared/domain/facts/fast-parse.ts's; test/unit/imports/fast-change.test.ts holds the
// two to the same answers on generated and mutated rows.
import type { z } from 'zod';

import { isRealDate } from '../domain/calendar/dates.js';
import { type ChangeEvent, changeEventSchema, normalizeTimestamp, USAGE_KINDS } from '../domain/changes/events.js';
import { ASSOCIATION_TYPES, CLOUDS, CPOR_ACTIVITIES, OFFERS, SEGMENTS } from '../domain/facts/types.js';
import { idProblem } from '../domain/ids.js';
import { MAX_NAME_CHARS } from '../domain/limits.js';

type Raw = Record<string, unknown>;

/** Thrown inside the pass to leave it at once; never escapes fastChange. */
const REJECT = Symbol('reject');

const usageKinds: ReadonlySet<unknown> = new Set(USAGE_KINDS);
const associationTypes: ReadonlySet<unknown> = new Set(ASSOCIATION_TYPES);
const clouds: ReadonlySet<unknown> = new Set(CLOUDS);
const activities: ReadonlySet<unknown> = new Set(CPOR_ACTIVITIES);
const offers: ReadonlySet<unknown> = new Set(OFFERS);
const segments: ReadonlySet<unknown> = new Set(SEGMENTS);

/** Plain ASCII ids — /^[A-Za-z0-9._:@=+-]{1,128}$/ — pass without the full rule (which they pass); anything else is checked by it. */
function plainId(v: string): boolean {
  if (v.length === 0 || v.length > 128) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    // . _ : @ = + -
    if (!alnum && c !== 46 && c !== 95 && c !== 58 && c !== 64 && c !== 61 && c !== 43 && c !== 45) return false;
  }
  return true;
}
function id(v: unknown): string {
  if (typeof v !== 'string') throw REJECT;
  if (plainId(v)) return v;
  const t = v.trim();
  if (idProblem(t) !== null) throw REJECT;
  return t;
}
/** The last timestamp normalized, and its month (a file's rows mostly share one). */
let lastTimestamp = { text: '', normalized: '', month: '' };
function timestamp(v: unknown): string {
  if (typeof v !== 'string') throw REJECT;
  if (v === lastTimestamp.text) return lastTimestamp.normalized;
  const t = normalizeTimestamp(v);
  if (t === null) throw REJECT;
  lastTimestamp = { text: v, normalized: t, month: t.slice(0, 7) };
  return t;
}
/** A normalized timestamp's YYYY-MM. */
function monthOf(normalized: string): string {
  return normalized === lastTimestamp.normalized ? lastTimestamp.month : normalized.slice(0, 7);
}
function flag(v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw REJECT;
  return v;
}
function member<T>(set: ReadonlySet<unknown>, v: unknown): T {
  if (!set.has(v)) throw REJECT;
  return v as T;
}
/** Missing or null → null, else one of the set. */
function optionalMember<T>(set: ReadonlySet<unknown>, v: unknown): T | null {
  return v === undefined || v === null ? null : member<T>(set, v);
}
function month(v: unknown): string {
  if (typeof v !== 'string' || !realMonth(v)) throw REJECT;
  return v;
}
function digit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}
/** isRealMonth (YYYY-MM, month 01–12) without a regex match per row. */
function realMonth(v: string): boolean {
  if (v.length !== 7 || v.charCodeAt(4) !== 45) return false;
  if (!digit(v, 0) || !digit(v, 1) || !digit(v, 2) || !digit(v, 3) || !digit(v, 5) || !digit(v, 6)) return false;
  const m = (v.charCodeAt(5) - 48) * 10 + (v.charCodeAt(6) - 48);
  return m >= 1 && m <= 12;
}
function date(v: unknown): string {
  if (typeof v !== 'string' || !isRealDate(v)) throw REJECT;
  return v;
}
function optionalDate(v: unknown): string | null {
  return v === undefined || v === null ? null : date(v);
}
/** optionalName: missing, null or blank → null; text is trimmed and at most MAX_NAME_CHARS. */
function optionalName(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw REJECT;
  const t = v.trim();
  if (t.length > MAX_NAME_CHARS) throw REJECT;
  return t === '' ? null : t;
}
function amount(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw REJECT;
  return v;
}
function count(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw REJECT;
  return v;
}

function usage(c: Raw): ChangeEvent {
  const partnerId = id(c.partnerId);
  const observedAt = timestamp(c.observedAt);
  const deleted = flag(c.deleted);
  const tenantId = id(c.tenantId);
  const kind = member<(typeof USAGE_KINDS)[number]>(usageKinds, c.kind);
  const m = month(c.month);
  const service = optionalName(c.service);
  const workload = optionalName(c.workload);
  const offer = optionalMember<(typeof OFFERS)[number]>(offers, c.offer);
  const association = member<(typeof ASSOCIATION_TYPES)[number]>(associationTypes, c.association);
  const cporActivity = optionalMember<(typeof CPOR_ACTIVITIES)[number]>(activities, c.cporActivity);
  const acrUsd = amount(c.acrUsd);
  const paidSeats = count(c.paidSeats);
  const activeUsers = count(c.activeUsers);
  const revenueUsd = amount(c.revenueUsd);
  if (m > monthOf(observedAt)) throw REJECT;
  // The usage schema's transform: the fields of the record's kind, in its order; amounts dropped on a deletion.
  switch (kind) {
    case 'azure':
      if (service === null || (!deleted && acrUsd === undefined)) throw REJECT;
      return {
        fact: 'usage',
        partnerId,
        observedAt,
        deleted,
        tenantId,
        month: m,
        association,
        cporActivity,
        kind,
        service,
        offer: offer ?? 'standard',
        acrUsd: deleted ? undefined : acrUsd,
      };
    case 'm365':
      if (workload === null || (!deleted && (paidSeats === undefined || activeUsers === undefined))) throw REJECT;
      return {
        fact: 'usage',
        partnerId,
        observedAt,
        deleted,
        tenantId,
        month: m,
        association,
        cporActivity,
        kind,
        workload,
        paidSeats: deleted ? undefined : paidSeats,
        activeUsers: deleted ? undefined : activeUsers,
      };
    case 'bizapps':
      if (workload === null || (!deleted && revenueUsd === undefined && activeUsers === undefined)) throw REJECT; // one figure is enough (usage-figures.ts)
      return {
        fact: 'usage',
        partnerId,
        observedAt,
        deleted,
        tenantId,
        month: m,
        association,
        cporActivity,
        kind,
        workload,
        revenueUsd: deleted ? undefined : revenueUsd,
        activeUsers: deleted ? undefined : activeUsers,
      };
  }
}

/** segment / cloud: optional attributes, absent when not given. */
function attributes(out: Raw, c: Raw): void {
  if (c.segment !== undefined) out.segment = member(segments, c.segment);
  if (c.cloud !== undefined) out.cloud = member(clouds, c.cloud);
}

function customer(c: Raw): ChangeEvent {
  const out: Raw = { fact: 'customer', partnerId: id(c.partnerId), observedAt: timestamp(c.observedAt), deleted: flag(c.deleted) };
  out.tenantId = id(c.tenantId);
  attributes(out, c);
  return out as ChangeEvent;
}

function association(c: Raw): ChangeEvent {
  const out: Raw = { fact: 'association', partnerId: id(c.partnerId), observedAt: timestamp(c.observedAt), deleted: flag(c.deleted) };
  out.tenantId = id(c.tenantId);
  out.type = member(associationTypes, c.type);
  out.workload = optionalName(c.workload);
  const from = date(c.from);
  out.from = from;
  const to = optionalDate(c.to);
  out.to = to;
  out.cporActivity = optionalMember(activities, c.cporActivity);
  attributes(out, c);
  if (!out.deleted && to !== null && to < from) throw REJECT;
  return out as ChangeEvent;
}

/** The change zod would return for `candidate`, or undefined when this pass leaves it to zod. */
export function fastChange(candidate: Raw): ChangeEvent | undefined {
  try {
    switch (candidate.fact) {
      case 'usage':
        return usage(candidate);
      case 'customer':
        return customer(candidate);
      case 'association':
        return association(candidate);
      default:
        return undefined;
    }
  } catch (e) {
    if (e === REJECT) return undefined;
    throw e;
  }
}

/** fastChange, else zod: the change, or zod's issues. */
export function validateCandidate(candidate: Raw): z.ZodSafeParseResult<ChangeEvent> {
  const fast = fastChange(candidate);
  if (fast !== undefined) return { success: true, data: fast };
  return changeEventSchema.safeParse(candidate, { reportInput: true });
}

/** True when JSON.stringify(text) is the text in quotes: printable ASCII with no quote or backslash. */
function plain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/** `,"key":value` for a number that JSON.stringify leaves out when undefined. */
function n(key: string, value: number | undefined): string {
  return value === undefined ? '' : `,"${key}":${value}`;
}

/** A nullable text that fastChange took from a fixed set (plain): null, or in quotes. */
function qs(text: string | null): string {
  return text === null ? 'null' : `"${text}"`;
}

/**
 * JSON.stringify(change) for a change fastChange returned — the same text, built without walking the
 * object (its keys and their order are fastChange's) — or undefined when a text in it is not plain
 * ASCII (then the caller stringifies). Ids and names are checked (changeJsonLength); the other texts
 * are plain by what fastChange took (ISO timestamps, YYYY-MM months, YYYY-MM-DD dates, members of
 * fixed sets). Numbers are finite (fastChange took no other), so `${value}` is their JSON.
 * test/unit/imports/fast-row.test.ts holds it to JSON.stringify.
 */
export function changeJson(change: ChangeEvent): string | undefined {
  return changeJsonLength(change) === undefined ? undefined : plainChangeJson(change);
}

/**
 * changeJson(change) for a change whose texts are known to be plain (its changeJsonLength was not
 * undefined): no check. The importer makes a batch's texts with it when the batch is sent.
 */
export function plainChangeJson(change: ChangeEvent): string {
  const head = `"partnerId":"${change.partnerId}","observedAt":"${change.observedAt}","deleted":${change.deleted ? 'true' : 'false'},"tenantId":"`;
  switch (change.fact) {
    case 'usage': {
      const mid = `{"fact":"usage",${head}${change.tenantId}","month":"${change.month}","association":"${change.association}","cporActivity":${qs(change.cporActivity)},"kind":"${change.kind}"`;
      switch (change.kind) {
        case 'azure':
          return `${mid},"service":"${change.service}","offer":"${change.offer}"${n('acrUsd', change.acrUsd)}}`;
        case 'm365':
          return `${mid},"workload":"${change.workload}"${n('paidSeats', change.paidSeats)}${n('activeUsers', change.activeUsers)}}`;
        case 'bizapps':
          return `${mid},"workload":"${change.workload}"${n('revenueUsd', change.revenueUsd)}${n('activeUsers', change.activeUsers)}}`;
      }
      break;
    }
    case 'customer':
      return `{"fact":"customer",${head}${change.tenantId}"${attributesJson(change)}}`;
    case 'association':
      return `{"fact":"association",${head}${change.tenantId}","type":"${change.type}","workload":${qs(change.workload)},"from":"${change.from}","to":${qs(change.to)},"cporActivity":${qs(change.cporActivity)}${attributesJson(change)}}`;
  }
  return JSON.stringify(change);
}

/**
 * changeJson(change)'s length — the change's JSON size in bytes, as it is plain ASCII — without
 * making the text, or undefined when changeJson would give none. The importer keeps a change until
 * its batch is sent and makes the text only then (a text per buffered change was most of the
 * garbage collector's copying). Each skeleton is the change's JSON with its values taken out.
 */
export function changeJsonLength(change: ChangeEvent): number | undefined {
  switch (change.fact) {
    case 'usage': {
      const common = commonLength(change);
      if (common === undefined) return undefined;
      const head =
        USAGE_SKELETON +
        common +
        change.month.length +
        change.association.length +
        nullableLength(change.cporActivity) +
        change.kind.length;
      switch (change.kind) {
        case 'azure':
          if (!plain(change.service)) return undefined;
          return head + AZURE_SKELETON + change.service.length + change.offer.length + numberLength('acrUsd', change.acrUsd);
        case 'm365':
        case 'bizapps': {
          if (!plain(change.workload)) return undefined;
          // The two kinds differ only in their first figure.
          const figure =
            change.kind === 'm365' ? numberLength('paidSeats', change.paidSeats) : numberLength('revenueUsd', change.revenueUsd);
          return head + WORKLOAD_SKELETON + change.workload.length + figure + numberLength('activeUsers', change.activeUsers);
        }
      }
      return undefined;
    }
    case 'customer': {
      const common = commonLength(change);
      return common === undefined ? undefined : CUSTOMER_SKELETON + common + attributesLength(change);
    }
    case 'association': {
      const common = commonLength(change);
      const workload = change.workload;
      if (common === undefined || (workload !== null && !plain(workload))) return undefined;
      return (
        ASSOCIATION_SKELETON +
        common +
        change.type.length +
        (workload === null ? 4 : workload.length + 2) +
        change.from.length +
        nullableLength(change.to) +
        nullableLength(change.cporActivity) +
        attributesLength(change)
      );
    }
    default:
      return undefined;
  }
}

/** The lengths of the values every bulk change begins with; undefined when an id is not plain. */
function commonLength(change: { partnerId: string; observedAt: string; deleted: boolean; tenantId: string }): number | undefined {
  const { partnerId, tenantId } = change;
  if (!plain(partnerId) || !plain(tenantId)) return undefined;
  return partnerId.length + change.observedAt.length + (change.deleted ? 4 : 5) + tenantId.length;
}

const USAGE_SKELETON =
  '{"fact":"usage","partnerId":"","observedAt":"","deleted":,"tenantId":"","month":"","association":"","cporActivity":,"kind":""}'.length;
const AZURE_SKELETON = ',"service":"","offer":""'.length;
const WORKLOAD_SKELETON = ',"workload":""'.length;
const CUSTOMER_SKELETON = '{"fact":"customer","partnerId":"","observedAt":"","deleted":,"tenantId":""}'.length;
const ASSOCIATION_SKELETON =
  '{"fact":"association","partnerId":"","observedAt":"","deleted":,"tenantId":"","type":"","workload":,"from":"","to":,"cporActivity":}'
    .length;

/** qs(text)'s length. */
function nullableLength(text: string | null): number {
  return text === null ? 4 : text.length + 2;
}

/** n(key, value)'s length: an integer's digits counted, other numbers written out. */
function numberLength(key: string, value: number | undefined): number {
  if (value === undefined) return 0;
  return key.length + 4 + (Number.isInteger(value) && Math.abs(value) < 1e15 ? integerDigits(value) : `${value}`.length);
}

/** `${value}`.length for an integer below 1e15 in magnitude (-0 is written "0"). */
function integerDigits(value: number): number {
  let d = value < 0 ? 2 : 1;
  for (let v = Math.abs(value); v >= 10; v = Math.floor(v / 10)) d++;
  return d;
}

/** attributesJson(change)'s length. */
function attributesLength(change: { segment?: string; cloud?: string }): number {
  return (change.segment === undefined ? 0 : change.segment.length + 13) + (change.cloud === undefined ? 0 : change.cloud.length + 11);
}

/** segment / cloud, members of fixed sets, when given. */
function attributesJson(change: { segment?: string; cloud?: string }): string {
  return `${change.segment === undefined ? '' : `,"segment":"${change.segment}"`}${change.cloud === undefined ? '' : `,"cloud":"${change.cloud}"`}`;
}
