// The per-partner state document (id `state`) and explanations document (id `explanations`), both in
// the `partners` container next to the partner's profile, customer and person documents. How the state
// is stored — a small hot document plus cold documents written only when they change (history months,
// explanations, guidance) and the facts aggregate — is in hot-state.ts and facts-aggregate.ts.
//
// Size (Cosmos items must stay under 2 MB; the stand-in does not enforce it). Measured
// (test/unit/pipeline/state-doc.test.ts) with every bound full — 25 months × 6 areas of day results,
// MAX_TRANSITIONS transitions, MAX_DISPATCHED_OUTBOX dispatched plus as many undispatched outbox
// entries — the version-1 document (all history in it) was 652 KB; the hot document keeps 8 months of
// days, packed. Explanations (which tenants and people counted and why) grow with the partner's size,
// so they live in their own document and are replaced by a summary above EXPLANATIONS_MAX_BYTES.
import { type Area, AREAS, type Enrollment, type IsoDate, type Track } from '../domain/facts/types.js';
import type { AreaExplanation } from '../domain/scoring/explanation.js';
import type { PartnerScores } from '../domain/scoring/types.js';
import { type OutboxEntry } from '../domain/status/outbox.js';
import { type DesignationState, type Status, STATUSES, type Transition } from '../domain/status/types.js';
import { designationView } from '../domain/status/view.js';
import type { StoredAggregate } from './facts-aggregate.js';
import type { AtRisk } from './guidance.js';
import type { ColdIndex } from './hot-state.js';

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
  /** 1: written before the hot/cold split (full history here); 2: hot-state.ts. */
  schemaVersion: 1 | 2;
  /** In memory: the hot days (hot-state.ts; all kept days for a version-1 document). */
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
  /**
   * What the portfolio list filters and sorts on (GET /api/partners), denormalised at every recompute so
   * that a filtered, sorted page is one cross-partition query page. Absent on documents written before it.
   */
  summary?: PartnerSummary;
  /** Which cold documents are stored and from what (hot-state.ts); absent on version 1. */
  cold?: ColdIndex;
  /** The facts aggregate (facts-aggregate.ts); absent on version 1. */
  aggregate?: StoredAggregate;
  [field: string]: unknown;
}

/** One area in the state document's summary. Every field is present (null when unknown), so ORDER BY sees it. */
export interface PartnerSummaryArea {
  status: Status;
  /** Position of `status` in the lifecycle (inProgress 0, qualified 1, enrolled 2, renewalDue 3): the status sort. */
  statusRank: number;
  total: number | null;
  track: Track | null;
  qualifiesToday: boolean | null;
  /** In the `atRisk` map of the last nightly run. */
  atRisk: boolean;
  /** Enrolled areas: the anniversary; else null. */
  anniversary: IsoDate | null;
  /** Days from the status day to the anniversary (negative inside the renewal window), as the partner view says. */
  daysUntilAnniversary: number | null;
}

export interface PartnerSummary {
  /** From the profile; null when it has none. */
  name: string | null;
  /** `name` lower-cased: the case-insensitive search and the name sort. */
  nameLower: string | null;
  /** The partner's anniversary when it is enrolled in some area (one anniversary for all), else null. */
  nextAnniversary: IsoDate | null;
  areas: Record<Area, PartnerSummaryArea>;
}

/** The summary of a state about to be written (pure). */
export function partnerSummary(
  name: string | null,
  designations: DesignationState,
  score: PartnerScores,
  atRisk: Partial<Record<Area, AtRisk>>,
): PartnerSummary {
  const view = designationView(designations);
  const areas = {} as Record<Area, PartnerSummaryArea>;
  let nextAnniversary: IsoDate | null = null;
  for (const a of view.areas) {
    const s = score.areas[a.area];
    areas[a.area] = {
      status: a.status,
      statusRank: STATUSES.indexOf(a.status),
      total: typeof s?.total === 'number' ? s.total : null,
      track: s?.track ?? null,
      qualifiesToday: typeof s?.qualifiesToday === 'boolean' ? s.qualifiesToday : null,
      atRisk: atRisk[a.area] !== undefined,
      anniversary: a.anniversary,
      daysUntilAnniversary: a.daysUntilAnniversary,
    };
    if (a.anniversary !== null && (nextAnniversary === null || a.anniversary < nextAnniversary)) nextAnniversary = a.anniversary;
  }
  for (const area of AREAS) if (!areas[area]) throw new Error(`partnerSummary: no designation for ${area}`);
  const trimmed = name !== null && name.trim() !== '' ? name : null;
  return { name: trimmed, nameLower: trimmed === null ? null : trimmed.toLowerCase(), nextAnniversary, areas };
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
