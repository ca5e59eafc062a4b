// Issue 11, defect 11: operations records carry a `ttl`, and where Cosmos DB's TTL does not run (the
// local stand-in) the nightly timer sweeps the expired ones (shared/store/ttl.ts) — on the in-memory store.
import { describe, expect, it } from 'vitest';

import { nightlyRecomputeHandler } from '../../../shared/handlers/nightlyRecompute.js';
import { rejectMessage } from '../../../shared/handlers/rejections.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { OPERATIONS_TTL_SECONDS, sweepExpired } from '../../../shared/store/ttl.js';
import { MemoryStore } from '../../support/memory-store.js';
import { RecordingBus, TestClock } from '../pipeline/fakes.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const later = (days: number) => new Date(Date.now() + days * DAY_MS);

describe('operations records expire', () => {
  it('the lifetimes are data: deliveries 7 days, notification records 400 days (longer than any redelivery), rejected messages 30 days', () => {
    expect(OPERATIONS_TTL_SECONDS).toEqual({ webhookDeliveries: 7 * 86400, notificationsSent: 400 * 86400, rejectedMessages: 30 * 86400 });
  });

  it('a rejected message is written with its ttl', async () => {
    const store = new MemoryStore();
    const context = { functionName: 'applyPartnerChanges', triggerMetadata: { messageId: 'm-1', deliveryCount: 1 }, warn() {}, log() {} };
    await rejectMessage({ store, clock: new TestClock('2026-11-20') }, context as never, { x: 1 }, 'not valid');
    expect(store.collection('operations').ofPartition(OPERATIONS_PK.rejectedMessages)).toEqual([
      expect.objectContaining({ ttl: OPERATIONS_TTL_SECONDS.rejectedMessages }),
    ]);
  });

  it('sweepExpired deletes the expired records of each partition, page by page, and keeps the rest', async () => {
    const store = new MemoryStore();
    const ops = store.collection('operations');
    for (let i = 0; i < 7; i++)
      await ops.upsert({ id: `d-${i}`, pk: OPERATIONS_PK.webhookDeliveries, ttl: OPERATIONS_TTL_SECONDS.webhookDeliveries });
    await ops.upsert({ id: 'n-1', pk: OPERATIONS_PK.notificationsSent, ttl: OPERATIONS_TTL_SECONDS.notificationsSent });
    await ops.upsert({ id: 'r-1', pk: OPERATIONS_PK.rejectedMessages, ttl: OPERATIONS_TTL_SECONDS.rejectedMessages });
    await ops.upsert({ id: 'cursor', pk: OPERATIONS_PK.blobCursors }); // no ttl: lives for ever
    await ops.upsert({ id: 'off', pk: OPERATIONS_PK.blobCursors, ttl: -1 }); // -1: never expires

    expect(await sweepExpired(store, store.repos.expiredRecords, { now: later(6) })).toEqual({});
    expect(await sweepExpired(store, store.repos.expiredRecords, { now: later(8), pageSize: 2 })).toEqual({
      [OPERATIONS_PK.webhookDeliveries]: 7,
    });
    expect(ops.ofPartition(OPERATIONS_PK.webhookDeliveries)).toEqual([]);
    expect(await sweepExpired(store, store.repos.expiredRecords, { now: later(31) })).toEqual({ [OPERATIONS_PK.rejectedMessages]: 1 });
    expect(await sweepExpired(store, store.repos.expiredRecords, { now: later(401) })).toEqual({ [OPERATIONS_PK.notificationsSent]: 1 });
    expect(await sweepExpired(store, store.repos.expiredRecords, { now: later(10_000) })).toEqual({});
    expect([...ops.docs.values()].map((r) => r.doc.id).sort()).toEqual(['cursor', 'off']);
  });

  it('the nightly recompute timer sweeps', async () => {
    const store = new MemoryStore();
    const ops = store.collection('operations');
    await ops.upsert({ id: 'old', pk: OPERATIONS_PK.webhookDeliveries, ttl: 1 });
    await ops.upsert({ id: 'kept', pk: OPERATIONS_PK.webhookDeliveries, ttl: OPERATIONS_TTL_SECONDS.webhookDeliveries });
    const clock = new TestClock('2026-11-21');
    const lines: string[] = [];
    const context = { log: (...a: unknown[]) => lines.push(a.join(' ')), warn() {}, error() {}, info() {}, debug() {}, trace() {} };
    await nightlyRecomputeHandler({ store, repos: store.repos, bus: new RecordingBus(), clock, realClock: { now: () => later(1) } })(
      {} as never,
      context as never,
    );
    expect(ops.ofPartition(OPERATIONS_PK.webhookDeliveries).map((d) => d.id)).toEqual(['kept']);
    expect(lines.join('\n')).toContain('expired operations records deleted');
  });
});
