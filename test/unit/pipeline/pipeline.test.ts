// The use cases over in-memory ports: idempotence, order independence, conditional-write retries,
// outbox dispatch, the enrollment/track order, store costs, the nightly listing.
import { describe, expect, it } from 'vitest';

import type { PersonDoc } from '../../../shared/domain/changes/docs.js';
import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { makeMessage } from '../../../shared/domain/changes/message.js';
import { applyPartnerChanges, validatePartnerChangeMessage } from '../../../shared/pipeline/apply.js';
import { queueNightlyRecompute } from '../../../shared/pipeline/nightly.js';
import { PartnerRepository, type PartnerStore } from '../../../shared/pipeline/partner-repository.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
import { type Document } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { interceptedStore } from '../../support/intercept.js';
import { countedMemory, MemoryStore, withRepos } from '../../support/memory-store.js';
import { liftMessage, RecordingBus, sampleMessages, TestClock } from './fakes.js';

async function seeded(partners: string[], day = '2026-11-21') {
  const store = new MemoryStore();
  const bus = new RecordingBus();
  const clock = new TestClock(day);
  const deps = withRepos(store, { bus, clock });
  for (const p of partners) for (const m of await sampleMessages(p)) await applyPartnerChanges(deps, m);
  return deps;
}
const stateOf = async (partners: PartnerStore, p: string) => (await new PartnerRepository(partners).readState(p))!.doc;

