// An in-memory DocumentStore for unit tests: point reads and ETag-conditioned writes that behave like the
// Cosmos adapter (409 DocumentConflictError, 412 DocumentPreconditionError, DocumentNotFoundError).
// `repos` are the repositories of the operations records and claims over these documents, without SQL
// (memory-repositories.ts). The SQL below is only what the partners code still sends through the
// generic `query` (anything else throws, so a new query is noticed):
// - the pipeline's partner load and partner listing (shared/pipeline/partner-repository.ts);
// - the Cosmos adapter's portfolio list and summary line (shared/adapters/cosmos/repositories/partners.ts:
//   WHERE over the summary, ORDER BY one field), evaluated by the SQL engine the Cosmos stand-in runs
//   (@zeit/cosmosdb-query), with its continuation tokens — only for test/unit/api/fakes.ts, which runs
//   that adapter over these documents to test its paging (MemoryStore.repos reads the portfolio without SQL);
// - `SELECT [TOP n] * FROM c WHERE c.pk = @pk [ORDER BY c.field [DESC]]`, for tests that look into a partition.
// Other results are paged with numeric continuation tokens (pageSize, default 100).
import * as cosmosQueryModule from '@zeit/cosmosdb-query';

import {
  type ContainerName,
  CONTAINERS,
  type Document,
  type DocumentCollection,
  DocumentConflictError,
  DocumentNotFoundError,
  DocumentPreconditionError,
  type DocumentStore,
  type Page,
  partitionKeyOf,
  type QueryOptions,
  type QuerySpec,
  type Repositories,
  type Versioned,
} from '../../shared/ports/index.js';
import { queryAllPages } from '../../shared/store/paging.js';
import { memoryRepositories } from './memory-repositories.js';

export interface StoredRow {
  doc: Document;
  etag: string;
  /** Seconds since the epoch at the last write (Cosmos DB's `_ts`). */
  ts?: number;
}

let etagCounter = 0;
const nextEtag = () => `"e${++etagCounter}"`;

/** shared/pipeline/partner-repository.ts: a partner's documents by docType or id (filtered here: no copy of every document). */
const PARTNER_DOCUMENTS =
  /^SELECT c AS doc, c\._etag AS etag FROM c WHERE c\.partnerId = @p AND \(ARRAY_CONTAINS\(@types, c\.docType\) OR ARRAY_CONTAINS\(@ids, c\.id\)\)$/;
const PARTNER_LISTING = /^SELECT c\.partnerId FROM c WHERE c\.id = @profile OR c\.id = @state$/;
/** Queries the stand-in's own SQL engine evaluates here (their WHERE/ORDER BY are built per request). */
const ENGINE_QUERIES = [
  /^SELECT c\.partnerId, c\.scoring\.asOf AS asOf, c\.scoring\.today AS today, c\.summary AS summary FROM c WHERE c\.id = @state( AND [^]+)? ORDER BY c\.[\w.]+( DESC)?$/,
  /^SELECT c\.partnerId, \{[^]+\} AS areas FROM c WHERE c\.id = @state( AND [^]+)?$/,
];
const BY_PARTITION = /^SELECT (?:TOP (\d+) )?\* FROM c WHERE c\.pk = @pk(?: ORDER BY c\.(\w+)( DESC)?)?$/i;

// A CommonJS module: under Node's ESM loader its `default` is module.exports, whose `default` is the function.
type CosmosSql = (query: string) => { exec(docs: object[], options: object): unknown };
const cosmosSql: CosmosSql = (() => {
  const d = (cosmosQueryModule as unknown as { default: CosmosSql | { default: CosmosSql } }).default;
  return typeof d === 'function' ? d : d.default;
})();

export class MemoryCollection implements DocumentCollection {
  /** Stored documents by `memoryKey(id, partitionKey)`. */
  readonly docs = new Map<string, StoredRow>();
  constructor(readonly name: ContainerName) {}

  async read<T extends Document>(id: string, partitionKey: string): Promise<Versioned<T> | undefined> {
    const r = this.docs.get(memoryKey(id, partitionKey));
    return r ? { doc: structuredClone(r.doc) as T, etag: r.etag } : undefined;
  }
  async create<T extends Document>(doc: T): Promise<Versioned<T>> {
    const k = this.keyOf(doc);
    if (this.docs.has(k)) throw new DocumentConflictError(this.name, doc.id);
    return this.put(k, doc);
  }
  async replace<T extends Document>(doc: T, ifMatch: string): Promise<Versioned<T>> {
    const k = this.keyOf(doc);
    const r = this.docs.get(k);
    if (!r) throw new DocumentNotFoundError(this.name, doc.id);
    if (r.etag !== ifMatch) throw new DocumentPreconditionError(this.name, doc.id);
    return this.put(k, doc);
  }
  async upsert<T extends Document>(doc: T): Promise<Versioned<T>> {
    return this.put(this.keyOf(doc), doc);
  }
  async delete(id: string, partitionKey: string, ifMatch?: string): Promise<void> {
    const k = memoryKey(id, partitionKey);
    const r = this.docs.get(k);
    if (r && ifMatch && r.etag !== ifMatch) throw new DocumentPreconditionError(this.name, id);
    this.docs.delete(k);
  }

