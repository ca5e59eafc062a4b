// Store cost of the change processor: applyPartnerChanges over a counting store (in-memory store) for
// a change touching one customer of a seeded partner; a small vs a big partner, few vs many partners.
import { makeMessage } from '../shared/domain/changes/index.js';
import { applyPartnerChanges, countingStore, recomputePartner, type StoreCounts } from '../shared/pipeline/index.js';
import type { Clock, MessageBus } from '../shared/ports/index.js';
import { MemoryStore } from '../test/support/memory-store.js';
import { customerEvents, seedPartner } from './seed.js';

export interface ChangeCost extends StoreCounts {
  operations: number;
  bytesWritten: number;
}

const nullBus: MessageBus = { send: async () => {} };
export const benchClock: Clock = { now: () => new Date('2026-11-21T06:00:00Z') };

/**
 * Seeds `partners` partners (the measured one with `customers` customers, the others with one each),
 * recomputes the measured one (so the state exists), then measures one change to one of its customers.
 */
export async function changeCost(customers: number, partners = 1): Promise<ChangeCost> {
  const store = new MemoryStore();
  const partnerId = 'p-0';
  await seedPartner(store, partnerId, customers);
  for (let p = 1; p < partners; p++) await seedPartner(store, `p-${p}`, 1);
  const deps = { store, bus: nullBus, clock: benchClock };
  await recomputePartner(deps, partnerId);
  const counted = countingStore(store);
  const change = customerEvents(partnerId, 0, '2026-11-21T05:00:00Z', 4321).slice(2, 3); // one usage row of customer 0
  const outcome = await applyPartnerChanges({ ...deps, store: counted }, makeMessage(partnerId, change, { file: 'bench' }));
  if (outcome.outcome !== 'applied' || outcome.written.length !== 1)
    throw new Error(`bench change not applied: ${JSON.stringify(outcome).slice(0, 300)}`);
  const bytesWritten = counted.bytesWritten;
  const counts = counted.reset();
  return { ...counts, operations: counts.reads + counts.writes + counts.queries, bytesWritten };
}
