// One row (CSV cells or an NDJSON object, already keyed by our field names) → a validated change
// event, or the first problem found named by column. Cells are text; this module turns them into
// the JSON types the change schema expects (numbers, booleans, lists, the enrollment object).
import type { z } from 'zod';

import { type ChangeEvent, changeEventSchema, FACT_KINDS, type FactKind, USAGE_KINDS } from '../domain/changes/events.js';
import { describeIssue } from '../domain/issues.js';
import type { Field } from './columns.js';
import { changeJsonLength, fastChange, validateCandidate } from './fast-change.js';

/** One row's cells by our field name (CSV text, or any JSON value for NDJSON). */
export type RowCells = Partial<Record<Field, unknown>>;

export type RowResult = { ok: true; change: ChangeEvent } | { ok: false; column?: string; reason: string };

/**
 * The cells of a row that the fast path reads (fastRowChange), every one always there (undefined: no
 * such cell), so the object has one shape: the fields a usage, customer or association row is made
 * of, and fact and kind, which say what the row is. No other cell can change such a row's change (the
 * schema drops unknown keys, and the other cells are text or lists, which always coerce), so a row
 * whose other cells are left out of this gets the change rowToChange would give it.
 */
export interface FastCells {
  fact: unknown;
  kind: unknown;
  partnerId: unknown;
  tenantId: unknown;
  month: unknown;
  service: unknown;
  workload: unknown;
  offer: unknown;
  association: unknown;
  cporActivity: unknown;
  acrUsd: unknown;
  paidSeats: unknown;
  activeUsers: unknown;
  revenueUsd: unknown;
  observedAt: unknown;
  deleted: unknown;
  type: unknown;
  from: unknown;
  to: unknown;
  segment: unknown;
  cloud: unknown;
}

/** FastCells' fields, in the order of the interface. */
export const FAST_FIELDS = [
  'fact',
  'kind',
  'partnerId',
  'tenantId',
  'month',
  'service',
  'workload',
  'offer',
  'association',
  'cporActivity',
  'acrUsd',
  'paidSeats',
  'activeUsers',
  'revenueUsd',
  'observedAt',
  'deleted',
  'type',
  'from',
  'to',
  'segment',
  'cloud',
] as const satisfies readonly (keyof FastCells & Field)[];

/** FastCells with no cell: the object a reader fills for each row. */
export function emptyFastCells(): FastCells {
  return {
    fact: undefined,
    kind: undefined,
    partnerId: undefined,
    tenantId: undefined,
    month: undefined,
    service: undefined,
    workload: undefined,
    offer: undefined,
    association: undefined,
    cporActivity: undefined,
    acrUsd: undefined,
    paidSeats: undefined,
    activeUsers: undefined,
    revenueUsd: undefined,
    observedAt: undefined,
    deleted: undefined,
    type: undefined,
    from: undefined,
    to: undefined,
    segment: undefined,
    cloud: undefined,
  };
}

/**
 * A change the fast path made, and its JSON size when its text is plain ASCII: then changeJson(change)
 * is JSON.stringify(change), exactly, and `bytes` its length.
 */
export interface FastRow {
  change: ChangeEvent;
  bytes: number | undefined;
}

export interface RowContext {
  /** The file's kind (from its name), used when a row does not say. */
  fileKind?: FactKind;
  /** Fields that have a column in this file (CSV) or a key in this object (NDJSON). */
  present: { has(field: Field): boolean };
  /** The column's text in the file, for messages. */
  columnName: (field: string) => string;
  /** observedAt for rows without one (the blob's last-modified time). */
  defaultObservedAt?: string;
  /** Snapshot files: every row is observed at the snapshot's observedAt. */
  forceObservedAt?: string;
  /** Validate with zod alone (no fast path): for the test that holds the two to the same answers. */
  zodOnly?: boolean;
}

const NUMBER_FIELDS = new Set<string>(['acrUsd', 'paidSeats', 'activeUsers', 'revenueUsd']);
const LIST_FIELDS = new Set<string>(['areas', 'contacts']);
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n']);
const ENROLLMENT_FIELDS = ['anniversary', 'areas', 'azureTrack'] as const;
/** A usage row without a kind: its amount column says which kind it is. */
const KIND_OF_AMOUNT = { acrUsd: 'azure', paidSeats: 'm365', revenueUsd: 'bizapps' } as const;
const AMOUNT_FIELDS = Object.keys(KIND_OF_AMOUNT) as (keyof typeof KIND_OF_AMOUNT)[];

