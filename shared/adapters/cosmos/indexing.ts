// Indexing policies (issue 15): each container indexes only the paths its queries filter or sort on,
// everything else excluded (`/*`), so a write pays for a handful of index entries instead of one per
// field of a 100 KB document. Kept in step with infra/main.bicep (same paths). Every ORDER BY field is
// included (Cosmos DB needs a range index to sort). The local stand-in ignores indexing policies.
//
// partners:
// - pipeline load/listing: partnerId, id (shared/pipeline/partner-repository.ts);
// - portfolio list and summary line: id, partnerId, summary.* (WHERE on status/atRisk/nameLower, ORDER BY
//   summary.nameLower, summary.nextAnniversary, summary.areas.<area>.<field>; shared/api/list-query.ts);
//   names by id (shared/api/partners.ts);
// - claims: docType, partnerId, status, lookup[] (shared/claims/repository.ts).
// operations:
// - pk everywhere; partnerId + ORDER BY _ts (shared/api/mails.ts); ttl + _ts (shared/store/ttl.ts);
//   ORDER BY rejectedAt (shared/api/operations.ts, replay), ORDER BY finishedAt (import reports).
// An ORDER BY on two or more fields needs a composite index of those fields in that order (or all
// reversed): none today (COMPOSITE_INDEXES); test/unit/adapters/indexing.test.ts reads every query
// in shared/ and fails when a filtered or sorted path, or a multi-field ORDER BY, is not covered.
import type { ContainerName } from '../../ports/documentStore.js';

export interface CompositePath {
  path: string;
  order: 'ascending' | 'descending';
}

export interface IndexingPolicy {
  indexingMode: 'consistent';
  automatic: true;
  includedPaths: { path: string }[];
  excludedPaths: { path: string }[];
  compositeIndexes?: CompositePath[][];
}

export const INDEXED_PATHS: Record<ContainerName, readonly string[]> = {
  partners: ['/id/?', '/partnerId/?', '/docType/?', '/status/?', '/lookup/[]/?', '/summary/*'],
  operations: ['/pk/?', '/partnerId/?', '/_ts/?', '/ttl/?', '/rejectedAt/?', '/finishedAt/?'],
};

/** Composite indexes, one per multi-field ORDER BY (in infra/main.bicep too). */
export const COMPOSITE_INDEXES: Record<ContainerName, readonly (readonly CompositePath[])[]> = {
  partners: [],
  operations: [],
};

export function indexingPolicyFor(container: ContainerName): IndexingPolicy {
  const composites = COMPOSITE_INDEXES[container];
  return {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: INDEXED_PATHS[container].map((path) => ({ path })),
    excludedPaths: [{ path: '/*' }, { path: '/"_etag"/?' }],
    ...(composites.length > 0 ? { compositeIndexes: composites.map((c) => c.map((p) => ({ ...p }))) } : {}),
  };
}

/** `c.a.b` (a query's property path; `*` for a segment chosen at run time) → is it in the included paths? */
export function pathIndexed(container: ContainerName, field: string, array = false): boolean {
  const segments = field.split('.');
  return INDEXED_PATHS[container].some((included) => {
    const parts = included.split('/').slice(1);
    const last = parts.pop();
    if (last === '*') return parts.length <= segments.length && parts.every((p, i) => p === segments[i]);
    if (array)
      return last === '?' && parts.length === segments.length + 1 && parts.at(-1) === '[]' && segments.every((s, i) => s === parts[i]);
    return last === '?' && parts.length === segments.length && parts.every((p, i) => p === segments[i]);
  });
}

/** An ORDER BY on `fields` ([path, descending]) is served: one field indexed, or a composite index in that order (or all reversed). */
export function orderByIndexed(container: ContainerName, fields: readonly (readonly [string, boolean])[]): boolean {
  if (fields.length === 1) return pathIndexed(container, fields[0]![0]);
  const wanted = (flip: boolean) =>
    fields.map(([f, desc]) => `/${f.replace(/\./g, '/')}:${desc !== flip ? 'descending' : 'ascending'}`).join(',');
  return COMPOSITE_INDEXES[container].some((c) => {
    const has = c.map((p) => `${p.path}:${p.order}`).join(',');
    return has === wanted(false) || has === wanted(true);
  });
}
