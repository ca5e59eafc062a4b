// The hot state and its facts aggregate (issue 15): the change path reads the profile, the state and the
// touched documents only, scores exactly as a full recompute would, writes the customer and the state
// only; cold documents are written when they change; the nightly full recompute repairs a wrong
// aggregate; a version-1 state document still loads.
import { describe, expect, it } from 'vitest';

import { customerEvents, seedPartner } from '../../../bench/seed.js';
import { readPartnerHistory } from '../../../shared/api/history.js';
import { readPartnerExplanations } from '../../../shared/api/partners.js';
import { buildFacts } from '../../../shared/domain/changes/facts.js';
import { makeMessage } from '../../../shared/domain/changes/message.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { buildAggregate, factsFromAggregate } from '../../../shared/pipeline/facts-aggregate.js';
import { decodeState } from '../../../shared/pipeline/hot-state.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { type RecomputeOptions, recomputePartner } from '../../../shared/pipeline/recompute.js';
import type { PartnerStateDoc } from '../../../shared/pipeline/state-doc.js';
import type { Document } from '../../../shared/ports/documentStore.js';
import { countedMemory, memoryKey, MemoryStore, withRepos } from '../../support/memory-store.js';
import { liftMessage, RecordingBus, sampleMessages, TestClock } from './fakes.js';
import { sampleDocs } from './sample-docs.js';

const PARTNERS = ['4100001', '4100002', '4100003', '4100004', '4100005', '4100006'];

async function seededSample(partnerId: string, day = '2026-11-21') {
  const deps = withRepos(new MemoryStore(), { bus: new RecordingBus(), clock: new TestClock(day) });
  for (const m of await sampleMessages(partnerId)) await applyPartnerChanges(deps, m);
  return deps;
}

/** The same store's documents in a fresh store (a copy to recompute in full). */
function copyOf(store: MemoryStore): MemoryStore {
  const copy = new MemoryStore();
  for (const [name, c] of store.collections) for (const [k, r] of c.docs) copy.collection(name).docs.set(k, structuredClone(r));
  return copy;
}

const stateOf = async (store: MemoryStore, p: string) => (await new PartnerRepository(withRepos(store)).readState(p))!.doc;

