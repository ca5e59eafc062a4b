// The per-partner state document (id `state`) and explanations document (id `explanations`), both in
// the `partners` container next to the partner's profile, customer and person documents.
//
// Size (Cosmos items must stay under 2 MB; the stand-in does not enforce it). The daily history stays
// here: measured (test/unit/pipeline/state-doc.test.ts) with every bound full — 25 months × 6 areas
// (~4,560 day results of ~82 bytes with 17-digit totals and `backfilled`: 370 KB), MAX_TRANSITIONS
// transitions (85 KB with a 64-character partner id), MAX_DISPATCHED_OUTBOX dispatched plus as many
// undispatched outbox entries (190 KB; undispatched ones are never dropped, normally a handful), the
// last score (six areas without explanations, ~3 KB) — the document is 652 KB, a third of the limit,
// so history is not split into per-year documents. A typical partner (7-digit id, few outbox entries,
// six backfilled months) is ~350 KB. Explanations (which tenants and people counted and why) grow with
// the partner's size, so they live in their own document and are replaced by a summary above
// EXPLANATIONS_MAX_BYTES.
import type { Area, Enrollment, IsoDate, Track } from '../domain/facts/types.js';
import type { AreaExplanation, PartnerScores } from '../domain/scoring/index.js';
import type { DesignationState, OutboxEntry, Transition } from '../domain/status/index.js';
import type { AtRisk } from './guidance.js';

export const STATE_DOC_ID = 'state';
export const EXPLANATIONS_DOC_ID = 'explanations';
export const MAX_TRANSITIONS = 200;
export const MAX_DISPATCHED_OUTBOX = 200;
export const EXPLANATIONS_MAX_BYTES = 1_500_000;

export interface StoredOutboxEntry extends OutboxEntry {
  /** True once the notification message was handed to the `notifications` queue (messageId = id). */
  dispatched: boolean;
  dispatchedAt: string | null;
}

/** How the stored score was computed: enough to reproduce it (`pcs facts` → `pcs score`). */
export interface ScoringRecord {
  /** The UTC day of the run (the status machine's day). */
  today: IsoDate;
  /** The day the facts were scored as of (lags `today` before DATA_COMPLETE_DAY). */
  asOf: IsoDate;
  /** facts.enrollment as passed to the scorer (areas enrolled per the status machine, frozen Azure track). */
  enrollment: Enrollment | null;
  /** The Azure track the scorer classified today, before any frozen track applied. */
  classifiedAzureTrack: Track;
  rulesVersion: string;
}

export interface PartnerStateDoc {
  id: typeof STATE_DOC_ID;
  docType: 'state';
  partnerId: string;
  schemaVersion: 1;
  designations: DesignationState;
  /** Last MAX_TRANSITIONS transitions, oldest first. */
  transitions: Transition[];
  /** Outbox entries by insertion order; undispatched ones are kept whatever the bound. */
  outbox: StoredOutboxEntry[];
  /** The last full result, without explanations (see the explanations document). */
  score: PartnerScores;
  scoring: ScoringRecord;
  /** sha256 of the facts as scored (canonical JSON): changes when the partner's facts change. */
  factsVersion: string;
  /** Areas the last nightly run found at risk (shared/pipeline/guidance.ts); absent before the first one. */
  atRisk?: Partial<Record<Area, AtRisk>>;
  /** When the last change message was applied to this partner (clock time), null if none yet. */
  lastChangeAt: string | null;
  computedAt: string;
  [field: string]: unknown;
}

export interface ExplanationsDoc {
  id: typeof EXPLANATIONS_DOC_ID;
  docType: 'explanations';
  partnerId: string;
  asOf: IsoDate;
  today: IsoDate;
  factsVersion: string;
  /** null when they were too large to store (see `omitted`). */
  explanations: Record<Area, AreaExplanation> | null;
  omitted: string | null;
  [field: string]: unknown;
}

/** Keeps the last `max` transitions. */
export function boundTransitions(transitions: readonly Transition[], max = MAX_TRANSITIONS): Transition[] {
  return transitions.length <= max ? [...transitions] : transitions.slice(transitions.length - max);
}

/**
 * Adds new outbox entries by id (an id already present is left as it is: its dispatched flag stays), then
 * drops the oldest dispatched entries beyond `maxDispatched`. Undispatched entries are never dropped.
 */
export function mergeOutbox(
  stored: readonly StoredOutboxEntry[],
  fresh: readonly OutboxEntry[],
  maxDispatched = MAX_DISPATCHED_OUTBOX,
): StoredOutboxEntry[] {
  const out = stored.map((e) => ({ ...e }));
  const ids = new Set(out.map((e) => e.id));
  for (const entry of fresh) {
    if (ids.has(entry.id)) continue;
    ids.add(entry.id);
    out.push({ ...entry, dispatched: false, dispatchedAt: null });
  }
  let excess = out.filter((e) => e.dispatched).length - maxDispatched;
  if (excess <= 0) return out;
  return out.filter((e) => {
    if (excess > 0 && e.dispatched) {
      excess--;
      return false;
    }
    return true;
  });
}
