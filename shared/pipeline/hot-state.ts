// The state document as stored (schemaVersion 2): hot and cold parts (issue 15, "Documents that only
// grow"). The hot document (`state`) is what every recompute reads and writes; the cold documents are
// written only when their content changed, which the hot document's `cold` index tells (a hash per
// history month, the facts version of the stored explanations, a hash of the guidance).
//
//   state                 hot: `packed` (codec.ts: the designations — statuses, windows, monthly maxima,
//                         the days of the last HOT_MONTHS months — and the last score), transitions,
//                         outbox, scoring, summary (what the listing queries read, plain), the facts
//                         aggregate (facts-aggregate.ts), `cold`
//   history:YYYY-MM       cold: one month's scored days of the six areas, for months before the hot ones
//                         (written once, when the month leaves the hot range; deleted past 25 months)
//   explanations          cold: written by full recomputes when the facts or rules changed; the change
//                         path leaves it stale and readers recompute it (explanations.ts)
//   guidance              cold: written by the nightly run when its content changed
//
// In memory (PartnerStateDoc) the designations carry the hot days as plain history: the status machine
// needs at most ~7 months (windows), so HOT_MONTHS = 8 keeps its results the same. A stored document of
// schemaVersion 1 (full history in the designations, no index, no aggregate) is read as it is; the next
// recompute writes it as version 2 and moves its old months to history documents.
import type { Area, IsoDate } from '../domain/facts/types.js';
import { AREAS } from '../domain/facts/types.js';
import { firstOfMonth, monthOf } from '../domain/status/days.js';
import { historyStart } from '../domain/status/history.js';
import type { DayResult, DesignationState } from '../domain/status/types.js';
import { packJson, unpackJson } from './codec.js';
import type { PartnerStateDoc } from './state-doc.js';

/** Months of daily history kept in the hot document: the current month and the seven before it. */
export const HOT_MONTHS = 8;
export const HISTORY_DOC_PREFIX = 'history:';

export interface ColdIndex {
  /** Per history document's month: the hash of its content as stored. */
  historyMonths: Record<string, string>;
  /**
   * The stored explanations document: the facts version and rules it holds for (the latest full
   * recompute's, even when it found the same explanations and did not rewrite the document) and the
   * hash of its content (explanationsContentHash); null: none stored. Documents stored before the hash
   * existed have none: they hold for their own factsVersion only.
   */
  explanations: { factsVersion: string; rulesVersion: string; contentHash?: string } | null;
  /** Hash of the stored guidance document's content; null: none stored. */
  guidance: string | null;
}

export interface HistoryMonthDoc {
  id: string;
  docType: 'history';
  partnerId: string;
  month: string;
  areas: Record<Area, DayResult[]>;
  [field: string]: unknown;
}

export function emptyColdIndex(): ColdIndex {
  return { historyMonths: {}, explanations: null, guidance: null };
}

export function historyDocId(month: string): string {
  return `${HISTORY_DOC_PREFIX}${month}`;
}

export function hotStart(lastDay: IsoDate): IsoDate {
  return firstOfMonth(lastDay, -(HOT_MONTHS - 1));
}

/** The designations with the hot days only, and the older days by month (all six areas each). */
export function splitHistory(designations: DesignationState): {
  hot: DesignationState;
  coldMonths: Map<string, Record<Area, DayResult[]>>;
} {
  const start = hotStart(designations.lastDay);
  const coldMonths = new Map<string, Record<Area, DayResult[]>>();
  const areas = {} as DesignationState['areas'];
  for (const area of AREAS) {
    const a = designations.areas[area];
    for (const r of a.history) {
      if (r.day >= start) continue;
      const month = monthOf(r.day);
      let m = coldMonths.get(month);
      if (!m) coldMonths.set(month, (m = Object.fromEntries(AREAS.map((x) => [x, [] as DayResult[]])) as Record<Area, DayResult[]>));
      m[area].push(r);
    }
    areas[area] = { ...a, history: a.history.filter((r) => r.day >= start) };
  }
  return { hot: { ...designations, areas }, coldMonths };
}

/** The designations with the cold months' days put back before the hot ones (within the kept 25 months). */
export function withColdHistory(designations: DesignationState, months: readonly HistoryMonthDoc[]): DesignationState {
  const start = historyStart(designations.lastDay);
  const sorted = [...months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const areas = {} as DesignationState['areas'];
  for (const area of AREAS) {
    const a = designations.areas[area];
    const first = a.history[0]?.day;
    const older = sorted.flatMap((m) => m.areas[area] ?? []).filter((r) => r.day >= start && (first === undefined || r.day < first));
    areas[area] = { ...a, history: [...older, ...a.history] };
  }
  return { ...designations, areas };
}

/** What the stored version 2 packs (read by the pipeline and the API through the repository, never by a query). */
interface PackedState {
  designations: DesignationState;
  score: PartnerStateDoc['score'];
}

/**
 * What encodeState packed, by packed text, until its decode: a state written is decoded right away
 * (the repository returns what the store answered, in memory form), and then gets back the values it
 * was packed from instead of parsing them again — once (the entry goes with that decode; any later
 * decode parses). Only values that read back the same are handed over (JSON-plain: no undefined,
 * non-finite numbers or non-plain objects, checked as they are packed). Bounded: writes that fail
 * leave theirs behind.
 */
const handedOver = new Map<string, PackedState>();
const MAX_HANDED_OVER = 128;

/** True when JSON.parse(JSON.stringify(value)) is a deep-equal copy of value (plain JSON data). */
function jsonPlain(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonPlain(value[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key) || key === '__proto__') return false;
    if (!jsonPlain((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * The stored form of a state document (version 2): the designations (with the hot days) and the last
 * score packed in `packed`; the fields queries read (summary, scoring, ids) and the transitions and
 * outbox stay plain.
 */
export function encodeState(doc: PartnerStateDoc): Record<string, unknown> & { id: string } {
  const { designations, score, ...rest } = doc;
  const state: PackedState = { designations, score };
  const packed = packJson(state);
  if (jsonPlain(state)) {
    handedOver.delete(packed);
    handedOver.set(packed, state);
    if (handedOver.size > MAX_HANDED_OVER) handedOver.delete(handedOver.keys().next().value!);
  }
  return { ...rest, schemaVersion: 2, cold: doc.cold ?? emptyColdIndex(), packed };
}

/** A stored state document (version 1 or 2) in memory form. */
export function decodeState(stored: PartnerStateDoc): PartnerStateDoc {
  if (typeof stored.packed !== 'string') return stored; // version 1: every field plain, the full history in the designations
  const { packed, ...rest } = stored;
  const handed = handedOver.get(packed);
  if (handed !== undefined) handedOver.delete(packed);
  const { designations, score } = handed ?? unpackJson<PackedState>(packed);
  return { ...rest, designations, score } as PartnerStateDoc;
}