describe('facts aggregate', () => {
  it('gives exactly buildFacts for every sample partner', async () => {
    for (const p of PARTNERS) {
      const { profile, customers, people } = await sampleDocs(p);
      const aggregate = buildAggregate(profile, customers, people);
      expect(factsFromAggregate(aggregate, profile, '2026-11-20', p)).toEqual(buildFacts(profile, customers, people, '2026-11-20', p));
    }
  }, 30_000);

  it('the change path scores as a full recompute does, reading and writing 3 documents in 3 operations', async () => {
    const deps = await seededSample('4100003');
    const counted = countedMemory(deps.store);
    const tenantId = (await new PartnerRepository(deps).load('4100003')).customers[0]!.doc.tenantId;
    const usage = { ...customerEvents('4100003', 0, '2026-11-21T05:00:00Z', 4321)[2]!, tenantId };
    const outcome = await applyPartnerChanges({ ...deps, ...counted }, makeMessage('4100003', [usage], { file: 't' }));
    expect(outcome).toMatchObject({ outcome: 'applied', written: [expect.stringMatching(/^customer:/)] });
    expect(counted.store.counts).toEqual({ reads: 0, writes: 2, queries: 1, documentsRead: 3 });

    const viaChange = await stateOf(deps.store, '4100003');
    const full = copyOf(deps.store);
    await full.collection('partners').delete('state', '4100003');
    await recomputePartner({ ...deps, ...withRepos(full) }, '4100003');
    const viaFull = await stateOf(full, '4100003');
    expect(viaChange.factsVersion).toBe(viaFull.factsVersion);
    expect(viaChange.score).toEqual(viaFull.score);
    expect(viaChange.aggregate?.hash).toBe(viaFull.aggregate?.hash);
    // The explanations were not written by the change; the read API computes the current ones.
    const read = await readPartnerExplanations(deps, '4100003');
    const stored = await readPartnerExplanations(withRepos(full), '4100003');
    expect(read).toEqual(stored);
  }, 30_000);

  it('keeps no aggregate over its size bound: the change then reads every document and scores the same', async () => {
    const deps = { ...(await seededSample('4100003')), maxAggregateChars: 64 };
    await recomputePartner(deps, '4100003');
    expect((await stateOf(deps.store, '4100003')).aggregate).toBeUndefined();
    const all = await new PartnerRepository(deps).load('4100003');
    const counted = countedMemory(deps.store);
    const usage = { ...customerEvents('4100003', 0, '2026-11-21T05:00:00Z', 4321)[2]!, tenantId: all.customers[0]!.doc.tenantId };
    await applyPartnerChanges({ ...deps, ...counted }, makeMessage('4100003', [usage], { file: 't' }));
    expect(counted.store.counts.documentsRead).toBeGreaterThan(all.customers.length + all.people.length);

    const viaChange = await stateOf(deps.store, '4100003');
    expect(viaChange.aggregate).toBeUndefined();
    const full = copyOf(deps.store);
    await full.collection('partners').delete('state', '4100003');
    await recomputePartner({ ...deps, ...withRepos(full) }, '4100003');
    expect(viaChange.score).toEqual((await stateOf(full, '4100003')).score);
  }, 30_000);

  it('reads the same number of documents for a change to a partner with 20 or 400 customers', async () => {
    const cost = async (customers: number) => {
      const store = new MemoryStore();
      await seedPartner(store, 'big', customers);
      const deps = withRepos(store, { bus: new RecordingBus(), clock: new TestClock('2026-11-21') });
      await recomputePartner(deps, 'big');
      const counted = countedMemory(store);
      await applyPartnerChanges(
        { ...deps, ...counted },
        makeMessage('big', customerEvents('big', 0, '2026-11-21T05:00:00Z', 4321).slice(2, 3)),
      );
      return counted.store.counts;
    };
    const small = await cost(20);
    expect(await cost(400)).toEqual(small);
    expect(small).toEqual({ reads: 0, writes: 2, queries: 1, documentsRead: 3 });
  }, 30_000);

  it('concurrent changes to two customers of one partner both end in the aggregate (the state write that loses re-reads)', async () => {
    const store = new MemoryStore();
    await seedPartner(store, 'pair', 20);
    const deps = withRepos(store, { bus: new RecordingBus(), clock: new TestClock('2026-11-21') });
    await recomputePartner(deps, 'pair');
    deps.clock.nextDay();
    const usage = (c: number, acr: number) => makeMessage('pair', customerEvents('pair', c, '2026-11-22T05:00:00Z', acr).slice(2, 3));
    const results = await Promise.all([applyPartnerChanges(deps, usage(3, 5000)), applyPartnerChanges(deps, usage(7, 6000))]);
    expect(results.map((r) => r.outcome === 'applied' && r.recompute?.attempts).sort()).toEqual([1, 2]);
    const viaChanges = await stateOf(store, 'pair');
    const full = copyOf(store);
    await full.collection('partners').delete('state', 'pair');
    await recomputePartner({ ...deps, ...withRepos(full) }, 'pair');
    expect(viaChanges.aggregate?.hash).toBe((await stateOf(full, 'pair')).aggregate?.hash);
    expect(viaChanges.score).toEqual((await stateOf(full, 'pair')).score);
  }, 30_000);

  it('the nightly full recompute finds a wrong aggregate, says so and repairs it', async () => {
    const deps = await seededSample('4100002');
    const partners = deps.store.collection('partners');
    const good = (await partners.read<Document>('state', '4100002'))!;
    // A customer document changed behind the aggregate's back (a write whose recompute never ran).
    const customer = (await new PartnerRepository(deps).load('4100002')).customers[0]!;
    await partners.replace({ ...customer.doc, usage: {}, associations: {} } as unknown as Document, customer.etag);
    const warnings: string[] = [];
    const spy = { log: () => {}, error: () => {}, warn: (m: string) => void warnings.push(m) };
    const logger = spy as NonNullable<RecomputeOptions['logger']>;
    deps.clock.nextDay();
    await recomputePartner(deps, '4100002', { guidance: true, logger });
    expect(warnings).toEqual([expect.stringMatching(/facts aggregate .* disagreed with the documents.*rebuilt/)]);
    const repaired = await stateOf(deps.store, '4100002');
    expect(repaired.aggregate?.hash).not.toBe((good.doc as PartnerStateDoc).aggregate?.hash);
    warnings.length = 0;
    deps.clock.nextDay();
    await recomputePartner(deps, '4100002', { guidance: true, logger });
    expect(warnings).toEqual([]);
  }, 30_000);
});

