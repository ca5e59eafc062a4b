// A document store in the shape of Cosmos DB's SQL API, small enough to fake and to build repositories on.
// Each container has one partition-key path; a document carries its partition-key value in that field.
// Application services read through the repositories (repositories.ts: queries in the domain's words);
// `query`/`queryAll` take SQL and are for the adapters' repositories (shared/adapters/cosmos/repositories/)
// and, until it has its own repository, the partners aggregate (shared/pipeline/partner-repository.ts).

/** Containers and their partition-key fields, fixed by decision (infra/ creates the same). */
export const CONTAINERS = {
  /** Profile, customer, person, state and explanations documents of a partner. */
  partners: { name: 'partners', partitionKey: 'partnerId' },
  /** Import reports, blob and Insights cursors, webhook delivery ids, notification records, rejected messages. */
  operations: { name: 'operations', partitionKey: 'pk' },
} as const;
export type ContainerName = keyof typeof CONTAINERS;

/** Partition keys of the `operations` container in use so far. */
export const OPERATIONS_PK = {
  rejectedMessages: 'rejected-messages',
  blobCursors: 'blob-cursors',
  insightsCursors: 'insights-cursors',
  notificationsSent: 'notifications-sent',
  importReports: 'import-reports',
  webhookDeliveries: 'webhook-deliveries',
} as const;

export interface Document {
  id: string;
  [field: string]: unknown;
}

/** A stored document with its version: pass `etag` back to replace it only if nobody changed it since. */
export interface Versioned<T extends Document> {
  doc: T;
  etag: string;
}

export type QueryValue = string | number | boolean | null;

export interface QuerySpec {
  query: string;
  /** Values, or a list of them (for `ARRAY_CONTAINS(@list, c.field)`). */
  parameters?: ReadonlyArray<{ name: string; value: QueryValue | readonly QueryValue[] }>;
}

export interface QueryOptions {
  /**
   * Restrict to one partition (cheap); omit for a cross-partition query. The local Cosmos stand-in honours it
   * too (devtools/standins/cosmos-partition-queries.mjs); still filter on the partition field in the WHERE
   * clause (`c.partnerId = @partnerId`), so the query means the same wherever it runs.
   */
  partitionKey?: string;
  pageSize?: number;
  continuationToken?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when there are more results; pass it back to get the next page. */
  continuationToken?: string;
}

export interface DocumentCollection {
  readonly name: ContainerName;
  /** Point read; undefined when the document does not exist. */
  read<T extends Document>(id: string, partitionKey: string): Promise<Versioned<T> | undefined>;
  /** Creates; throws DocumentConflictError when a document with this id exists in the partition. */
  create<T extends Document>(doc: T): Promise<Versioned<T>>;
  /** Replaces only if the stored etag is still `ifMatch`; otherwise DocumentPreconditionError (or DocumentNotFoundError). */
  replace<T extends Document>(doc: T, ifMatch: string): Promise<Versioned<T>>;
  /** Creates or overwrites unconditionally. */
  upsert<T extends Document>(doc: T): Promise<Versioned<T>>;
  /** Deletes; no error if already gone. With ifMatch, only that version. */
  delete(id: string, partitionKey: string, ifMatch?: string): Promise<void>;
  /** One page of a parameterised query (keep to simple SQL: the local stand-in lacks GROUP BY, DISTINCT, OFFSET). */
  query<T>(spec: QuerySpec, options?: QueryOptions): Promise<Page<T>>;
  /** Every result, page by page. */
  queryAll<T>(spec: QuerySpec, options?: Omit<QueryOptions, 'continuationToken'>): AsyncIterable<T>;
}

export interface DocumentStore {
  collection(name: ContainerName): DocumentCollection;
}

export class DocumentConflictError extends Error {
  constructor(
    readonly container: string,
    readonly id: string,
  ) {
    super(`${container}: a document with id "${id}" already exists`);
    this.name = 'DocumentConflictError';
  }
}

export class DocumentPreconditionError extends Error {
  constructor(
    readonly container: string,
    readonly id: string,
  ) {
    super(`${container}: document "${id}" changed since it was read (etag mismatch)`);
    this.name = 'DocumentPreconditionError';
  }
}

export class DocumentNotFoundError extends Error {
  constructor(
    readonly container: string,
    readonly id: string,
  ) {
    super(`${container}: document "${id}" does not exist`);
    this.name = 'DocumentNotFoundError';
  }
}

/** Reads the partition-key value a document carries for its container. */
export function partitionKeyOf(container: ContainerName, doc: Document): string {
  const field = CONTAINERS[container].partitionKey;
  const value = doc[field];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`${container}: document "${doc.id}" has no string "${field}" (its partition key)`);
  }
  return value;
}
