// The repositories (shared/ports/repositories.ts) over a MemoryStore's documents, by plain array
// filtering and sorting — no SQL. They answer what the Cosmos adapter's queries answer
// (shared/adapters/cosmos/repositories/), which test/integration/adapters/repositories.test.ts checks on
// the stand-in with the same cases.
import { profileDocId } from '../../shared/domain/changes/docs.js';
import { AREAS } from '../../shared/domain/facts/types.js';
import { STATE_DOC_ID } from '../../shared/pipeline/state-doc.js';
import { type Document, OPERATIONS_PK } from '../../shared/ports/documentStore.js';
import {
  API_KEYS_PK,
  CLAIM_DOC_TYPE,
  PARTNER_INSIGHTS_STATUS_PK,
  type PartnerDocumentQueries,
  type PartnerListFilter,
  type PartnerListOrder,
  type PartnerSummaryQueries,
  type Repositories,
} from '../../shared/ports/repositories.js';
import type { MemoryCollection, MemoryStore, StoredRow } from './memory-store.js';

/** Compares as the memory store always has for ORDER BY a string field: by String(value). */
function byField(field: string, descending: boolean): (a: Document, b: Document) => number {
  const sign = descending ? -1 : 1;
  return (a, b) => sign * (String(a[field]) < String(b[field]) ? -1 : String(a[field]) > String(b[field]) ? 1 : 0);
}

/** The write order of a row: its etag counter (strictly increasing, unlike whole seconds). */
const writeOrder = (r: StoredRow) => Number(r.etag.replace(/\D/g, ''));

function rows(c: MemoryCollection): StoredRow[] {
  return [...c.docs.values()];
}

function partition(c: MemoryCollection, pk: string): Document[] {
  return rows(c)
    .filter((r) => r.doc.pk === pk)
    .map((r) => structuredClone(r.doc));
}

async function* each<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- stored documents, read field by field
type Doc = Record<string, any>;

/** The value at `path` (undefined when a step is missing). */
function valueAt(doc: unknown, path: readonly string[]): unknown {
  let v: unknown = doc;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Doc)[key] : undefined;
  return v;
}