describe('hot and cold documents', () => {
  it('writes the explanations and the guidance only when they changed', async () => {
    const deps = await seededSample('4100005');
    const counted = countedMemory(deps.store);
    deps.clock.nextDay();
    await recomputePartner({ ...deps, ...counted }, '4100005', { guidance: true });
    const first = counted.store.reset();
    // Same day again: nothing changed, nothing written.
    await recomputePartner({ ...deps, ...counted }, '4100005', { guidance: true });
    expect(counted.store.reset()).toMatchObject({ writes: 0 });
    expect(first.writes).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('the explanations document is rewritten when its content changes, not when only the as-of day moved; readers get it either way', async () => {
    const deps = await seededSample('4100003');
    const explanationsWrites = async (run: () => Promise<unknown>) => {
      const before = deps.store.collection('partners').docs.get(memoryKey('explanations', '4100003'))?.etag;
      await run();
      return deps.store.collection('partners').docs.get(memoryKey('explanations', '4100003'))?.etag !== before;
    };
    deps.clock.nextDay();
    await recomputePartner(deps, '4100003');
    // The next night: a new as-of day and facts version, the same explanations — not rewritten, still served.
    deps.clock.nextDay();
    expect(await explanationsWrites(() => recomputePartner(deps, '4100003'))).toBe(false);
    const state = await stateOf(deps.store, '4100003');
    const served = await readPartnerExplanations(deps, '4100003');
    expect(served).toMatchObject({ asOf: state.scoring.asOf, factsVersion: state.factsVersion });
    const fresh = copyOf(deps.store);
    await fresh.collection('partners').delete('explanations', '4100003');
    expect((await readPartnerExplanations(withRepos(fresh), '4100003'))?.explanations).toEqual(served?.explanations);
    // Northwind's lifting certification changes what counts: rewritten on the next full recompute.
    await applyPartnerChanges(deps, await liftMessage());
    deps.clock.nextDay();
    expect(await explanationsWrites(() => recomputePartner(deps, '4100003'))).toBe(true);
  }, 30_000);

  it('loads a version-1 state document, then stores it as version 2 with its old months in history documents', async () => {
    const deps = await seededSample('4100004', '2026-03-10');
    for (let d = 0; d < 300; d += 10) {
      deps.clock.advance(10 * 86_400_000);
      await recomputePartner(deps, '4100004');
    }
    const repo = new PartnerRepository(deps);
    const before = await readPartnerHistory(deps, '4100004');
    const hot = await stateOf(deps.store, '4100004');
    expect(Object.keys(hot.cold?.historyMonths ?? {}).length).toBeGreaterThan(0);
    expect(before!.areas[0]!.days.length).toBeGreaterThan(100);

    // The same history as an older version stored it: everything plain, all days in the designations.
    const full = (await repo.readStateWithHistory('4100004'))!;
    const partners = deps.store.collection('partners');
    for (const r of [...partners.docs.values()])
      if (String(r.doc.id).startsWith('history:')) await partners.delete(String(r.doc.id), '4100004');
    const { cold: _c, aggregate: _a, ...v1 } = full;
    await partners.upsert({ ...v1, schemaVersion: 1 } as unknown as Document);
    expect(decodeState((await partners.read<PartnerStateDoc>('state', '4100004'))!.doc).designations).toEqual(full.designations);
    expect(await readPartnerHistory(deps, '4100004')).toEqual(before);

    deps.clock.nextDay();
    await recomputePartner({ ...deps, ...countedMemory(deps.store) }, '4100004');
    const migrated = (await partners.read<PartnerStateDoc>('state', '4100004'))!.doc;
    expect(migrated.schemaVersion).toBe(2);
    expect(Object.keys(migrated.cold?.historyMonths ?? {})).toEqual(Object.keys(hot.cold?.historyMonths ?? {}));
    const after = await readPartnerHistory(deps, '4100004');
    expect(after!.areas[0]!.days.filter((d) => d.day <= before!.statusDay)).toEqual(before!.areas[0]!.days);
  }, 30_000);
});
