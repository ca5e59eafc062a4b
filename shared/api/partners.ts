// The partner read model of the HTTP API: the list of known partners (one page of state documents),
// one partner's view, and its explanations. Everything here reads; nothing writes.
//
// Cost per call, whatever the number of partners:
// - list: one page of the repository's state documents (Repositories.partnerSummaries: one
//   cross-partition query page on Cosmos DB), filtered and sorted on their `summary` (list-query.ts) and
//   projected to it (not the day-by-day history); one more read of the profile names only when a row
//   predates the summary;
// - one partner: two point reads (state, profile);
// - explanations: one point read.
import { type ProfileDoc, profileDocId } from '../domain/changes/docs.js';
import { type Area, AREAS, type IsoDate, type Track } from '../domain/facts/types.js';
import type { AreaExplanation } from '../domain/scoring/explanation.js';
import type { AreaScore, MetricName, MetricScore } from '../domain/scoring/types.js';
import { type MonthlyMax, type Status, STATUS_LABELS, type Transition, type TransitionCause } from '../domain/status/types.js';
import { type AreaView } from '../domain/status/view.js';
import type { DayRange } from '../domain/status/window.js';
import { currentExplanations } from '../pipeline/explanations.js';
import type { AtRisk } from '../pipeline/guidance.js';
import { PartnerRepository, type PartnerStore } from '../pipeline/partner-repository.js';
import { EXPLANATIONS_DOC_ID, type PartnerSummary, type PartnerSummaryArea } from '../pipeline/state-doc.js';
import { readPartnerView } from '../pipeline/view.js';
import type { Repositories } from '../ports/repositories.js';
import { MAX_EMPTY_PAGES } from '../store/paging.js';
import { DEFAULT_SORT, type ListFilter, type ListSort, sortOrder } from './list-query.js';

export const RECENT_TRANSITIONS = 20;
export { MAX_EMPTY_PAGES };

/** A total for people: one decimal, half away from zero (the exact number is given next to it). */
export function displayTotal(total: number): string {
  // Scores are sums of exact fractions carried in doubles: 72.49999999999999 is 72.5.
  const rounded = Math.round(Math.abs(total) * 10 + 1e-7) / 10;
  return (total < 0 && rounded !== 0 ? -rounded : rounded).toFixed(1);
}

// ---------------------------------------------------------------------------------------------
// The list

export interface PartnerListArea {
  area: Area;
  status: Status | null;
  label: string | null;
  /** Exact total as scored. */
  total: number | null;
  /** The total for display, one decimal ("72.5"). */
  totalDisplay: string | null;
  qualifiesToday: boolean | null;
  track: Track | null;
  /** In the last nightly run's at-risk findings (details: GET /api/partners/{id}). */
  atRisk: boolean;
  /** Enrolled areas: the anniversary; else null. */
  anniversary: IsoDate | null;
  /** Days from the status day to the anniversary, negative inside the renewal window; null when not enrolled. */
  daysUntilAnniversary: number | null;
}

export interface PartnerListItem {
  partnerId: string;
  /** From the partner's profile; absent when it has none. */
  name?: string;
  /** The day the facts were scored as of, and the UTC day of the run (the status machine's day). */
  asOf: IsoDate | null;
  today: IsoDate | null;
  /** The partner's anniversary when enrolled in some area, else null. */
  nextAnniversary: IsoDate | null;
  areas: PartnerListArea[];
}

export interface PartnerList {
  partners: PartnerListItem[];
  /** Pass as `?continuation=` for the next page; null on the last page. A page may hold fewer than `limit`. */
  continuation: string | null;
}

interface ListRow {
  partnerId: string;
  asOf?: IsoDate;
  today?: IsoDate;
  summary?: Partial<PartnerSummary>;
}

export interface ListPage {
  limit: number;
  /** The store's token (already checked against the list key by the handler). */
  continuation?: string | undefined;
  filter?: ListFilter;
  sort?: ListSort;
  /** Restrict to these partners (a principal's): in the same query. */
  onlyPartners?: readonly string[] | undefined;
}

