// Business Applications usage records carry two figures, revenue and monthly active users, and Partner
// Center gives them in two downloads (the revenue one and the usage one, docs/partner-center.md §4), each
// with only its own figure. So a bizapps usage entry is not one register but one per figure: a record
// sets the figures it carries, each keeps the newest value that set it, and a deletion is a tombstone
// that ends every figure observed at or before it. Per-figure last-writer-wins registers plus a
// max-tombstone merge in any order to the same entry (commutative, associative, idempotent), as the
// whole-record registers of the other kinds do (apply.ts).
//
// Stored form: an entry whose figures were all set at its `observedAt`, with no tombstone that matters,
// is stored exactly as a whole record (no extra fields), so full records look as they always have.
// Otherwise `figureAt` holds each live figure's stamp and `deletedAt` the tombstone a missing figure
// still has to respect.
import { canonicalJson } from './canonical.js';
import type { UsageEntry } from './docs.js';

export const BIZAPPS_FIGURES = ['revenueUsd', 'activeUsers'] as const;
export type BizappsFigure = (typeof BIZAPPS_FIGURES)[number];

interface Figures {
  values: Partial<Record<BizappsFigure, { value: number; at: string }>>;
  deletedAt: string | undefined;
}

const NONE: Figures = { values: {}, deletedAt: undefined };

function figuresOf(entry: UsageEntry): Figures {
  if (entry.deleted) return { values: {}, deletedAt: entry.observedAt };
  const values: Figures['values'] = {};
  for (const f of BIZAPPS_FIGURES) {
    const value = entry[f];
    if (value !== undefined) values[f] = { value, at: entry.figureAt?.[f] ?? entry.observedAt };
  }
  return { values, deletedAt: entry.deletedAt };
}

const later = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a > b ? a : b);

function merge(a: Figures, b: Figures): Figures {
  const values: Figures['values'] = {};
  const deletedAt = later(a.deletedAt, b.deletedAt);
  for (const f of BIZAPPS_FIGURES) {
    const x = a.values[f];
    const y = b.values[f];
    // Newer wins; on equal stamps the larger value, so every order picks the same one.
    const kept = !x ? y : !y ? x : y.at > x.at || (y.at === x.at && y.value > x.value) ? y : x;
    // A deletion wins over a figure of the same or an earlier stamp (as a whole-record deletion does).
    if (kept && (deletedAt === undefined || kept.at > deletedAt)) values[f] = kept;
  }
  return { values, deletedAt };
}

/** The stored entry for merged figures: `key` holds the entry's key fields (kind, month, workload, association…). */
function entryOf(key: UsageEntry, figures: Figures): UsageEntry {
  const {
    acrUsd: _a,
    paidSeats: _p,
    activeUsers: _u,
    revenueUsd: _r,
    figureAt: _f,
    deletedAt: _d,
    observedAt: _o,
    deleted: _x,
    ...base
  } = key;
  const live = BIZAPPS_FIGURES.filter((f) => figures.values[f] !== undefined);
  if (live.length === 0) return { ...base, observedAt: figures.deletedAt ?? key.observedAt, deleted: true };
  const observedAt = live.map((f) => figures.values[f]!.at).reduce((a, b) => (b > a ? b : a));
  const entry: UsageEntry = { ...base, observedAt, deleted: false };
  for (const f of live) entry[f] = figures.values[f]!.value;
  const whole = live.length === BIZAPPS_FIGURES.length && live.every((f) => figures.values[f]!.at === observedAt);
  if (!whole) {
    entry.figureAt = Object.fromEntries(live.map((f) => [f, figures.values[f]!.at]));
    if (figures.deletedAt !== undefined) entry.deletedAt = figures.deletedAt;
  }
  return entry;
}

/**
 * Pure: the bizapps entry after `incoming` (a record with some or all of its figures, or a deletion)
 * meets `stored`; undefined when nothing changes.
 */
export function mergeBizappsUsage(stored: UsageEntry | undefined, incoming: UsageEntry): UsageEntry | undefined {
  const merged = entryOf(incoming, merge(stored ? figuresOf(stored) : NONE, figuresOf(incoming)));
  return stored && canonicalJson(merged) === canonicalJson(stored) ? undefined : merged;
}

/**
 * Pure: the entry without the figures observed before `watermark` (a full usage snapshot ended them);
 * undefined when none is left. Whole records are ended by their observedAt (apply.ts prune).
 */
export function endFiguresBefore(entry: UsageEntry, watermark: string): UsageEntry | undefined {
  const figures = figuresOf(entry);
  const values: Figures['values'] = {};
  for (const f of BIZAPPS_FIGURES) {
    const v = figures.values[f];
    if (v && v.at >= watermark) values[f] = v;
  }
  if (Object.keys(values).length === 0) return undefined;
  return entryOf(entry, { values, deletedAt: figures.deletedAt });
}
