// The portfolio list's query: filters and sort over the state documents' `summary` (shared/pipeline/
// state-doc.ts), built as one parameterised SQL query — values only ever travel as parameters; field
// paths come from the closed lists below (areas, sort fields), never from the request.
//
// Supported by Cosmos DB and by the local stand-in alike (test/integration/api/portfolio.test.ts):
// CONTAINS on a stored lower-case name and LOWER(c.partnerId), ARRAY_CONTAINS(@only, c.partnerId),
// OR of per-area equalities, ORDER BY one nested field (one field: several would need a composite
// index) with continuation. Every sort field is stored non-undefined (null when unknown): Cosmos DB and
// the stand-in disagree on undefined in ORDER BY, not on null, which sorts before numbers and strings.
import { createHash } from 'node:crypto';

import { type Area, AREAS } from '../domain/facts/types.js';
import { type Status, STATUSES } from '../domain/status/index.js';
import { STATE_DOC_ID } from '../pipeline/state-doc.js';
import type { QuerySpec } from '../ports/index.js';

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
export function sortPath(field: SortField): string {
  if (field === 'partnerId') return 'c.partnerId';
  if (field === 'name') return 'c.summary.nameLower';
  if (field === 'nextAnniversary') return 'c.summary.nextAnniversary';
  const [area, column] = field.split('.') as [Area, AreaSortColumn];
  const stored = column === 'status' ? 'statusRank' : column === 'daysUntilAnniversary' ? 'anniversary' : column;
  return `c.summary.areas.${area}.${stored}`;
}

/** The WHERE clause (after `c.id = @state`) and its parameters for a filter. */
export function whereOf(filter: ListFilter): { conditions: string[]; parameters: NonNullable<QuerySpec['parameters']>[number][] } {
  const conditions = ['c.id = @state'];
  const parameters: NonNullable<QuerySpec['parameters']>[number][] = [{ name: '@state', value: STATE_DOC_ID }];
  if (filter.onlyPartners !== undefined) {
    conditions.push('ARRAY_CONTAINS(@only, c.partnerId)');
    parameters.push({ name: '@only', value: [...filter.onlyPartners] });
  }
  if (filter.q !== undefined && filter.q !== '') {
    conditions.push('(CONTAINS(c.summary.nameLower, @q) OR CONTAINS(LOWER(c.partnerId), @q))');
    parameters.push({ name: '@q', value: filter.q });
  }
  if (filter.status !== undefined) {
    const areas = filter.area ? [filter.area] : AREAS;
    const test =
      filter.status === 'atRisk' ? (a: Area) => `c.summary.areas.${a}.atRisk = true` : (a: Area) => `c.summary.areas.${a}.status = @status`;
    if (filter.status !== 'atRisk') parameters.push({ name: '@status', value: filter.status as Status });
    conditions.push(areas.length === 1 ? test(areas[0]!) : `(${areas.map(test).join(' OR ')})`);
  }
  return { conditions, parameters };
}

/** What the list shows of a state document: the scoring days and the summary (no history, no metrics). */
export const LIST_SELECT = 'SELECT c.partnerId, c.scoring.asOf AS asOf, c.scoring.today AS today, c.summary AS summary FROM c';

/** The list query for a filter and sort. */
export function listQuery(filter: ListFilter, sort: ListSort = DEFAULT_SORT): QuerySpec {
  const { conditions, parameters } = whereOf(filter);
  return {
    query: `${LIST_SELECT} WHERE ${conditions.join(' AND ')} ORDER BY ${sortPath(sort.field)}${sort.descending ? ' DESC' : ''}`,
    parameters,
  };
}

/** The counting query of the summary line: per area status and at-risk flag, nothing else. */
export const SUMMARY_SELECT =
  'SELECT c.partnerId, {' +
  AREAS.map((a) => `"${a}": {"status": c.summary.areas.${a}.status, "atRisk": c.summary.areas.${a}.atRisk}`).join(', ') +
  '} AS areas FROM c';

export function summaryQuery(filter: Pick<ListFilter, 'q' | 'onlyPartners'>): QuerySpec {
  const { conditions, parameters } = whereOf({ q: filter.q, onlyPartners: filter.onlyPartners });
  return { query: `${SUMMARY_SELECT} WHERE ${conditions.join(' AND ')}`, parameters };
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