/**
 * One page of known partners (those with a state document) matching the filter, in the sort's order
 * (partner id by default). One query page (plus at most MAX_EMPTY_PAGES empty ones Cosmos may return
 * first); a document written before the summary existed has no name in it, so for such rows only one
 * more query reads the profile names.
 */
export async function listPartners(
  repos: Pick<Repositories, 'partnerSummaries'>,
  page: ListPage,
): Promise<{ partners: PartnerListItem[]; continuation: string | undefined }> {
  const filter = { ...page.filter, onlyPartners: page.onlyPartners ?? page.filter?.onlyPartners };
  const { rows, continuation } = await repos.partnerSummaries.page(
    filter,
    sortOrder(page.sort ?? DEFAULT_SORT),
    page.limit,
    page.continuation,
  );
  const listRows = rows as ListRow[];
  const unsummarised = listRows.filter((r) => r.summary === undefined).map((r) => r.partnerId);
  const names = unsummarised.length > 0 ? await profileNames(repos, unsummarised) : new Map<string, string>();
  return {
    partners: listRows.map((r) => listItem(r, r.summary ? (r.summary.name ?? undefined) : names.get(r.partnerId))),
    continuation,
  };
}

async function profileNames(repos: Pick<Repositories, 'partnerSummaries'>, partnerIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [partnerId, stored] of await repos.partnerSummaries.profileNames(partnerIds)) {
    const name = nameOf(stored as ProfileDoc['name']);
    if (name !== undefined) out.set(partnerId, name);
  }
  return out;
}

function nameOf(name: ProfileDoc['name'] | undefined): string | undefined {
  return name && !name.deleted && typeof name.value === 'string' && name.value.trim() !== '' ? name.value : undefined;
}

