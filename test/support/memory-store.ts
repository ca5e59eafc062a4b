// An in-memory DocumentStore for unit tests: point reads and ETag-conditioned writes that behave like the
// Cosmos adapter (409 DocumentConflictError, 412 DocumentPreconditionError, DocumentNotFoundError), and
// just enough SQL for the use cases' queries (anything else throws, so a new query is noticed):
// - the pipeline's partner load and partner listing (shared/pipeline/partner-repository.ts);
// - `SELECT [TOP n] * FROM c WHERE c.pk = @pk [ORDER BY c.field [DESC]]` (import reports).
// Results are paged with numeric continuation tokens (pageSize, default 100).
import {
  CONTAINERS,
  DocumentConflictError,
  DocumentNotFoundError,
  DocumentPreconditionError,
  partitionKeyOf,
  type ContainerName,
  type Document,
  type DocumentCollection,
  type DocumentStore,
  type Page,
  type QueryOptions,
  type QuerySpec,
  type Versioned,
} from '../../shared/ports/index.js';
import { queryAllPages } from '../../shared/store/paging.js';

export interface StoredRow {
  doc: Document;
  etag: string;
}

let etagCounter = 0;
const nextEtag = () => `"e${++etagCounter}"`;

const PARTNER_LOAD = /^SELECT c AS doc, c\._etag AS etag FROM c WHERE c\.partnerId = @p AND c\.id != @explanations AND c\.id != @guidance$/;
const PARTNER_LISTING = /^SELECT c\.partnerId FROM c WHERE c\.id = @profile OR c\.id = @state$/;
const BY_PARTITION = /^SELECT (?:TOP (\d+) )?\* FROM c WHERE c\.pk = @pk(?: ORDER BY c\.(\w+)( DESC)?)?$/i;

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
    this.docs.set(k, { doc: structuredClone(doc), etag });
    return { doc: structuredClone(doc), etag };
  }

  private evaluate(spec: QuerySpec): unknown[] {
    const params = new Map((spec.parameters ?? []).map((p) => [p.name, p.value]));
    const rows = [...this.docs.values()];
    if (PARTNER_LOAD.test(spec.query)) {
      const pkField = CONTAINERS[this.name].partitionKey;
      return rows
        .filter((r) => r.doc[pkField] === params.get('@p') && r.doc.id !== params.get('@explanations') && r.doc.id !== params.get('@guidance'))
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
