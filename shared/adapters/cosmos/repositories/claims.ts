// The claims' read queries over the `partners` container (claim documents: `docType: 'claim'`), in
// Cosmos DB SQL — the only place they are written.
import { type Document, type DocumentCollection, type QueryOptions, type QuerySpec } from '../../../ports/documentStore.js';
import { CLAIM_DOC_TYPE, type ClaimQueries } from '../../../ports/repositories.js';
import { queryPages } from '../../../store/paging.js';

export function cosmosClaims(partners: DocumentCollection): ClaimQueries {
  const isClaim = (row: Document) => row.docType === CLAIM_DOC_TYPE;
  return {
    // One single-partition query. The WHERE clause names the partner too: the stand-in ignores the partitionKey option.
    async *ofPartner(partnerId) {
      const spec = {
        query: 'SELECT * FROM c WHERE c.partnerId = @p AND c.docType = @t',
        parameters: [
          { name: '@p', value: partnerId },
          { name: '@t', value: CLAIM_DOC_TYPE },
        ],
      };
      for await (const row of partners.queryAll<Document>(spec, { partitionKey: partnerId }))
        if (row.partnerId === partnerId && isClaim(row)) yield row;
    },
    // One cross-partition query.
    async *byKey(key) {
      const spec = {
        query: 'SELECT * FROM c WHERE c.docType = @t AND ARRAY_CONTAINS(c.lookup, @k)',
        parameters: [
          { name: '@t', value: CLAIM_DOC_TYPE },
          { name: '@k', value: key },
        ],
      };
      for await (const row of partners.queryAll<Document>(spec))
        if (isClaim(row) && Array.isArray(row.lookup) && row.lookup.includes(key)) yield row;
    },
    // A cross-partition query, page by page.
    async *pagesInStatus(statuses, pageSize) {
      const spec = {
        query: `SELECT * FROM c WHERE c.docType = @t AND (${statuses.map((_, i) => `c.status = @s${i}`).join(' OR ')})`,
        parameters: [{ name: '@t', value: CLAIM_DOC_TYPE }, ...statuses.map((s, i) => ({ name: `@s${i}`, value: s }))],
      };
      const query = (s: QuerySpec, o: QueryOptions) => partners.query<Document>(s, o);
      for await (const items of queryPages(query, spec, { pageSize })) yield items.filter(isClaim);
    },
  };
}
