// The daily history read model: GET /api/partners/{partnerId}/history[?area=&from=&to=]. Per area,
// every recorded day in [from, to] (total, qualifies, backfilled) and the monthly maxima Partner Center
// shows (the current month and the five before it, pcs-rules §3.2). Reads only.
//
// Cost per call: one point read (the state document, which holds the whole kept history: 25 months).
import { z } from 'zod';

import { type Area, AREAS, type IsoDate } from '../domain/facts/types.js';
import { isIsoDay } from '../domain/status/days.js';
import { historyStart } from '../domain/status/history.js';
import { type DesignationState, type MonthlyMax } from '../domain/status/types.js';
import { PartnerRepository, type PartnerStore } from '../pipeline/partner-repository.js';

/**
 * The query parameters of the route; any other is a 400. `code` is the function key, which Azure
 * Functions accepts in the query string (function auth level).
 */
export const HISTORY_QUERY_PARAMETERS = ['area', 'from', 'to', 'code'] as const;

/** An optional UTC day `YYYY-MM-DD` (a real calendar day). */
export const dayParam = z
  .string()
  .optional()
  .transform((raw, ctx): IsoDate | undefined => {
    if (raw === undefined) return undefined;
    const t = raw.trim();
    if (!isIsoDay(t)) {
      ctx.addIssue({ code: 'custom', message: `must be a day YYYY-MM-DD, got ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
    return t;
  });

/** The first query parameter not in `allowed`, if any (names as given, compared case-sensitively). */
export function unknownQueryParameter(query: URLSearchParams, allowed: readonly string[]): string | undefined {
  for (const name of query.keys()) if (!allowed.includes(name)) return name;
  return undefined;
}

export interface HistoryDay {
  day: IsoDate;
  /** Exact total as scored. */
  total: number;
  qualifies: boolean;
  /** Scored after the fact when the partner was first seen (no transition was made for it). */
  backfilled: boolean;
}

export interface AreaHistory {
  area: Area;
  /** Recorded days in [from, to], oldest first; days the pipeline did not run are absent. */
  days: HistoryDay[];
  /** Partner Center's scoring history: the current month and the five before it, oldest first. */
  monthlyMaxima: MonthlyMax[];
}

export interface PartnerHistory {
  partnerId: string;
  /** The day the statuses and maxima are for (the status machine's last day). */
  statusDay: IsoDate;
  /** The filter as applied (null: open). */
  from: IsoDate | null;
  to: IsoDate | null;
  /** The first day the history keeps (HISTORY_MONTHS months back); nothing earlier is stored. */
  keptFrom: IsoDate;
  areas: AreaHistory[];
}

export interface HistoryFilter {
  area?: Area | undefined;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
}

/** Pure: the history view of a designation state. */
export function partnerHistory(state: DesignationState, filter: HistoryFilter = {}): PartnerHistory {
  const areas = filter.area ? [filter.area] : [...AREAS];
  const from = filter.from ?? null;
  const to = filter.to ?? null;
  return {
    partnerId: state.partnerId,
    statusDay: state.lastDay,
    from,
    to,
    keptFrom: historyStart(state.lastDay),
    areas: areas.map((area): AreaHistory => {
      const a = state.areas[area];
      return {
        area,
        days: a.history
          .filter((r) => (from === null || r.day >= from) && (to === null || r.day <= to))
          .map((r) => ({ day: r.day, total: r.total, qualifies: r.qualifies, backfilled: r.backfilled === true })),
        monthlyMaxima: a.monthlyMaxima,
      };
    }),
  };
}

/** The hot state (one point read) and its history months (one query); undefined when the partner has no state document. */
export async function readPartnerHistory(
  partners: PartnerStore,
  partnerId: string,
  filter: HistoryFilter = {},
): Promise<PartnerHistory | undefined> {
  const state = await new PartnerRepository(partners).readStateWithHistory(partnerId);
  return state ? partnerHistory(state.designations, filter) : undefined;
}
