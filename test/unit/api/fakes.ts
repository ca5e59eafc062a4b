// An in-memory store for the read API: the shared MemoryStore (so partners can be seeded through
// applyPartnerChanges) plus `repos` whose portfolio reads are the Cosmos adapter's
// (shared/adapters/cosmos/repositories/partners.ts) over these documents — its list and summary SQL
// evaluated here by the SQL engine the Cosmos stand-in runs (@zeit/cosmosdb-query, with its
// continuation tokens), its profile-names query by hand — with hooks to make the listing fail or answer
// empty pages first, as Cosmos may, so the adapter's paging is tested without Cosmos.
import * as cosmosQueryModule from '@zeit/cosmosdb-query';

import { LIST_SELECT, SUMMARY_SELECT } from '../../../shared/adapters/cosmos/repositories/partners.js';
import { cosmosPartnerSummaries } from '../../../shared/adapters/cosmos/repositories/partners.js';
import type {
  ContainerName,
  DocumentCollection,
  DocumentStore,
  Page,
  QueryOptions,
  QuerySpec,
} from '../../../shared/ports/documentStore.js';
import type { Repositories } from '../../../shared/ports/repositories.js';
import { queryAllPages } from '../../../shared/store/paging.js';
import { type MemoryCollection, MemoryStore } from '../../support/memory-store.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- stored documents, read field by field
type Doc = Record<string, any>;

// A CommonJS module: under Node's ESM loader its `default` is module.exports, whose `default` is the function.
type CosmosSql = (query: string) => { exec(docs: object[], options: object): unknown };
const cosmosSql: CosmosSql = (() => {
  const d = (cosmosQueryModule as unknown as { default: CosmosSql | { default: CosmosSql } }).default;
  return typeof d === 'function' ? d : d.default;
})();

/** The stand-in's SQL engine over a collection's documents (system fields: _rid, _etag, and _ts in write order). */
function engine<T>(c: MemoryCollection, spec: QuerySpec, options: QueryOptions): Page<T> {
  const docs = [...c.docs.entries()].map(([key, r]) => ({
    ...structuredClone(r.doc),
    _rid: key,
    _etag: r.etag,
    _ts: Number(r.etag.replace(/\D/g, '')),
  }));
  const { result, continuation } = cosmosSql(spec.query).exec(docs, {
    parameters: (spec.parameters ?? []).map((p) => ({ name: p.name, value: p.value })),
    maxItemCount: options.pageSize ?? 100,
    ...(options.continuationToken ? { continuation: { token: options.continuationToken } } : {}),
  }) as { result: T[]; continuation: { token: string } | null };
  return continuation ? { items: result, continuationToken: continuation.token } : { items: result };
}

export class ApiMemoryStore implements DocumentStore {
  readonly inner = new MemoryStore();
  /** Every query the API ran, with its options. */
  readonly queries: { spec: QuerySpec; options: QueryOptions }[] = [];
  /** Pages to answer empty (with a token to the same place) before the real one: Cosmos does this. */
  emptyPagesBeforeNext = 0;
  /** Thrown by the listing query when set (a store refusing a token, an outage). */
  listError: unknown;
  /** The repositories over these documents; the portfolio's through the Cosmos adapter (above). */
  readonly repos: Repositories = { ...this.inner.repos, partnerSummaries: cosmosPartnerSummaries(this.collection('partners')) };

  collection(name: ContainerName): DocumentCollection {
    const inner = this.inner.collection(name);
    return new Proxy(inner, {
      get: (target, prop, receiver) => {
        if (prop === 'query') return (spec: QuerySpec, options: QueryOptions = {}) => this.query(target, spec, options);
        if (prop === 'queryAll') return (spec: QuerySpec, options: QueryOptions = {}) => this.queryAll(target, spec, options);
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  private docs(c: MemoryCollection): Doc[] {
    return [...c.docs.values()].map((r) => structuredClone(r.doc) as Doc);
  }

  private async query<T>(c: MemoryCollection, spec: QuerySpec, options: QueryOptions): Promise<Page<T>> {
    this.queries.push({ spec, options });
    const params = new Map((spec.parameters ?? []).map((p) => [p.name, p.value]));
    if (spec.query.startsWith(LIST_SELECT)) {
      if (this.listError) throw this.listError;
      if (this.emptyPagesBeforeNext > 0) {
        this.emptyPagesBeforeNext--;
        return { items: [], continuationToken: options.continuationToken ?? 'empty' };
      }
      const token = options.continuationToken === 'empty' ? undefined : options.continuationToken;
      return engine<T>(c, spec, { ...options, ...(token ? { continuationToken: token } : { continuationToken: undefined }) });
    }
    if (spec.query.startsWith(SUMMARY_SELECT)) return engine<T>(c, spec, options);
    const names = /^SELECT c\.partnerId, c\.name FROM c WHERE c\.id = @profile AND c\.partnerId IN \(([@p0-9, ]+)\)$/.exec(spec.query);
    if (names) {
      const ids = new Set(names[1]!.split(', ').map((n) => params.get(n)));
      const items = this.docs(c)
        .filter((d) => d.id === params.get('@profile') && ids.has(d.partnerId))
        .map((d) => JSON.parse(JSON.stringify({ partnerId: d.partnerId, name: d.name })) as T);
      return { items };
    }
    return c.query<T>(spec, options);
  }

  private queryAll<T>(c: MemoryCollection, spec: QuerySpec, options: QueryOptions): AsyncIterable<T> {
    return queryAllPages((s, o) => this.query<T>(c, s, o), spec, options);
  }
}
