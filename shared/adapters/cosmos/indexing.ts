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
import type { ContainerName } from '../../ports/index.js';

export interface IndexingPolicy {
  indexingMode: 'consistent';
  automatic: true;
  includedPaths: { path: string }[];
  excludedPaths: { path: string }[];
}

export const INDEXED_PATHS: Record<ContainerName, readonly string[]> = {
  partners: ['/id/?', '/partnerId/?', '/docType/?', '/status/?', '/lookup/[]/?', '/summary/*'],
  operations: ['/pk/?', '/partnerId/?', '/_ts/?', '/ttl/?', '/rejectedAt/?', '/finishedAt/?'],
};

export function indexingPolicyFor(container: ContainerName): IndexingPolicy {
  return {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: INDEXED_PATHS[container].map((path) => ({ path })),
    excludedPaths: [{ path: '/*' }, { path: '/"_etag"/?' }],
  };
}