/** Cosmos DB's ORDER BY order of values of different types: null, booleans, numbers, strings. */
const TYPE_RANK: Record<string, number> = { null: 0, boolean: 1, number: 2, string: 3 };
function compareValues(a: unknown, b: unknown): number {
  const ta = a === null ? 'null' : typeof a;
  const tb = b === null ? 'null' : typeof b;
  if (ta !== tb) return (TYPE_RANK[ta] ?? 4) - (TYPE_RANK[tb] ?? 4);
  if (ta === 'object' || a === b) return 0;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

/** The filter of the portfolio list (shared/adapters/cosmos/repositories/partners.ts whereOf), applied to one state document. */
function matches(doc: Doc, filter: PartnerListFilter): boolean {
  if (doc.id !== 'state') return false;
  if (filter.onlyPartners !== undefined && !filter.onlyPartners.includes(doc.partnerId)) return false;
  if (filter.q !== undefined && filter.q !== '') {
    const name = doc.summary?.nameLower;
    const inName = typeof name === 'string' && name.includes(filter.q);
    const inId = typeof doc.partnerId === 'string' && doc.partnerId.toLowerCase().includes(filter.q);
    if (!inName && !inId) return false;
  }
  if (filter.status !== undefined) {
    const areas: readonly string[] = filter.area !== undefined ? [filter.area] : AREAS;
    const area = (a: string) => doc.summary?.areas?.[a];
    const hit = filter.status === 'atRisk' ? (a: string) => area(a)?.atRisk === true : (a: string) => area(a)?.status === filter.status;
    if (!areas.some(hit)) return false;
  }
  return true;
}

/**
 * The portfolio's reads by filtering and sorting the state documents: the stand-in's answers (ties in
 * partition order, documents without the sort field left out), with offset tokens naming their
 * filter and order (another filter's token is refused with a 400, as Cosmos DB refuses a foreign token).
 */
function memoryPartnerSummaries(partners: () => MemoryCollection): PartnerSummaryQueries {
  const states = (filter: PartnerListFilter) =>
    rows(partners())
      .map((r) => r.doc as Doc)
      .filter((d) => matches(d, filter))
      .sort((a, b) => compareValues(String(a.partnerId), String(b.partnerId)));
  const tokenKey = (filter: PartnerListFilter, order: PartnerListOrder) =>
    JSON.stringify([
      filter.status ?? null,
      filter.area ?? null,
      filter.q ?? null,
      filter.onlyPartners ?? null,
      order.path,
      order.descending,
    ]);
  return {
    async page(filter, order, limit, continuation) {
      let start = 0;
      if (continuation !== undefined) {
        const [key, offset] = JSON.parse(Buffer.from(continuation, 'base64url').toString('utf8')) as [string, number];
        if (key !== tokenKey(filter, order)) throw Object.assign(new Error('Invalid continuation token'), { code: 400 });
        start = offset;
      }
      const sign = order.descending ? -1 : 1;
      const sorted = states(filter)
        .filter((d) => valueAt(d, order.path) !== undefined)
        .sort((a, b) => sign * compareValues(valueAt(a, order.path), valueAt(b, order.path)));
      const found = sorted.slice(start, start + limit).map((d) =>
        structuredClone({
          partnerId: d.partnerId,
          ...(d.scoring?.asOf !== undefined ? { asOf: d.scoring.asOf } : {}),
          ...(d.scoring?.today !== undefined ? { today: d.scoring.today } : {}),
          ...(d.summary !== undefined ? { summary: d.summary } : {}),
        }),
      );
      const next =
        start + limit < sorted.length
          ? Buffer.from(JSON.stringify([tokenKey(filter, order), start + limit])).toString('base64url')
          : undefined;
      return { rows: found, continuation: next };
    },
    async profileNames(partnerIds) {
      const out = new Map<string, unknown>();
      for (const r of rows(partners()))
        if (r.doc.id === 'profile' && partnerIds.includes(r.doc.partnerId as string) && r.doc.name !== undefined)
          out.set(r.doc.partnerId as string, structuredClone(r.doc.name));
      return out;
    },
    statuses(filter) {
      return each(
        states({ q: filter.q, onlyPartners: filter.onlyPartners }).map((d) => ({
          partnerId: d.partnerId,
          areas: Object.fromEntries(
            AREAS.map((a) => [
              a,
              JSON.parse(JSON.stringify({ status: d.summary?.areas?.[a]?.status, atRisk: d.summary?.areas?.[a]?.atRisk })),
            ]),
          ),
        })),
      );
    },
  };
}

/** A partner's documents by docType or id, and the partners with a profile or state (as the Cosmos SQL finds them). */
function memoryPartnerDocuments(partners: () => MemoryCollection): PartnerDocumentQueries {
  return {
    async *pages(partnerId, { types, ids }, pageSize) {
      const found = rows(partners())
        .filter((r) => r.doc.partnerId === partnerId && (types.includes(String(r.doc.docType)) || ids.includes(r.doc.id)))
        .map((r) => ({ doc: structuredClone(r.doc), etag: r.etag }));
      yield* pagesOf(found, pageSize);
    },
    async *partnerIdPages(pageSize) {
      const ids = rows(partners())
        .filter((r) => r.doc.id === profileDocId() || r.doc.id === STATE_DOC_ID)
        .map((r) => r.doc.partnerId)
        .filter((id): id is string => typeof id === 'string' && id !== '');
      yield* pagesOf(ids, pageSize);
    },
  };
}

/** `items` in pages of at most `pageSize` (one empty page when there are none, as a query answers). */
function* pagesOf<T>(items: T[], pageSize: number): Iterable<T[]> {
  for (let i = 0; i === 0 || i < items.length; i += pageSize) yield items.slice(i, i + pageSize);
}

export function memoryRepositories(store: MemoryStore): Repositories {
  const ops = () => store.collection('operations');
  const claims = () =>
    rows(store.collection('partners'))
      .map((r) => structuredClone(r.doc))
      .filter((d) => d.docType === CLAIM_DOC_TYPE);
  return {
    partnerDocuments: memoryPartnerDocuments(() => store.collection('partners')),
    apiKeys: { list: async () => partition(ops(), API_KEYS_PK) },
    importReports: {
      latest: async (limit) =>
        partition(ops(), OPERATIONS_PK.importReports)
          .sort(byField('finishedAt', true))
          .slice(0, Math.max(1, Math.floor(limit))),
    },
    rejectedMessages: {
      newest: async (limit) => partition(ops(), OPERATIONS_PK.rejectedMessages).sort(byField('rejectedAt', true)).slice(0, limit),
      oldestFirst: () => each(partition(ops(), OPERATIONS_PK.rejectedMessages).sort(byField('rejectedAt', false))),
    },
    mails: {
      forPartner: async (partnerId, limit) =>
        rows(ops())
          .filter((r) => r.doc.pk === OPERATIONS_PK.notificationsSent && r.doc.partnerId === partnerId)
          .sort((a, b) => writeOrder(b) - writeOrder(a))
          .slice(0, limit)
          .map((r) => ({ record: structuredClone(r.doc), writtenAt: writeOrder(r) })),
    },
    claims: {
      ofPartner: (partnerId) => each(claims().filter((d) => d.partnerId === partnerId)),
      byKey: (key) => each(claims().filter((d) => Array.isArray(d.lookup) && (d.lookup as unknown[]).includes(key))),
      pagesInStatus: async function* (statuses, pageSize) {
        yield* pagesOf(
          claims().filter((d) => statuses.includes(d.status as string)),
          pageSize,
        );
      },
    },
    partnerInsightsStatus: { all: async () => partition(ops(), PARTNER_INSIGHTS_STATUS_PK) },
    expiredRecords: {
      page: async (pk, nowSeconds, limit) =>
        rows(ops())
          .filter((r) => r.doc.pk === pk && typeof r.doc.ttl === 'number' && r.doc.ttl > 0 && (r.ts ?? 0) + r.doc.ttl < nowSeconds)
          .slice(0, limit)
          .map((r) => ({ id: r.doc.id, pk })),
    },
    partnerSummaries: memoryPartnerSummaries(() => store.collection('partners')),
  };
}