/** Accepts plural and case variants of a fact kind ("Associations", "people"). */
export function factKindOf(text: string): FactKind | null {
  if (text === lastKindText.text) return lastKindText.kind;
  const kind = kindOfText(text);
  lastKindText = { text, kind };
  return kind;
}
/** The last text factKindOf read (a file's rows mostly repeat theirs). */
let lastKindText: { text: string; kind: FactKind | null } = { text: '', kind: null };

function kindOfText(text: string): FactKind | null {
  const t = text.trim().toLowerCase();
  if (t === 'people' || t === 'persons') return 'person';
  if ((FACT_KINDS as readonly string[]).includes(t)) return t as FactKind;
  const singular = t.endsWith('s') ? t.slice(0, -1) : t;
  return (FACT_KINDS as readonly string[]).includes(singular) ? (singular as FactKind) : null;
}

type Coerced = { ok: true; value: unknown } | { ok: false; reason: string };

function coerce(field: string, value: unknown): Coerced {
  if (typeof value !== 'string') return { ok: true, value };
  const text = value.trim();
  if (NUMBER_FIELDS.has(field)) {
    return NUMBER.test(text) ? { ok: true, value: Number(text) } : { ok: false, reason: `not a number: ${JSON.stringify(value)}` };
  }
  if (field === 'deleted') {
    const t = text.toLowerCase();
    if (TRUE.has(t)) return { ok: true, value: true };
    if (FALSE.has(t)) return { ok: true, value: false };
    return { ok: false, reason: `not a yes/no value: ${JSON.stringify(value)} (use true/false or 1/0)` };
  }
  if (LIST_FIELDS.has(field)) {
    return {
      ok: true,
      value: text
        .split(/[;|,]/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    };
  }
  return { ok: true, value: text };
}

type Problem = { ok: false; column?: string; reason: string };

/** Thrown by the fast path's coercions at a cell it leaves to rowToChange; never escapes fastRowChange. */
const NOT_FAST = Symbol('not fast');

/** A text cell as coerceCandidate takes it: blank → absent, text trimmed, JSON values as they are. */
function textOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const t = raw.trim();
  return t === '' ? undefined : t;
}

/** A number cell as coerce takes it; text that is not a number is left to rowToChange (its error). */
function numberOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const t = raw.trim();
  if (t === '') return undefined;
  // NUMBER.test(t) without the regex: over digits, '.', signs and e/E, Number() reads exactly the
  // texts NUMBER matches (the same decimal grammar) and gives NaN for the rest.
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 46 && c !== 43 && c !== 45 && c !== 101 && c !== 69) throw NOT_FAST;
  }
  const n = Number(t);
  if (Number.isNaN(n)) throw NOT_FAST;
  return n;
}

/** The deleted cell as coerce takes it; text that is not yes/no is left to rowToChange (its error). */
function flagOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const t = raw.trim();
  if (t === '') return undefined;
  const lower = t.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw NOT_FAST;
}

/**
 * rowToChange's answer for a valid usage, customer or association row, made in one pass with no
 * object per cell; undefined for any other row or at the first thing it is not sure of — then
 * rowToChange (the cells, zod and its errors) decides. Its candidate is coerceCandidate's on these
 * fields, and fastChange reads no other; test/unit/imports/fast-row.test.ts holds the two to the same
 * answers.
 */
export function fastRowChange(cells: FastCells, ctx: RowContext): FastRow | undefined {
  // `cells` is used up: it is coerced in place into the candidate.
  if (ctx.zodOnly) return undefined;
  const fact = resolveFact(cells, ctx);
  if ('ok' in fact || (fact.fact !== 'usage' && fact.fact !== 'customer' && fact.fact !== 'association')) return undefined;
  try {
    let observedAt: unknown;
    if (ctx.forceObservedAt !== undefined) observedAt = ctx.forceObservedAt;
    else {
      observedAt = textOf(cells.observedAt);
      if (observedAt === undefined) {
        if (ctx.defaultObservedAt === undefined) return undefined;
        observedAt = ctx.defaultObservedAt;
      }
    }
    const kind = fact.impliedKind !== undefined ? fact.impliedKind : fact.kindIsFact ? undefined : textOf(cells.kind);
    // The cells become the candidate in place (every field is there already: no new object, no new shape).
    const c = cells;
    c.fact = fact.fact;
    c.kind = kind;
    c.observedAt = observedAt;
    c.partnerId = textOf(c.partnerId);
    c.deleted = flagOf(c.deleted);
    c.tenantId = textOf(c.tenantId);
    c.month = textOf(c.month);
    c.service = textOf(c.service);
    c.workload = textOf(c.workload);
    c.offer = textOf(c.offer);
    c.association = textOf(c.association);
    c.cporActivity = textOf(c.cporActivity);
    c.acrUsd = numberOf(c.acrUsd);
    c.paidSeats = numberOf(c.paidSeats);
    c.activeUsers = numberOf(c.activeUsers);
    c.revenueUsd = numberOf(c.revenueUsd);
    c.type = textOf(c.type);
    c.from = textOf(c.from);
    c.to = textOf(c.to);
    c.segment = textOf(c.segment);
    c.cloud = textOf(c.cloud);
    const change = fastChange(c as unknown as Record<string, unknown>);
    return change === undefined ? undefined : { change, bytes: changeJsonLength(change) };
  } catch (e) {
    if (e === NOT_FAST) return undefined;
    throw e;
  }
}

