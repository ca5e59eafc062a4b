// The repositories over a DocumentStore whose queries are Cosmos DB SQL (the Cosmos adapter, and any
// decorator of it: counting, fault injection). The composition root builds one set with the store.
import type { DocumentStore } from '../../../ports/documentStore.js';
import type { Repositories } from '../../../ports/repositories.js';
import { cosmosClaims } from './claims.js';
import {
  cosmosApiKeys,
  cosmosExpiredRecords,
  cosmosImportReports,
  cosmosMails,
  cosmosPartnerInsightsStatus,
  cosmosRejectedMessages,
} from './operations.js';
import { cosmosPartnerDocuments } from './partner-documents.js';
import { cosmosPartnerSummaries } from './partners.js';

export { LIST_SELECT, listQuery, namesQuery, SUMMARY_SELECT, summaryQuery } from './partners.js';

export function createCosmosRepositories(store: DocumentStore): Repositories {
  const ops = store.collection('operations');
  return {
    partnerDocuments: cosmosPartnerDocuments(store.collection('partners')),
    apiKeys: cosmosApiKeys(ops),
    importReports: cosmosImportReports(ops),
    rejectedMessages: cosmosRejectedMessages(ops),
    mails: cosmosMails(ops),
    claims: cosmosClaims(store.collection('partners')),
    partnerInsightsStatus: cosmosPartnerInsightsStatus(ops),
    expiredRecords: cosmosExpiredRecords(ops),
    partnerSummaries: cosmosPartnerSummaries(store.collection('partners')),
  };
}
