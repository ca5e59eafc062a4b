// The nightly re-score of one partner, measured for docs/performance.md's 400,000-partner estimate:
// `partners` partners of `customers` customers each (with `history` of usage) are seeded and recomputed once (their state exists),
// then re-scored by the nightly on the next day (what the partner-recompute message runs: reason nightly,
// with the guidance — forecasts, plans, at-risk — as shared/handlers/recomputePartner.ts does), over a
// store that counts operations and the bytes of the documents read and written. Time is the mean wall
// time per partner of that second recompute, one partner at a time, in this process (in-memory store:
// no network), so it is the CPU a Function instance spends per partner, not its latency.
import { performance } from 'node:perf_hooks';

import { countedPartnerDocuments, countingStore, tappedPartnerDocuments } from '../shared/pipeline/counting-store.js';
import { recomputePartner } from '../shared/pipeline/recompute.js';
import type { Clock } from '../shared/ports/clock.js';
import type { Document, DocumentCollection, DocumentStore } from '../shared/ports/documentStore.js';
import type { MessageBus } from '../shared/ports/messageBus.js';
import type { PartnerDocumentQueries } from '../shared/ports/repositories.js';
import { MemoryStore } from '../test/support/memory-store.js';
import { seedPartner, type UsageHistory } from './seed.js';
import { benchClock } from './store-ops.js';

export interface NightlyCost {
  partners: number;
  customers: number;
  /** Per partner: point reads, query pages, writes; documents read. */
  reads: number;
  queries: number;
  writes: number;
  documentsRead: number;
  /** Per partner: KB of JSON read (point reads and query rows) and written. */
  kbRead: number;
  kbWritten: number;
  /** Per partner: mean recompute wall time, and this process's CPU time, ms. */
  msPerPartner: number;
  cpuMsPerPartner: number;
  /** Per partner, at ~1 RU per KB read (a query page at least 2.5 RU) and ~5 RU per KB written (each operation at least 1 RU). */
  estimatedRu: number;
}

const jsonKb = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8') / 1024;

/** Counts the KB of what reads and queries return (point reads and query rows), around any store. */
function readBytes(store: DocumentStore): DocumentStore & { kbRead: number; reads: number[]; pages: number[] } {
  const out = {
    kbRead: 0,
    reads: [] as number[],
    pages: [] as number[],
    collection(name: Parameters<DocumentStore['collection']>[0]): DocumentCollection {
      const inner = store.collection(name);
      const self: DocumentCollection = {
        ...inner,
        name: inner.name,
        async read<T extends Document>(id: string, pk: string) {
          const r = await inner.read<T>(id, pk);
          const kb = r ? jsonKb(r.doc) : 0;
          out.kbRead += kb;
          out.reads.push(kb);
          return r;
        },
        async query<T>(spec: Parameters<DocumentCollection['query']>[0], options?: Parameters<DocumentCollection['query']>[1]) {
          const page = await inner.query<T>(spec, options);
          const kb = jsonKb(page.items);
          out.kbRead += kb;
          out.pages.push(kb);
          return page;
        },
        create: (d) => inner.create(d),
        replace: (d, e) => inner.replace(d, e),
        upsert: (d) => inner.upsert(d),
        delete: (id, pk, e) => inner.delete(id, pk, e),
        queryAll: inner.queryAll.bind(inner),
      };
      // queryAll pages through this collection's query (counted), as the counting store does.
      self.queryAll = <T>(spec: Parameters<DocumentCollection['query']>[0], options?: Parameters<DocumentCollection['queryAll']>[1]) =>
        (async function* () {
          let continuationToken: string | undefined;
          do {
            const page = await self.query<T>(spec, { ...options, ...(continuationToken ? { continuationToken } : {}) });
            yield* page.items;
            continuationToken = page.continuationToken;
          } while (continuationToken);
        })();
      return self;
    },
  };
  return out;
}

/** The partner documents' pages of `queries`, their KB added to `bytes` as query pages. */
function pageBytes(queries: PartnerDocumentQueries, bytes: { kbRead: number; pages: number[] }): PartnerDocumentQueries {
  return tappedPartnerDocuments(queries, (page) => {
    const kb = jsonKb((page as Array<{ doc: unknown }>).map((r) => r.doc));
    bytes.kbRead += kb;
    bytes.pages.push(kb);
  });
}

/**
 * `firstDay`: the night before the one measured (default the bench's 21 November, so the measured night's
 * as-of day moves, as it does from the month's data-complete day on; a night from the 1st to the 19th
 * scores as of the same day as the night before).
 */
export async function nightlyCost(
  partners = 50,
  customers = 20,
  history?: UsageHistory,
  firstDay: Clock = benchClock,
): Promise<NightlyCost> {
  const store = new MemoryStore();
  const bus: MessageBus = { send: async () => {} };
  const ids = Array.from({ length: partners }, (_, i) => `n-${i}`);
  for (const id of ids) {
    await seedPartner(store, id, customers, history);
    await recomputePartner({ store, repos: store.repos, bus, clock: firstDay }, id, { reason: 'nightly', guidance: true });
  }
  const nextDay: Clock = { now: () => new Date(firstDay.now().getTime() + 86_400_000) };
  const bytes = readBytes(store);
  const counted = countingStore(bytes);
  const repos = { partnerDocuments: countedPartnerDocuments(pageBytes(store.repos.partnerDocuments, bytes), counted) };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const id of ids) await recomputePartner({ store: counted, repos, bus, clock: nextDay }, id, { reason: 'nightly', guidance: true });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const kbWritten = counted.bytesWritten / 1024;
  const c = counted.reset();
  const readRu = bytes.reads.reduce((a, kb) => a + Math.max(1, kb), 0) + bytes.pages.reduce((a, kb) => a + Math.max(2.5, kb), 0);
  const writeRu = Math.max(c.writes, kbWritten * 5);
  return {
    partners,
    customers,
    reads: c.reads / partners,
    queries: c.queries / partners,
    writes: c.writes / partners,
    documentsRead: c.documentsRead / partners,
    kbRead: bytes.kbRead / partners,
    kbWritten: kbWritten / partners,
    msPerPartner: ms / partners,
    cpuMsPerPartner: (cpu.user + cpu.system) / 1000 / partners,
    estimatedRu: (readRu + writeRu) / partners,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await nightlyCost()));
