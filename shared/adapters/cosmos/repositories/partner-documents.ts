// A partner's own documents in the `partners` container (partition key partnerId), in Cosmos DB SQL — the
// only place these queries are written. `pages` is ONE single-partition query (one page for any partner
// whose documents fit a page), so it costs the same whatever the number of partners; the WHERE clause
// names the partition too, as every single-partition query here does.
import { profileDocId } from '../../../domain/changes/docs.js';
import type { Document, DocumentCollection, QueryOptions, QuerySpec } from '../../../ports/documentStore.js';
import type { PartnerDocumentQueries } from '../../../ports/repositories.js';
import { queryPages } from '../../../store/paging.js';
import { strip } from '../store.js';

const BY_TYPE_OR_ID =
  'SELECT c AS doc, c._etag AS etag FROM c WHERE c.partnerId = @p AND (ARRAY_CONTAINS(@types, c.docType) OR ARRAY_CONTAINS(@ids, c.id))';
/** No DISTINCT on the stand-in: each partner is found through its profile or its state document. */
const PARTNER_IDS = 'SELECT c.partnerId FROM c WHERE c.id = @profile OR c.id = @state';
/** The state document's id (shared/pipeline/state-doc.ts STATE_DOC_ID). */
const STATE_DOC_ID = 'state';

export function cosmosPartnerDocuments(partners: DocumentCollection): PartnerDocumentQueries {
  return {
    async *pages(partnerId, { types, ids }, pageSize) {
      const spec = {
        query: BY_TYPE_OR_ID,
        parameters: [
          { name: '@p', value: partnerId },
          { name: '@types', value: [...types] },
          { name: '@ids', value: [...ids] },
        ],
      };
      const query = (s: QuerySpec, o: QueryOptions) => partners.query<{ doc: Record<string, unknown>; etag: unknown }>(s, o);
      for await (const rows of queryPages(query, spec, { partitionKey: partnerId, pageSize }))
        yield rows
          .map((row) => ({ doc: strip<Document>(row.doc), etag: String(row.etag) }))
          .filter((row) => row.doc.partnerId === partnerId);
    },
    async *partnerIdPages(pageSize) {
      const spec = {
        query: PARTNER_IDS,
        parameters: [
          { name: '@profile', value: profileDocId() },
          { name: '@state', value: STATE_DOC_ID },
        ],
      };
      const query = (s: QuerySpec, o: QueryOptions) => partners.query<{ partnerId?: unknown }>(s, o);
      for await (const rows of queryPages(query, spec, { pageSize }))
        yield rows.map((r) => r.partnerId).filter((id): id is string => typeof id === 'string' && id !== '');
    },
  };
}
