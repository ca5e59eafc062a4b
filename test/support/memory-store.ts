// An in-memory DocumentStore for unit tests: point reads and ETag-conditioned writes that behave like the
// Cosmos adapter (409 DocumentConflictError, 412 DocumentPreconditionError, DocumentNotFoundError).
// No query language: `repos` are the repositories over these documents (memory-repositories.ts), by
// plain filtering, and `query` throws — a query sent through the generic port is a query that belongs
// in a repository (test/unit/api/fakes.ts evaluates the Cosmos adapter's portfolio SQL itself, to test
// that adapter's paging without Cosmos).
import { countedPartnerDocuments, type CountingStore, countingStore } from '../../shared/pipeline/counting-store.js';
import {
  type ContainerName,
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
  type Versioned,
} from '../../shared/ports/documentStore.js';
import { type Repositories } from '../../shared/ports/repositories.js';
import { memoryRepositories } from './memory-repositories.js';

export interface StoredRow {
  doc: Document;
  etag: string;
  /** Seconds since the epoch at the last write (Cosmos DB's `_ts`). */
  ts?: number;
}

let etagCounter = 0;
const nextEtag = () => `"e${++etagCounter}"`;

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

  async query<T>(spec: QuerySpec, _options?: QueryOptions): Promise<Page<T>> {
    throw new Error(`MemoryCollection: no query language; read through the repositories (memory-repositories.ts): ${spec.query}`);
  }
  queryAll<T>(spec: QuerySpec, _options?: Omit<QueryOptions, 'continuationToken'>): AsyncIterable<T> {
    throw new Error(`MemoryCollection: no query language; read through the repositories (memory-repositories.ts): ${spec.query}`);
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

/**
 * A counting store over `store` with the partner documents' queries counted in the same counts (the
 * memory repositories read the documents directly, not through the counted store): `{ ...deps, ...counted }`.
 */
export function countedMemory(store: MemoryStore): { store: CountingStore; repos: Repositories } {
  const counted = countingStore(store);
  return { store: counted, repos: { ...store.repos, partnerDocuments: countedPartnerDocuments(store.repos.partnerDocuments, counted) } };
}

/** A handler's `{ store, repos }` over one memory store, with the rest of its deps. */
export function withRepos<S extends DocumentStore & { repos: Repositories }, T extends object = object>(
  store: S,
  rest?: T,
): T & { store: S; repos: Repositories } {
  return { ...(rest ?? ({} as T)), store, repos: store.repos };
}
