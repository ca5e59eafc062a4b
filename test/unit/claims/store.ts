// The in-memory store (test/support/memory-store.ts) taught the claims' two queries.
import type { ContainerName, Page, QueryOptions, QuerySpec } from '../../../shared/ports/index.js';
import { MemoryCollection, MemoryStore } from '../../support/memory-store.js';

const BY_PARTNER = /^SELECT \* FROM c WHERE c\.partnerId = @p AND c\.docType = @t$/;
const IN_STATUS = /^SELECT \* FROM c WHERE c\.docType = @t AND \((c\.status = @s\d+(?: OR )?)+\)$/;
const BY_LOOKUP = /^SELECT \* FROM c WHERE c\.docType = @t AND ARRAY_CONTAINS\(c\.lookup, @k\)$/;

class ClaimsCollection extends MemoryCollection {
  override async query<T>(spec: QuerySpec, options: QueryOptions = {}): Promise<Page<T>> {
    const params = new Map((spec.parameters ?? []).map((p) => [p.name, p.value]));
    let rows: unknown[] | undefined;
    const docs = [...this.docs.values()].map((r) => structuredClone(r.doc));
    if (BY_PARTNER.test(spec.query)) rows = docs.filter((d) => d.partnerId === params.get('@p') && d.docType === params.get('@t'));
    if (IN_STATUS.test(spec.query)) {
      const statuses = [...params.entries()].filter(([k]) => k.startsWith('@s')).map(([, v]) => v);
      rows = docs.filter((d) => d.docType === params.get('@t') && statuses.includes(d.status as string));
    }
    if (BY_LOOKUP.test(spec.query))
      rows = docs.filter(
        (d) => d.docType === params.get('@t') && Array.isArray(d.lookup) && (d.lookup as unknown[]).includes(params.get('@k')),
      );
    if (!rows) return super.query<T>(spec, options);
    const start = options.continuationToken ? Number(options.continuationToken) : 0;
    const size = options.pageSize ?? 100;
    const items = rows.slice(start, start + size) as T[];
    return start + size < rows.length ? { items, continuationToken: String(start + size) } : { items };
  }
}

export class ClaimsMemoryStore extends MemoryStore {
  override collection(name: ContainerName): MemoryCollection {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, (c = new ClaimsCollection(name)));
    return c;
  }
}

/** A store where these partners are known (a profile document each): claims need a known partner. */
export async function storeWithPartners(...partnerIds: string[]): Promise<ClaimsMemoryStore> {
  const store = new ClaimsMemoryStore();
  for (const partnerId of partnerIds)
    await store.collection('partners').upsert({ id: 'profile', docType: 'profile', partnerId, snapshots: {} });
  return store;
}
