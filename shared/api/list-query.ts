// The portfolio list's filters and sort over the state documents' `summary` (shared/pipeline/
// state-doc.ts), in the request's words; the repository (Repositories.partnerSummaries: SQL in
// shared/adapters/cosmos/repositories/partners.ts) finds the rows. Sort paths come from the closed
// lists below (areas, sort fields), never from the request.
import { createHash } from 'node:crypto';

import { type Area, AREAS } from '../domain/facts/types.js';
import { STATUSES } from '../domain/status/types.js';
import type { PartnerListOrder } from '../ports/repositories.js';

/** `?status=`: a designation status, or `atRisk` (in the last nightly run's at-risk map). */
export const LIST_STATUSES = [...STATUSES, 'atRisk'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** Per-area sort columns (`<area>.<column>`). */
export const AREA_SORT_COLUMNS = ['total', 'status', 'daysUntilAnniversary', 'atRisk'] as const;
export type AreaSortColumn = (typeof AREA_SORT_COLUMNS)[number];
/** Partner-level sort columns. */
export const PARTNER_SORT_FIELDS = ['partnerId', 'name', 'nextAnniversary'] as const;

export type SortField = (typeof PARTNER_SORT_FIELDS)[number] | `${Area}.${AreaSortColumn}`;
export interface ListSort {
  field: SortField;
  descending: boolean;
}
export const DEFAULT_SORT: ListSort = { field: 'partnerId', descending: false };

/** Every accepted `sort` field, for messages and the OpenAPI description. */
export const SORT_FIELDS: readonly SortField[] = [
  ...PARTNER_SORT_FIELDS,
  ...AREAS.flatMap((a) => AREA_SORT_COLUMNS.map((c) => `${a}.${c}` as const)),
];

export interface ListFilter {
  status?: ListStatus | undefined;
  /** With status: that area has it; without: any area has it. Alone: no filter. */
  area?: Area | undefined;
  /** Lower-cased, trimmed substring of the name or the partner id. */
  q?: string | undefined;
  /** Restrict to these partners (a principal's); undefined: all. */
  onlyPartners?: readonly string[] | undefined;
}

/** The stored path each sort field orders by. Days until the anniversary order as the anniversary does (and never go stale). */
export function sortPath(field: SortField): string[] {
  if (field === 'partnerId') return ['partnerId'];
  if (field === 'name') return ['summary', 'nameLower'];
  if (field === 'nextAnniversary') return ['summary', 'nextAnniversary'];
  const [area, column] = field.split('.') as [Area, AreaSortColumn];
  const stored = column === 'status' ? 'statusRank' : column === 'daysUntilAnniversary' ? 'anniversary' : column;
  return ['summary', 'areas', area, stored];
}

/** The repository's order for a sort. */
export function sortOrder(sort: ListSort = DEFAULT_SORT): PartnerListOrder {
  return { path: sortPath(sort.field), descending: sort.descending };
}

/**
 * Names the list and its filters and sort in a continuation token (http.ts encodeContinuation), so a
 * token is only accepted with the filters and sort it was handed out for. The partner restriction goes
 * in as a hash (a token does not carry a principal's partner list).
 */
export function listKey(filter: ListFilter, sort: ListSort): string {
  const only =
    filter.onlyPartners === undefined
      ? null
      : createHash('sha256')
          .update(JSON.stringify([...filter.onlyPartners].sort()))
          .digest('base64url')
          .slice(0, 16);
  return `partners:${JSON.stringify([filter.status ?? null, filter.area ?? null, filter.q ?? null, sort.field, sort.descending, only])}`;
}
