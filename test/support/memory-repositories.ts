// The repositories (shared/ports/repositories.ts) over a MemoryStore's documents, by plain array
// filtering and sorting — no SQL. They answer what the Cosmos adapter's queries answer
// (shared/adapters/cosmos/repositories/), which test/integration/adapters/repositories.test.ts checks on
// the stand-in with the same cases.
import {
  API_KEYS_PK,
  CLAIM_DOC_TYPE,
  type Document,
  OPERATIONS_PK,
  PARTNER_INSIGHTS_STATUS_PK,
  type Repositories,
} from '../../shared/ports/index.js';
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

export function memoryRepositories(store: MemoryStore): Repositories {
  const ops = () => store.collection('operations');
  const claims = () =>
    rows(store.collection('partners'))
      .map((r) => structuredClone(r.doc))
      .filter((d) => d.docType === CLAIM_DOC_TYPE);
  return {
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
        const found = claims().filter((d) => statuses.includes(d.status as string));
        for (let i = 0; i === 0 || i < found.length; i += pageSize) yield found.slice(i, i + pageSize);
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
  };
}
