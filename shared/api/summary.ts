// The portfolio's summary line (GET /api/partners/summary): how many partners match `q` (and a
// principal's partners), and per area how many are in each status and at risk.
//
// Cost: Cosmos DB (and the stand-in) have no GROUP BY here, so the repository pages through one projected
// cross-partition query (per area the status and the at-risk flag, ~700 bytes a partner) of
// SUMMARY_PAGE_SIZE rows a page: ceil(N / 1,000) query pages for N matching partners, and request units
// growing with N (every matching state document is read once). Linear in the number of partners — the
// only call of the read API that is; a page needing a flat cost uses the list's one page instead.
import { type Area, AREAS } from '../domain/facts/types.js';
import { type Status, STATUSES } from '../domain/status/types.js';
import type { Repositories } from '../ports/repositories.js';

export const SUMMARY_PAGE_SIZE = 1000;

export type AreaCounts = Record<Status | 'atRisk', number>;

export interface PartnersSummary {
  /** Partners matching the filters (those with a state document). */
  partners: number;
  /** Per area: partners in each status, and at risk (the last nightly run). A partner whose state predates the summary counts in `partners` only. */
  areas: Record<Area, AreaCounts>;
}

export async function readPartnersSummary(
  repos: Pick<Repositories, 'partnerSummaries'>,
  filter: { q?: string | undefined; onlyPartners?: readonly string[] | undefined },
  pageSize = SUMMARY_PAGE_SIZE,
): Promise<PartnersSummary> {
  const areas = Object.fromEntries(
    AREAS.map((a) => [a, { ...Object.fromEntries(STATUSES.map((s) => [s, 0])), atRisk: 0 } as AreaCounts]),
  ) as Record<Area, AreaCounts>;
  let partners = 0;
  for await (const row of repos.partnerSummaries.statuses(filter, pageSize)) {
    if (typeof row.partnerId !== 'string') continue;
    partners++;
    for (const area of AREAS) {
      const a = row.areas?.[area];
      const status = a?.status as Status | undefined;
      if (status && STATUSES.includes(status)) areas[area][status]++;
      if (a?.atRisk === true) areas[area].atRisk++;
    }
  }
  return { partners, areas };
}