function listItem(row: ListRow, name: string | undefined): PartnerListItem {
  return {
    partnerId: row.partnerId,
    ...(name !== undefined ? { name } : {}),
    asOf: row.asOf ?? null,
    today: row.today ?? null,
    nextAnniversary: row.summary?.nextAnniversary ?? null,
    areas: AREAS.map((area): PartnerListArea => {
      const a: Partial<PartnerSummaryArea> = row.summary?.areas?.[area] ?? {};
      const total = typeof a.total === 'number' ? a.total : null;
      return {
        area,
        status: a.status ?? null,
        label: a.status ? STATUS_LABELS[a.status] : null,
        total,
        totalDisplay: total === null ? null : displayTotal(total),
        qualifiesToday: a.qualifiesToday ?? null,
        track: a.track ?? null,
        atRisk: a.atRisk === true,
        anniversary: a.anniversary ?? null,
        daysUntilAnniversary: typeof a.daysUntilAnniversary === 'number' ? a.daysUntilAnniversary : null,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// One partner

/** An area's score (shared/domain/scoring/types.ts) with its total as shown. */
export interface AreaScoreDetail extends AreaScore {
  totalDisplay: string;
}

export interface PartnerAreaDetail {
  area: Area;
  status: Status;
  label: string;
  cause: TransitionCause | null;
  since: IsoDate;
  window: DayRange;
  /** The current month and the five before it, oldest first. */
  monthlyMaxima: MonthlyMax[];
  enrollmentSource: AreaView['enrollmentSource'];
  anniversary: IsoDate | null;
  /** Negative inside the renewal window. */
  daysUntilAnniversary: number | null;
  renewalWindow: DayRange | null;
  eligibleToRenew: boolean | null;
  frozenAzureTrack: Track | null;
  /** The last score of the area; null if the stored score lacks it. */
  score: AreaScoreDetail | null;
  /**
   * At risk (the last nightly run): the area qualifies or is enrolled today and a forecast fails — the
   * forecast day and total, the metric that drops and why. null when not at risk.
   */
  atRisk: AtRisk | null;
}

export interface PartnerDetail {
  partnerId: string;
  name?: string;
  /** The day the statuses are for (the status machine's last day). */
  statusDay: IsoDate;
  /** How the last score was computed: the scoring as-of day, the run's day, the rules. */
  scoring: { asOf: IsoDate; today: IsoDate; rulesVersion: string };
  computedAt: string;
  lastChangeAt: string | null;
  areas: PartnerAreaDetail[];
  /** The last RECENT_TRANSITIONS transitions, newest first. */
  recentTransitions: Transition[];
}

/** The partner's view, or undefined when no state document exists (never recomputed, or unknown). */
export async function readPartnerDetail(partners: PartnerStore, partnerId: string): Promise<PartnerDetail | undefined> {
  const repo = new PartnerRepository(partners);
  const [view, profile] = await Promise.all([readPartnerView(partners, partnerId), repo.readDoc<ProfileDoc>(partnerId, profileDocId())]);
  if (!view) return undefined;
  const { state, designations } = view;
  const name = nameOf(profile?.doc.name);
  return {
    partnerId: state.partnerId,
    ...(name !== undefined ? { name } : {}),
    statusDay: designations.asOf,
    scoring: { asOf: state.scoring.asOf, today: state.scoring.today, rulesVersion: state.scoring.rulesVersion },
    computedAt: state.computedAt,
    lastChangeAt: state.lastChangeAt,
    areas: designations.areas.map((a) => ({
      area: a.area,
      status: a.status,
      label: a.label,
      cause: a.cause,
      since: a.since,
      window: a.window,
      monthlyMaxima: a.monthlyMaxima,
      enrollmentSource: a.enrollmentSource,
      anniversary: a.anniversary,
      daysUntilAnniversary: a.daysUntilAnniversary,
      renewalWindow: a.renewalWindow,
      eligibleToRenew: a.eligibleToRenew,
      frozenAzureTrack: a.frozenAzureTrack,
      score: scoreDetail(state.score.areas[a.area]),
      atRisk: state.atRisk?.[a.area] ?? null,
    })),
    recentTransitions: state.transitions.slice(-RECENT_TRANSITIONS).reverse(),
  };
}

function scoreDetail(s: AreaScore | undefined): AreaScoreDetail | null {
  if (!s) return null;
  const metrics: Partial<Record<MetricName, MetricScore>> = {};
  for (const [name, m] of Object.entries(s.metrics) as [MetricName, MetricScore | undefined][]) {
    if (m) metrics[name] = { value: m.value, points: m.points, maxPoints: m.maxPoints };
  }
  return {
    track: s.track,
    trackTotals: s.trackTotals,
    metrics,
    total: s.total,
    totalDisplay: displayTotal(s.total),
    qualifiesToday: s.qualifiesToday,
  };
}

// ---------------------------------------------------------------------------------------------
// Explanations

export interface PartnerExplanations {
  partnerId: string;
  asOf: IsoDate;
  today: IsoDate;
  factsVersion: string;
  /** Per area (only `area` when filtered): for each metric, which tenants and people counted and why others did not. */
  explanations: Partial<Record<Area, AreaExplanation>> | null;
  /** Why `explanations` is null (too large to store), else null. */
  omitted: string | null;
}

/** The explanations document, optionally one area only; undefined when there is none. */
export async function readPartnerExplanations(
  partners: PartnerStore,
  partnerId: string,
  area?: Area,
): Promise<PartnerExplanations | undefined> {
  const doc = await currentExplanations(partners, partnerId);
  if (!doc || doc.id !== EXPLANATIONS_DOC_ID) return undefined;
  let explanations: Partial<Record<Area, AreaExplanation>> | null = doc.explanations;
  if (explanations && area) explanations = explanations[area] ? { [area]: explanations[area] } : {};
  return { partnerId: doc.partnerId, asOf: doc.asOf, today: doc.today, factsVersion: doc.factsVersion, explanations, omitted: doc.omitted };
}
