// Issue 11, convergence (small sizes): shuffled, duplicated change events applied by two interleaved
// processors end where an ordered run ends; a crash at every store call of the processor and the outbox
// dispatcher, then a redelivery, converges to the clean run with no lost or doubled notification.
import { describe, expect, it } from 'vitest';

import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { makeMessage } from '../../../shared/domain/changes/message.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { tappedPartnerDocuments } from '../../../shared/pipeline/counting-store.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { type DocumentCollection } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { interceptedStore } from '../../support/intercept.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';
import { liftMessage, RecordingBus, sampleChanges, sampleMessages, TestClock } from '../pipeline/fakes.js';

const PARTNERS = ['4100001', '4100002', '4100003'];

function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

async function finalState(store: MemoryStore, partnerId: string) {
  const s = (await new PartnerRepository(withRepos(store)).readState(partnerId))?.doc;
  return s && { factsVersion: s.factsVersion, score: s.score, outbox: s.outbox.map((e) => ({ id: e.id, dispatched: e.dispatched })) };
}

function cloneStore(from: MemoryStore): MemoryStore {
  const to = new MemoryStore();
  for (const [name, c] of from.collections) for (const [k, r] of c.docs) to.collection(name).docs.set(k, structuredClone(r));
  return to;
}

const METHODS = ['read', 'create', 'replace', 'upsert', 'delete', 'query'] as const;
/**
 * A store and its partner documents' queries that throw at their k-th call (counting every collection
 * method and every page of a query); calls() tells how many were made.
 */
function crashingAt(store: MemoryStore, k: number) {
  let n = 0;
  const call = () => {
    if (++n === k) throw new Error(`crash at store call ${k}`);
  };
  const s = interceptedStore(store, (inner) => {
    const o: Partial<DocumentCollection> = {};
    for (const m of METHODS) {
      (o as Record<string, unknown>)[m] = (...args: unknown[]) => {
        call();
        return (inner[m] as (...a: unknown[]) => unknown).apply(inner, args);
      };
    }
    return o;
  });
  return { store: s, repos: { partnerDocuments: tappedPartnerDocuments(store.repos.partnerDocuments, call) }, calls: () => n };
}

describe('convergence', () => {
  it('the sample events (up to 1,000 with 30 % duplicates, shuffled) over two interleaved processors end as an ordered run; no doubled notification id', async () => {
    const originals: ChangeEvent[] = [...(await sampleChanges(PARTNERS)), ...(await liftMessage()).changes];
    // Up to 700 distinct events (the samples hold fewer: all of them), and 30 % of the whole as duplicates.
    const base = originals.slice(0, 700);
    const random = rng(11);
    const dups = Math.round((base.length * 3) / 7);
    const events = [...base, ...Array.from({ length: dups }, () => base[Math.floor(random() * base.length)]!)];
    for (let i = events.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [events[i], events[j]] = [events[j]!, events[i]!];
    }
    expect(events).toHaveLength(base.length + dups);

    const ordered = withRepos(new MemoryStore(), { bus: new RecordingBus(), clock: new TestClock('2026-11-21') });
    for (const p of PARTNERS) {
      const mine = base.filter((e) => e.partnerId === p);
      if (mine.length) await applyPartnerChanges(ordered, makeMessage(p, mine));
    }

    const shared = new MemoryStore();
    const bus = new RecordingBus();
    const clock = new TestClock('2026-11-21');
    const messages = PARTNERS.flatMap((p) => {
      const mine = events.filter((e) => e.partnerId === p);
      return Array.from({ length: Math.ceil(mine.length / 10) }, (_, i) => makeMessage(p, mine.slice(i * 10, i * 10 + 10)));
    });
    for (let i = messages.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [messages[i], messages[j]] = [messages[j]!, messages[i]!];
    }
    // Two logical processors over the same store: their calls interleave at every await.
    for (let i = 0; i < messages.length; i += 2) {
      await Promise.all(messages.slice(i, i + 2).map((m) => applyPartnerChanges(withRepos(shared, { bus, clock }), m)));
    }
    for (const p of PARTNERS) {
      const a = await finalState(ordered.store, p);
      const b = await finalState(shared, p);
      expect(b?.factsVersion).toBe(a?.factsVersion);
      expect(b?.score).toEqual(a?.score);
      expect(new Set(b?.outbox.map((e) => e.id))).toEqual(new Set(a?.outbox.map((e) => e.id)));
    }
    const ids = bus.ids(QUEUES.notifications);
    expect(new Set(ids).size).toBe(ids.length);
  }, 120_000);

  it('a crash at every store call of processing and dispatch, then a redelivery, converges to the clean run', async () => {
    const seeded = new MemoryStore();
    const clock = new TestClock('2026-11-21');
    for (const m of await sampleMessages('4100003')) await applyPartnerChanges(withRepos(seeded, { bus: new RecordingBus(), clock }), m);
    const lift = await liftMessage();

    const cleanBus = new RecordingBus();
    const cleanStore = cloneStore(seeded);
    const counted = crashingAt(cleanStore, Infinity);
    await applyPartnerChanges({ store: counted.store, repos: counted.repos, bus: cleanBus, clock }, lift);
    const total = counted.calls();
    const clean = await finalState(cleanStore, '4100003');
    const cleanIds = new Set(cleanBus.ids(QUEUES.notifications));
    expect(total).toBeGreaterThan(3);
    expect(cleanIds.size).toBeGreaterThan(0);

    for (let k = 1; k <= total; k++) {
      const store = cloneStore(seeded);
      const bus = new RecordingBus();
      const crashing = crashingAt(store, k);
      await applyPartnerChanges({ store: crashing.store, repos: crashing.repos, bus, clock }, lift).catch((err: Error) =>
        expect(err.message).toBe(`crash at store call ${k}`),
      );
      await applyPartnerChanges(withRepos(store, { bus, clock }), lift); // the redelivery
      expect(await finalState(store, '4100003'), `crash at call ${k}`).toEqual(clean);
      // Not lost: every notification of the clean run went out; not doubled: a repeat has the same id (the broker drops it).
      expect(new Set(bus.ids(QUEUES.notifications)), `crash at call ${k}`).toEqual(cleanIds);
    }
  }, 120_000);
});
