// Read queries in the domain's words, one interface per aggregate of the `operations` container and for
// the claims in `partners`. The application services ask these; how the rows are found (SQL, paging,
// partition options, Cosmos system fields) is the adapter's business: shared/adapters/cosmos/repositories/
// on Cosmos DB, test/support/memory-repositories.ts in memory. Point reads and conditional writes stay on
// the DocumentCollection (they carry no query language).
//
// Rows are the stored documents without system fields (`_rid`, `_etag`, `_ts`…): each service maps
// them to its own types.
import type { Document, Versioned } from './documentStore.js';

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

/** The portfolio list's filters (shared/api/list-query.ts ListFilter): over the state documents' `summary`. */
export interface PartnerListFilter {
  /** A designation status, or `atRisk`; with `area`: that area, else any area. */
  status?: string | undefined;
  area?: string | undefined;
  /** Lower-cased, trimmed substring of the stored lower-case name or of the lower-cased partner id. */
  q?: string | undefined;
  /** Only these partners; undefined: all. */
  onlyPartners?: readonly string[] | undefined;
}

/** The list's order: a path into the state document (e.g. ['summary', 'nameLower']), ascending or descending. */
export interface PartnerListOrder {
  path: readonly string[];
  descending: boolean;
}

/** What the list shows of a state document: the scoring days and the summary. */
export interface PartnerListRow {
  partnerId: string;
  asOf?: string;
  today?: string;
  summary?: Record<string, unknown>;
}

/** The summary line's projection of a state document: per area its status and at-risk flag. */
export interface PartnerStatusRow {
  partnerId?: string;
  areas?: Record<string, { status?: string; atRisk?: boolean } | undefined>;
}

/** The portfolio's reads over the partners' state documents (shared/api/partners.ts, summary.ts). */
export interface PartnerSummaryQueries {
  /**
   * One page (at most `limit` rows) of the state documents matching `filter`, in `order` (ties in the
   * store's order, null before numbers and strings), from `continuation` (a token this method gave for
   * the same filter and order); `continuation` undefined on the last page. A page may hold fewer rows.
   */
  page(
    filter: PartnerListFilter,
    order: PartnerListOrder,
    limit: number,
    continuation?: string,
  ): Promise<{ rows: PartnerListRow[]; continuation: string | undefined }>;
  /** The `name` field of these partners' profiles (as stored), by partner id. */
  profileNames(partnerIds: readonly string[]): Promise<Map<string, unknown>>;
  /** Every state document matching `q` and `onlyPartners`, projected to its statuses, read `pageSize` at a time. */
  statuses(filter: Pick<PartnerListFilter, 'q' | 'onlyPartners'>, pageSize: number): AsyncIterable<PartnerStatusRow>;
}

/** Which of a partner's documents to read: those whose `docType` is in `types` or whose `id` is in `ids`. */
export interface PartnerDocumentSelection {
  types: readonly string[];
  ids: readonly string[];
}

/** A partner's own documents in `partners`: facts, state and cold documents (shared/pipeline/partner-repository.ts). */
export interface PartnerDocumentQueries {
  /**
   * The selected documents of one partner with their etags, a page (at most `pageSize`) at a time: one
   * store request per page, in no particular order, whatever the number of other partners.
   */
  pages(partnerId: string, selection: PartnerDocumentSelection, pageSize: number): AsyncIterable<Array<Versioned<Document>>>;
  /** Ids of the partners that have a profile or a state document, a page at a time (an id may repeat). */
  partnerIdPages(pageSize: number): AsyncIterable<string[]>;
}

/** Every repository the application services read through; the composition root builds one set. */
export interface Repositories {
  partnerDocuments: PartnerDocumentQueries;
  apiKeys: ApiKeyQueries;
  importReports: ImportReportQueries;
  rejectedMessages: RejectedMessageQueries;
  mails: MailQueries;
  claims: ClaimQueries;
  partnerInsightsStatus: PartnerInsightsStatusQueries;
  expiredRecords: ExpiredRecordQueries;
  partnerSummaries: PartnerSummaryQueries;
}