describe('applyPartnerChanges', () => {
  it('rejects invalid bodies with the field and the reason', () => {
    expect(validatePartnerChangeMessage({})).toMatchObject({ ok: false, reason: expect.stringMatching(/^id: .*partnerId: .*changes: /) });
    expect(validatePartnerChangeMessage({ id: 'x', partnerId: 'a', changes: [] })).toMatchObject({
      ok: false,
      reason: 'changes: no changes and no snapshot marker',
    });
    const wrong = { id: 'x', partnerId: 'a', changes: [{ fact: 'profile', partnerId: 'b', observedAt: '2026-11-01' }] };
    expect(validatePartnerChangeMessage(wrong)).toMatchObject({
      ok: false,
      reason: 'changes.0.partnerId: "b" is not the message\'s partner "a"',
    });
  });

  it('lifts Northwind over 70 and is idempotent under redelivery', async () => {
    const deps = await seeded(['4100003']);
    const lift = await liftMessage();
    const first = await applyPartnerChanges(deps, lift);
    expect(first).toMatchObject({ outcome: 'applied', written: ['person:n-02'], recompute: { outcome: 'recomputed' } });
    const state = await stateOf(deps, '4100003');
    expect(state.designations.areas.businessApplications.status).toBe('qualified');

    const again = await applyPartnerChanges(deps, lift);
    expect(again).toMatchObject({
      outcome: 'applied',
      written: [],
      unchanged: ['person:n-02'],
      recompute: { outcome: 'unchanged', dispatched: [] },
    });
    expect(await stateOf(deps, '4100003')).toEqual(state);
    expect(deps.bus.ids(QUEUES.notifications)).toEqual(['4100003:businessApplications:qualified:2026-11-21']);
  });

  it('re-reads and redoes a document write that lost a race (409 on create, 412 on replace)', async () => {
    const deps = await seeded(['4100003']);
    const cert = (name: string, at: string): ChangeEvent =>
      ({
        fact: 'certification',
        partnerId: '4100003',
        personId: 'n-09',
        name,
        earned: '2026-11-01',
        expires: null,
        observedAt: at,
        deleted: false,
      }) as ChangeEvent;
    // Someone else creates person:n-09 between our read and our create, then replaces it between our re-read and replace.
    let interfered = 0;
    const racing = interceptedStore(deps.store, (inner) => ({
      create: async <T extends Document>(doc: T) => {
        if (doc.id === 'person:n-09' && interfered++ === 0) {
          await applyPartnerChanges(deps, makeMessage('4100003', [cert('Azure Fundamentals', '2026-11-21T01:00:00Z')]));
        }
        return inner.create(doc);
      },
      replace: async <T extends Document>(doc: T, etag: string) => {
        if (doc.id === 'person:n-09' && interfered++ === 1) {
          await applyPartnerChanges(deps, makeMessage('4100003', [cert('Azure Data Fundamentals', '2026-11-21T02:00:00Z')]));
        }
        return inner.replace(doc, etag);
      },
    }));
    await applyPartnerChanges(
      { ...deps, store: racing },
      makeMessage('4100003', [cert('Power Platform Fundamentals', '2026-11-21T03:00:00Z')]),
    );
    const person = await new PartnerRepository(deps).readDoc<PersonDoc>('4100003', 'person:n-09');
    expect(
      Object.values(person!.doc.certifications)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Azure Data Fundamentals', 'Azure Fundamentals', 'Power Platform Fundamentals']);
  });

  it('ends in the same state whatever the order of messages and changes', async () => {
    const a = await seeded(['4100003']);
    await applyPartnerChanges(a, await liftMessage());
    const b = withRepos(new MemoryStore(), { bus: new RecordingBus(), clock: new TestClock('2026-11-21') });
    const all = [...(await sampleMessages('4100003')).flatMap((m) => m.changes), ...(await liftMessage()).changes];
    const reversed = [...all].reverse();
    for (let i = 0; i < reversed.length; i += 13) await applyPartnerChanges(b, makeMessage('4100003', reversed.slice(i, i + 13)));
    const sa = await stateOf(a, '4100003');
    const sb = await stateOf(b, '4100003');
    expect(sb.factsVersion).toBe(sa.factsVersion);
    expect(sb.score).toEqual(sa.score);
    expect(sb.designations.areas.businessApplications.status).toBe('qualified');
  });
});

describe('recomputePartner', () => {
  it('writes nothing when nothing changed, and costs the same with more partners', async () => {
    const deps = await seeded(['4100003']);
    const counted = countedMemory(deps.store);
    deps.clock.nextDay();
    await recomputePartner({ ...deps, ...counted }, '4100003');
    const alone = counted.store.reset();
    for (const m of await sampleMessages('4100001')) await applyPartnerChanges(deps, m);
    deps.clock.nextDay();
    await recomputePartner({ ...deps, ...counted }, '4100003');
    expect(counted.store.reset()).toEqual(alone);
    // The state only: the explanations hold as yesterday's (same content), so their document is not rewritten.
    expect(alone).toMatchObject({ reads: 0, queries: 1, writes: 1 });

    const again = await recomputePartner({ ...deps, ...counted }, '4100003');
    expect(again.outcome).toBe('unchanged');
    expect(counted.store.counts).toMatchObject({ writes: 0, queries: 1 });
  });

  it('redoes the whole recompute when the state document changed meanwhile (412)', async () => {
    const deps = await seeded(['4100003']);
    deps.clock.nextDay();
    let raced = false;
    const racing = interceptedStore(deps.store, (inner) => ({
      replace: async <T extends Document>(doc: T, etag: string) => {
        if (doc.id === 'state' && !raced) {
          raced = true;
          await recomputePartner(deps, '4100003'); // a concurrent recompute wins
        }
        return inner.replace(doc, etag);
      },
    }));
    const r = await recomputePartner({ ...deps, store: racing }, '4100003');
    expect(r.attempts).toBe(2);
    expect(r.outcome).toBe('unchanged'); // the redo found the winner's state, which is the same
  });

  it('re-sends the same notification ids when marking them dispatched failed (crash between send and mark)', async () => {
    const deps = await seeded(['4100003']);
    let failMark = true;
    const crashing = interceptedStore(deps.store, (inner) => ({
      replace: async <T extends Document>(doc: T, etag: string) => {
        const outbox = (doc as { outbox?: { dispatched: boolean }[] }).outbox;
        if (doc.id === 'state' && failMark && outbox?.some((e) => e.dispatched) && deps.bus.sent.length > 0) {
          failMark = false;
          throw new Error('process died');
        }
        return inner.replace(doc, etag);
      },
    }));
    await expect(applyPartnerChanges({ ...deps, store: crashing }, await liftMessage())).rejects.toThrow('process died');
    const pending = await stateOf(deps, '4100003');
    expect(pending.outbox.map((e) => e.dispatched)).toEqual([false]);
    await applyPartnerChanges(deps, await liftMessage()); // the redelivery
    const id = '4100003:businessApplications:qualified:2026-11-21';
    expect(deps.bus.ids(QUEUES.notifications)).toEqual([id, id]); // same id: the broker drops the repeat
    expect((await stateOf(deps, '4100003')).outbox).toEqual([expect.objectContaining({ id, dispatched: true })]);
  });

  it('scores with a track an enrollment fact names on the day it arrives', async () => {
    const deps = await seeded(['4100001']); // classified enterprise
    expect((await stateOf(deps, '4100001')).score.areas.infrastructure.track).toBe('enterprise');
    deps.clock.nextDay();
    const fact = {
      fact: 'profile',
      partnerId: '4100001',
      observedAt: '2026-11-22T05:00:00Z',
      enrollment: { anniversary: '2027-06-01', areas: ['infrastructure'], azureTrack: 'smb' },
    };
    await applyPartnerChanges(deps, makeMessage('4100001', [fact as unknown as ChangeEvent]));
    const s = await stateOf(deps, '4100001');
    expect(s.score.areas.infrastructure.track).toBe('smb');
    expect(s.score.areas.dataAi.track).toBe('smb');
    expect(s.scoring).toMatchObject({
      classifiedAzureTrack: 'enterprise',
      enrollment: { areas: ['infrastructure'], azureTrack: 'smb', anniversary: '2027-06-01' },
    });
    expect(s.designations.enrollment).toMatchObject({ azureTrack: 'smb', azureTrackSource: 'enrollment-fact' });
    expect(s.designations.areas.infrastructure.status).toBe('enrolled');
  });

  it('does nothing for a partner with no facts', async () => {
    const deps = withRepos(new MemoryStore(), { bus: new RecordingBus(), clock: new TestClock('2026-11-21') });
    expect(await recomputePartner(deps, 'ghost')).toMatchObject({ outcome: 'no-partner' });
    expect(await new PartnerRepository(deps).readState('ghost')).toBeUndefined();
  });
});

describe('queueNightlyRecompute', () => {
  it('pages through partners and sends one message each, with deterministic ids', async () => {
    const deps = await seeded(['4100001', '4100003']);
    await applyPartnerChanges(
      deps,
      makeMessage('usage-only', [
        {
          fact: 'customer',
          partnerId: 'usage-only',
          tenantId: 't',
          segment: 'smb',
          observedAt: '2026-11-20T00:00:00.000Z',
          deleted: false,
        } as ChangeEvent,
      ]),
    );
    deps.clock.set('2026-12-01');
    const r = await queueNightlyRecompute(deps, { pageSize: 1 });
    expect(r).toMatchObject({ day: '2026-12-01', queued: 3 });
    expect(r.pages).toBeGreaterThanOrEqual(5); // profile and state documents, one per page
    expect(deps.bus.sent.filter((m) => m.queue === QUEUES.partnerRecompute).map((m) => [m.messageId, m.body])).toEqual([
      ['recompute:4100001:2026-12-01', { partnerId: '4100001', reason: 'nightly', day: '2026-12-01' }],
      ['recompute:4100003:2026-12-01', { partnerId: '4100003', reason: 'nightly', day: '2026-12-01' }],
      ['recompute:usage-only:2026-12-01', { partnerId: 'usage-only', reason: 'nightly', day: '2026-12-01' }],
    ]);
  });
});