  async query<T>(spec: QuerySpec, options: QueryOptions = {}): Promise<Page<T>> {
    if (ENGINE_QUERIES.some((re) => re.test(spec.query))) return this.engine<T>(spec, options);
    const results = this.evaluate(spec);
    const start = options.continuationToken ? Number(options.continuationToken) : 0;
    const size = options.pageSize ?? 100;
    const items = results.slice(start, start + size) as T[];
    return start + size < results.length ? { items, continuationToken: String(start + size) } : { items };
  }
  queryAll<T>(spec: QuerySpec, options?: Omit<QueryOptions, 'continuationToken'>): AsyncIterable<T> {
    return queryAllPages((s, o) => this.query<T>(s, o), spec, options);
  }

  /** Copies of the documents of one partition (operations container: the `pk` field). */
  ofPartition(pk: string): Document[] {
    return [...this.docs.values()].filter((r) => r.doc.pk === pk).map((r) => structuredClone(r.doc));
  }

  private keyOf(doc: Document): string {
    return memoryKey(doc.id, partitionKeyOf(this.name, doc));
  }
  private put<T extends Document>(k: string, doc: T): Versioned<T> {
    const etag = nextEtag();
    this.docs.set(k, { doc: structuredClone(doc), etag, ts: Math.floor(Date.now() / 1000) });
    return { doc: structuredClone(doc), etag };
  }

  /** The stand-in's SQL engine over the stored documents (system fields: _rid, _etag, and _ts in write order). */
  private engine<T>(spec: QuerySpec, options: QueryOptions): Page<T> {
    const docs = [...this.docs.entries()].map(([key, r]) => ({
      ...structuredClone(r.doc),
      _rid: key,
      _etag: r.etag,
      _ts: Number(r.etag.replace(/\D/g, '')),
    }));
    const run = cosmosSql(spec.query);
    const { result, continuation } = run.exec(docs, {
      parameters: (spec.parameters ?? []).map((p) => ({ name: p.name, value: p.value })),
      maxItemCount: options.pageSize ?? 100,
      ...(options.continuationToken ? { continuation: { token: options.continuationToken } } : {}),
    }) as { result: T[]; continuation: { token: string } | null };
    return continuation ? { items: result, continuationToken: continuation.token } : { items: result };
  }

  private evaluate(spec: QuerySpec): unknown[] {
    const params = new Map((spec.parameters ?? []).map((p) => [p.name, p.value]));
    const rows = [...this.docs.values()];
    if (PARTNER_DOCUMENTS.test(spec.query)) {
      const pkField = CONTAINERS[this.name].partitionKey;
      const types = new Set((params.get('@types') as string[] | undefined) ?? []);
      const ids = new Set((params.get('@ids') as string[] | undefined) ?? []);
      return rows
        .filter((r) => r.doc[pkField] === params.get('@p') && (types.has(String(r.doc.docType)) || ids.has(r.doc.id)))
        .map((r) => ({ doc: { ...structuredClone(r.doc), _etag: r.etag, _rid: 'x', _ts: 1 }, etag: r.etag }));
    }
    if (PARTNER_LISTING.test(spec.query)) {
      return rows
        .filter((r) => r.doc.id === params.get('@profile') || r.doc.id === params.get('@state'))
        .map((r) => ({ partnerId: r.doc.partnerId }));
    }
    const byPartition = BY_PARTITION.exec(spec.query);
    if (byPartition) {
      const [, top, field, desc] = byPartition;
      const docs = rows.map((r) => structuredClone(r.doc)).filter((d) => d.pk === params.get('@pk'));
      if (field) {
        const sign = desc ? -1 : 1;
        docs.sort((a, b) => sign * (String(a[field]) < String(b[field]) ? -1 : String(a[field]) > String(b[field]) ? 1 : 0));
      }
      return top ? docs.slice(0, Number(top)) : docs;
    }
    throw new Error(`MemoryCollection: query not supported: ${spec.query}`);
  }
}

export class MemoryStore implements DocumentStore {
  readonly collections = new Map<ContainerName, MemoryCollection>();
  /** The repositories over these documents, without SQL (memory-repositories.ts): pass as the ports' `repos`. */
  readonly repos: Repositories = memoryRepositories(this);
  collection(name: ContainerName): MemoryCollection {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, (c = new MemoryCollection(name)));
    return c;
  }
}

/** The key of a document in MemoryCollection.docs. */
export function memoryKey(id: string, partitionKey: string): string {
  return `${partitionKey}\u0000${id}`;
}

/** A handler's `{ store, repos }` over one memory store, with the rest of its deps. */
export function withRepos<T extends object = object>(store: MemoryStore, rest?: T): T & { store: MemoryStore; repos: Repositories } {
  return { ...(rest ?? ({} as T)), store, repos: store.repos };
}
