// Store cost of the change processor: applyPartnerChanges over a counting store (in-memory store) for
// a change touching one customer of a seeded partner; a small vs a big partner, few vs many partners.
import { makeMessage } from '../shared/domain/changes/message.js';
import { applyPartnerChanges } from '../shared/pipeline/apply.js';
import { countedPartnerDocuments, countingStore, type StoreCounts } from '../shared/pipeline/counting-store.js';
import { recomputePartner } from '../shared/pipeline/recompute.js';
import type { Clock } from '../shared/ports/clock.js';
import type { MessageBus } from '../shared/ports/messageBus.js';
import { MemoryStore } from '../test/support/memory-store.js';
import { customerEvents, seedPartner, type UsageHistory } from './seed.js';

export interface ChangeCost extends StoreCounts {
  operations: number;
  bytesWritten: number;
  /** Wall time of the measured applyPartnerChanges (in-memory store), ms. */
  ms: number;
  /** Size of the hot state document after the change (its facts aggregate grows with the customers). */
  stateBytes: number;
}

const nullBus: MessageBus = { send: async () => {} };
export const benchClock: Clock = { now: () => new Date('2026-11-21T06:00:00Z') };

/**
 * Seeds `partners` partners (the measured one with `customers` customers, the others with one each),
 * recomputes the measured one (so the state exists), then measures one change to one of its customers.
 */
export async function changeCost(customers: number, partners = 1, history?: UsageHistory): Promise<ChangeCost> {
  const store = new MemoryStore();
  const partnerId = 'p-0';
  await seedPartner(store, partnerId, customers, history);
  for (let p = 1; p < partners; p++) await seedPartner(store, `p-${p}`, 1);
  const deps = { store, repos: store.repos, bus: nullBus, clock: benchClock };
  await recomputePartner(deps, partnerId);
  // The change comes the next day (a steady-state change: the first day's backfill is not redone).
  const counted = countingStore(store);
  const nextDay = { ...deps, clock: { now: () => new Date(benchClock.now().getTime() + 86_400_000) } };
  const change = customerEvents(partnerId, 0, '2026-11-22T05:00:00Z', 4321, history).slice(2, 3); // one usage row of customer 0
  const started = performance.now();
  const outcome = await applyPartnerChanges(
    { ...nextDay, store: counted, repos: { partnerDocuments: countedPartnerDocuments(store.repos.partnerDocuments, counted) } },
    makeMessage(partnerId, change, { file: 'bench' }),
  );
  const ms = performance.now() - started;
  if (outcome.outcome !== 'applied' || outcome.written.length !== 1)
    throw new Error(`bench change not applied: ${JSON.stringify(outcome).slice(0, 300)}`);
  const bytesWritten = counted.bytesWritten;
  const counts = counted.reset();
  const state = await store.collection('partners').read('state', partnerId);
  const stateBytes = state ? Buffer.byteLength(JSON.stringify(state.doc), 'utf8') : 0;
  return { ...counts, operations: counts.reads + counts.writes + counts.queries, bytesWritten, ms, stateBytes };
}