/** A cell's value, or undefined when it is empty or blank (absent). */
function valueOf(cells: Readonly<RowCells>, field: Field): unknown {
  const raw = cells[field];
  return raw === undefined || (typeof raw === 'string' && raw.trim() === '') ? undefined : raw;
}

/**
 * `cells`: our field → raw value (CSV text, or any JSON value for NDJSON). Empty strings are
 * treated as absent. Steps: which fact → coerced candidate → observedAt → flat enrollment
 * columns → validation (the one-pass fast path, else zod and its errors).
 */
export function rowToChange(cells: Readonly<RowCells>, ctx: RowContext): RowResult {
  const fact = resolveFact(cells, ctx);
  if ('ok' in fact) return fact;
  const candidate = coerceCandidate(fact, cells, ctx);
  if ('ok' in candidate) return candidate as Problem;
  const timed = applyObservedAt(candidate, ctx);
  if (timed) return timed;
  if (fact.fact === 'profile' && cells.enrollment === undefined && ENROLLMENT_FIELDS.some((f) => ctx.present.has(f))) {
    const enrollment = flatEnrollment(cells, ctx);
    if (enrollment && 'ok' in enrollment) return enrollment as Problem;
    candidate.enrollment = enrollment;
  }
  const result = ctx.zodOnly ? changeEventSchema.safeParse(candidate, { reportInput: true }) : validateCandidate(candidate);
  return result.success ? { ok: true, change: result.data } : describeProblems(result.error.issues, ctx);
}

interface FactOfRow {
  fact: FactKind;
  /** The kind cell named the fact ("associations"), so it is not a usage kind. */
  kindIsFact: boolean;
  /** A usage row without a kind: the one its amount column implies. */
  impliedKind?: string;
}

/** Which fact: an explicit `fact` column, else a `kind` naming a fact (or a usage kind), else the file's. */
function resolveFact(cells: Readonly<RowCells>, ctx: RowContext): FactOfRow | Problem {
  let fact: FactKind | null;
  let kindIsFact = false;
  const factCell = valueOf(cells, 'fact');
  const kindCell = valueOf(cells, 'kind');
  const factOfKind = typeof kindCell === 'string' ? factKindOf(kindCell) : null;
  if (typeof factCell === 'string') {
    fact = factKindOf(factCell);
    if (!fact)
      return {
        ok: false,
        column: ctx.columnName('fact'),
        reason: `unknown fact ${JSON.stringify(factCell)} (expected one of ${FACT_KINDS.join(', ')})`,
      };
  } else if (factOfKind) {
    fact = factOfKind;
    kindIsFact = true;
  } else if (typeof kindCell === 'string' && (USAGE_KINDS as readonly string[]).includes(kindCell.trim())) {
    fact = 'usage';
  } else {
    fact = ctx.fileKind ?? null;
  }
  if (!fact) {
    return {
      ok: false,
      column: ctx.columnName('fact'),
      reason: 'cannot tell what kind of fact this row is: name the file <kind>-*.csv (e.g. usage-2026-10.csv) or add a fact column',
    };
  }
  let implied = -1;
  if (fact === 'usage' && (kindIsFact || kindCell === undefined)) {
    // The one amount column with a value says the kind (none, or more than one: no kind).
    let amounts = 0;
    for (let i = 0; i < AMOUNT_FIELDS.length; i++) {
      if (valueOf(cells, AMOUNT_FIELDS[i] as (typeof AMOUNT_FIELDS)[number]) !== undefined) {
        implied = i;
        amounts++;
      }
    }
    if (amounts !== 1) implied = -1;
  }
  return factOfRow(fact, kindIsFact, implied);
}

