// Read queries in the domain's words, one interface per aggregate of the `operations` container and for
// the claims in `partners`. The application services ask these; how the rows are found (SQL, paging,
// partition options, Cosmos system fields) is the adapter's business: shared/adapters/cosmos/repositories/
// on Cosmos DB, test/support/memory-repositories.ts in memory. Point reads and conditional writes stay on
// the DocumentCollection (they carry no query language).
//
// Rows are the stored documents without system fields (`_rid`, `_etag`, `_ts`…): each service maps
// them to its own types.
import type { Document } from './documentStore.js';

/** Partitions of `operations` owned by one service each (the others are in OPERATIONS_PK). */
export const API_KEYS_PK = 'api-keys';
export const PARTNER_INSIGHTS_STATUS_PK = 'partner-insights-status';
/** The `docType` of a claim document in `partners`. */
export const CLAIM_DOC_TYPE = 'claim';

/** The app's API key documents (shared/access/keys.ts). */
export interface ApiKeyQueries {
  /** Every key document, in no particular order. */
  list(): Promise<Document[]>;
}

/** Import reports (shared/ingestion/import-reports.ts). */
export interface ImportReportQueries {
  /** The latest reports by `finishedAt`, newest first, at most `limit`. */
  latest(limit: number): Promise<Document[]>;
}

/** Messages the handlers rejected (shared/handlers/rejections.ts). */
export interface RejectedMessageQueries {
  /** The newest by `rejectedAt`, at most `limit`. */
  newest(limit: number): Promise<Document[]>;
  /** Every record, oldest (`rejectedAt`) first. */
  oldestFirst(): AsyncIterable<Document>;
}

/** A partner's mail record (the notification sent-record's fields the mail list shows) and when it was last written. */
export interface MailRecordRow {
  record: Record<string, unknown>;
  /** When the record was last written, seconds since the epoch (the store's clock; 0 when unknown). */
  writtenAt: number;
}

/** Notification sent-records (shared/notifications/sendOnce.ts). */
export interface MailQueries {
  /** One partner's records, most recently written first, at most `limit`. */
  forPartner(partnerId: string, limit: number): Promise<MailRecordRow[]>;
}

/** Claim documents (shared/claims/repository.ts). */
export interface ClaimQueries {
  /** Every claim document of one partner. */
  ofPartner(partnerId: string): AsyncIterable<Document>;
  /** Claim documents of any partner whose `lookup` holds `key`. */
  byKey(key: string): AsyncIterable<Document>;
  /** Claim documents of any partner in one of `statuses`, a page (at most `pageSize`) at a time. */
  pagesInStatus(statuses: readonly string[], pageSize: number): AsyncIterable<Document[]>;
}

/** Partner Center connections' status documents (shared/ingestion/partner-center/pull.ts). */
export interface PartnerInsightsStatusQueries {
  all(): Promise<Document[]>;
}

/** Operations records past their `ttl` (shared/store/ttl.ts), where the store does not delete them itself. */
export interface ExpiredRecordQueries {
  /** At most `limit` records of partition `pk` written more than their `ttl` seconds before `nowSeconds`. */
  page(pk: string, nowSeconds: number, limit: number): Promise<Array<{ id: string; pk: string }>>;
}

/** Every repository the application services read through; the composition root builds one set. */
export interface Repositories {
  apiKeys: ApiKeyQueries;
  importReports: ImportReportQueries;
  rejectedMessages: RejectedMessageQueries;
  mails: MailQueries;
  claims: ClaimQueries;
  partnerInsightsStatus: PartnerInsightsStatusQueries;
  expiredRecords: ExpiredRecordQueries;
}
