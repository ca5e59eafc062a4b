// A DocumentStore decorator that counts store operations, so the cost of a use case can be measured
// (and tested: a recompute costs the same whatever the number of partners). One query page = one
// query operation; queryAll is paged through the counted `query`, so each page is counted. Also the
// bytes of the documents written (`bytesWritten`).
import type {
  ContainerName,
  Document,
  DocumentCollection,
  DocumentStore,
  Page,
  QueryOptions,
  QuerySpec,
  Versioned,
} from '../ports/documentStore.js';
import type { PartnerDocumentQueries } from '../ports/repositories.js';
import { queryAllPages } from '../store/paging.js';

export interface StoreCounts {
  /** Point reads. */
  reads: number;
  /** create, replace, upsert, delete (attempts, including ones that failed on a condition). */
  writes: number;
  /** Query pages fetched. */
  queries: number;
  /** Documents (or rows) returned by point reads and queries. */
  documentsRead: number;
}

export interface CountingStore extends DocumentStore {
  readonly counts: StoreCounts;
  /**
   * UTF-8 bytes of the JSON of the documents sent by create, replace and upsert (attempts included)
   * since the last reset: roughly what Cosmos DB bills a write by. Kept apart from `counts`, whose
   * shape tests compare whole.
   */
  readonly bytesWritten: number;
  /** The counts so far, and zero them (bytesWritten too). */
  reset(): StoreCounts;
}

export function countingStore(store: DocumentStore): CountingStore {
  const counts: StoreCounts = { reads: 0, writes: 0, queries: 0, documentsRead: 0 };
  const bytes = { written: 0 };
  const collections = new Map<ContainerName, DocumentCollection>();
  return {
    counts,
    get bytesWritten() {
      return bytes.written;
    },
    reset() {
      const snapshot = { ...counts };
      counts.reads = counts.writes = counts.queries = counts.documentsRead = 0;
      bytes.written = 0;
      return snapshot;
    },
    collection(name) {
      let c = collections.get(name);
      if (!c) {
        c = countingCollection(store.collection(name), counts, bytes);
        collections.set(name, c);
      }
      return c;
    },
  };
}

/** `queries` calling `onPage` with every page it answers, before the caller sees it (to count, measure or fail it). */
export function tappedPartnerDocuments(
  queries: PartnerDocumentQueries,
  onPage: (page: readonly unknown[]) => void,
): PartnerDocumentQueries {
  const tap = async function* <T>(pages: AsyncIterable<T[]>): AsyncIterable<T[]> {
    for await (const page of pages) {
      onPage(page);
      yield page;
    }
  };
  return {
    pages: (partnerId, selection, pageSize) => tap(queries.pages(partnerId, selection, pageSize)),
    partnerIdPages: (pageSize) => tap(queries.partnerIdPages(pageSize)),
  };
}

/**
 * `queries` with each page counted as one query of `counted` (and its rows as documents read): for
 * repositories that do not query through the counted store (the in-memory ones). Repositories built over
 * the counted store itself (the Cosmos adapter's) are counted already.
 */
export function countedPartnerDocuments(queries: PartnerDocumentQueries, counted: CountingStore): PartnerDocumentQueries {
  return tappedPartnerDocuments(queries, (page) => {
    counted.counts.queries++;
    counted.counts.documentsRead += page.length;
  });
}

function jsonBytes(doc: Document): number {
  return Buffer.byteLength(JSON.stringify(doc), 'utf8');
}

function countingCollection(inner: DocumentCollection, counts: StoreCounts, bytes: { written: number }): DocumentCollection {
  const self: DocumentCollection = {
    name: inner.name,
    async read<T extends Document>(id: string, partitionKey: string): Promise<Versioned<T> | undefined> {
      counts.reads++;
      const r = await inner.read<T>(id, partitionKey);
      if (r) counts.documentsRead++;
      return r;
    },
    create<T extends Document>(doc: T) {
      counts.writes++;
      bytes.written += jsonBytes(doc);
      return inner.create(doc);
    },
    replace<T extends Document>(doc: T, ifMatch: string) {
      counts.writes++;
      bytes.written += jsonBytes(doc);
      return inner.replace(doc, ifMatch);
    },
    upsert<T extends Document>(doc: T) {
      counts.writes++;
      bytes.written += jsonBytes(doc);
      return inner.upsert(doc);
    },
    delete(id: string, partitionKey: string, ifMatch?: string) {
      counts.writes++;
      return inner.delete(id, partitionKey, ifMatch);
    },
    async query<T>(spec: QuerySpec, options?: QueryOptions): Promise<Page<T>> {
      counts.queries++;
      const page = await inner.query<T>(spec, options);
      counts.documentsRead += page.items.length;
      return page;
    },
    queryAll<T>(spec: QuerySpec, options?: Omit<QueryOptions, 'continuationToken'>): AsyncIterable<T> {
      return queryAllPages((s, o) => self.query<T>(s, o), spec, options);
    },
  };
  return self;
}