/** FactOfRow answers are few and never changed: one object per answer, not one per row. */
const FACT_ROWS = new Map<string, FactOfRow>();
function factOfRow(fact: FactKind, kindIsFact: boolean, implied: number): FactOfRow {
  const key = FACT_KEYS[fact][kindIsFact ? 1 : 0]?.[implied + 1] ?? `${fact}|${kindIsFact ? 1 : 0}|${implied}`;
  let out = FACT_ROWS.get(key);
  if (out === undefined) {
    out = { fact, kindIsFact };
    const amount = AMOUNT_FIELDS[implied];
    if (amount !== undefined) out.impliedKind = KIND_OF_AMOUNT[amount];
    FACT_ROWS.set(key, out);
  }
  return out;
}
/** The cache keys, made once: fact → kindIsFact → implied amount (none, or AMOUNT_FIELDS' index). */
const FACT_KEYS = Object.fromEntries(FACT_KINDS.map((f) => [f, [0, 1].map((k) => [-1, 0, 1, 2].map((i) => `${f}|${k}|${i}`))])) as Record<
  FactKind,
  string[][]
>;

/** `{ fact, …cells as JSON types }` (the flat enrollment columns left out), or the first cell that does not coerce. */
function coerceCandidate(fact: FactOfRow, cells: Readonly<RowCells>, ctx: RowContext): Record<string, unknown> | Problem {
  const candidate: Record<string, unknown> = { fact: fact.fact };
  for (const key in cells) {
    const field = key as Field;
    if (
      field === 'fact' ||
      (field === 'kind' && fact.kindIsFact) ||
      ENROLLMENT_FIELDS.includes(field as (typeof ENROLLMENT_FIELDS)[number])
    )
      continue;
    const raw = valueOf(cells, field);
    if (raw === undefined) continue;
    if (typeof raw !== 'string') {
      candidate[field] = raw; // JSON values are taken as they are (coerce would too)
      continue;
    }
    if (!NUMBER_FIELDS.has(field) && !LIST_FIELDS.has(field) && field !== 'deleted') {
      candidate[field] = raw.trim(); // plain text (coerce's last case, without its result object)
      continue;
    }
    const c = coerce(field, raw);
    if (!c.ok) return { ok: false, column: ctx.columnName(field), reason: c.reason };
    candidate[field] = c.value;
  }
  if (fact.impliedKind !== undefined) candidate.kind = fact.impliedKind;
  return candidate;
}

/** observedAt: a snapshot's own time, else the row's, else the file's default; a problem when none. */
function applyObservedAt(candidate: Record<string, unknown>, ctx: RowContext): Problem | null {
  if (ctx.forceObservedAt !== undefined) candidate.observedAt = ctx.forceObservedAt;
  else if (candidate.observedAt === undefined) {
    if (ctx.defaultObservedAt === undefined) {
      return {
        ok: false,
        column: ctx.columnName('observedAt'),
        reason: 'required observedAt is missing (no observedAt column value and no file-level default)',
      };
    }
    candidate.observedAt = ctx.defaultObservedAt;
  }
  return null;
}

/**
 * Flat enrollment columns. The file has them, so the row states the enrollment: an empty
 * anniversary means "not enrolled" (null).
 */
function flatEnrollment(cells: Readonly<RowCells>, ctx: RowContext): Record<string, unknown> | null | Problem {
  const anniversary = valueOf(cells, 'anniversary');
  const areasCell = valueOf(cells, 'areas');
  const areas = areasCell !== undefined ? coerce('areas', areasCell) : { ok: true as const, value: [] };
  if (!areas.ok) return { ok: false, column: ctx.columnName('areas'), reason: areas.reason };
  if (anniversary === undefined) {
    if (Array.isArray(areas.value) && areas.value.length > 0) {
      return {
        ok: false,
        column: ctx.columnName('anniversary'),
        reason: 'areas are given but the anniversary is missing (leave both empty for "not enrolled")',
      };
    }
    return null;
  }
  return { anniversary, areas: areas.value, azureTrack: valueOf(cells, 'azureTrack') ?? null };
}

/** zod's issues → the row's problem: the first issue's column, every issue's message. */
function describeProblems(issues: readonly z.core.$ZodIssue[], ctx: RowContext): Problem {
  const problems = issues.map((issue) => {
    const described = describeIssue(issue);
    const [head, second] = issue.path;
    const field = head === 'enrollment' && typeof second === 'string' ? second : typeof head === 'string' ? head : '';
    return { column: field ? ctx.columnName(field) : undefined, message: described.message };
  });
  const first = problems[0];
  const reason =
    problems.length === 1
      ? (first?.message ?? 'invalid row')
      : problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join('; ');
  return first?.column !== undefined ? { ok: false, column: first.column, reason } : { ok: false, reason };
}
