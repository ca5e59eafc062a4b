import type { Container, CosmosClient, Database } from '@azure/cosmos';

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
  type Versioned,
} from '../../ports/documentStore.js';
import { queryAllPages } from '../../store/paging.js';
import { indexingPolicyFor } from './indexing.js';

/** Creates the database and both containers if missing (infra/ creates them on Azure; locally nothing persists). */
export async function ensureCosmosSchema(client: CosmosClient, databaseId: string): Promise<Database> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const def of Object.values(CONTAINERS)) {
    await database.containers.createIfNotExists({
      id: def.name,
      partitionKey: { paths: [`/${def.partitionKey}`] },
      // Only the paths the queries use (indexing.ts; the stand-in ignores it).
      indexingPolicy: indexingPolicyFor(def.name),
      // TTL on, no default expiry: operations records with a `ttl` expire (shared/store/ttl.ts), others stay.
      ...(def.name === CONTAINERS.operations.name ? { defaultTtl: -1 } : {}),
    });
  }
  return database;
}

export function createCosmosStore(database: Database): DocumentStore {
  const collections = new Map<ContainerName, DocumentCollection>();
  return {
    collection(name) {
      let c = collections.get(name);
      if (!c) {
        c = new CosmosCollection(name, database.container(CONTAINERS[name].name));
        collections.set(name, c);
      }
      return c;
    },
  };
}

// Cosmos adds system fields (_rid, _self, _etag, _attachments, _ts); callers see their document only.
export function strip<T extends Document>(resource: unknown): T {
  const { _rid: _r, _self: _s, _etag: _e, _attachments: _a, _ts: _t, ...doc } = resource as Record<string, unknown>;
  return doc as T;
}

function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

class CosmosCollection implements DocumentCollection {
  constructor(
    readonly name: ContainerName,
    private readonly container: Container,
  ) {}

  async read<T extends Document>(id: string, partitionKey: string): Promise<Versioned<T> | undefined> {
    try {
      const res = await this.container.item(id, partitionKey).read();
      if (res.statusCode === 404 || !res.resource) return undefined;
      return { doc: strip<T>(res.resource), etag: String(res.etag ?? res.resource._etag) };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async create<T extends Document>(doc: T): Promise<Versioned<T>> {
    partitionKeyOf(this.name, doc);
    try {
      const res = await this.container.items.create(doc);
      return { doc: strip<T>(res.resource), etag: String(res.etag) };
    } catch (err) {
      if (statusOf(err) === 409) throw new DocumentConflictError(this.name, doc.id);
      throw err;
    }
  }

  async replace<T extends Document>(doc: T, ifMatch: string): Promise<Versioned<T>> {
    const pk = partitionKeyOf(this.name, doc);
    try {
      const res = await this.container.item(doc.id, pk).replace(doc, { accessCondition: { type: 'IfMatch', condition: ifMatch } });
      return { doc: strip<T>(res.resource), etag: String(res.etag) };
    } catch (err) {
      if (statusOf(err) === 412) throw new DocumentPreconditionError(this.name, doc.id);
      if (statusOf(err) === 404) throw new DocumentNotFoundError(this.name, doc.id);
      throw err;
    }
  }

  async upsert<T extends Document>(doc: T): Promise<Versioned<T>> {
    partitionKeyOf(this.name, doc);
    const res = await this.container.items.upsert(doc);
    return { doc: strip<T>(res.resource), etag: String(res.etag) };
  }

  async delete(id: string, partitionKey: string, ifMatch?: string): Promise<void> {
    try {
      await this.container
        .item(id, partitionKey)
        .delete(ifMatch ? { accessCondition: { type: 'IfMatch', condition: ifMatch } } : undefined);
    } catch (err) {
      if (statusOf(err) === 404) return;
      if (statusOf(err) === 412) throw new DocumentPreconditionError(this.name, id);
      throw err;
    }
  }

  async query<T>(spec: QuerySpec, options: QueryOptions = {}): Promise<Page<T>> {
    const iterator = this.container.items.query<T>(
      { query: spec.query, parameters: [...(spec.parameters ?? [])] },
      {
        ...(options.partitionKey !== undefined ? { partitionKey: options.partitionKey } : {}),
        maxItemCount: options.pageSize ?? 100,
        ...(options.continuationToken ? { continuationToken: options.continuationToken } : {}),
      },
    );
    const res = await iterator.fetchNext();
    const items = (res.resources ?? []).map((r) => (isDocumentLike(r) ? (strip(r) as T) : r));
    return res.continuationToken ? { items, continuationToken: res.continuationToken } : { items };
  }

  queryAll<T>(spec: QuerySpec, options: Omit<QueryOptions, 'continuationToken'> = {}): AsyncIterable<T> {
    return queryAllPages((s, o) => this.query<T>(s, o), spec, options);
  }
}

function isDocumentLike(r: unknown): r is Document {
  return typeof r === 'object' && r !== null && '_rid' in r;
}
