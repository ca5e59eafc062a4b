// Against the stand-ins: a recompute's store operations do not grow with the number of partners; the
// nightly timer queues one message per partner (paged listing, deterministic ids); the recompute
// processor re-scores from the queue; invalid messages are recorded and completed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { makeMessage } from '../../../shared/domain/changes/message.js';
import { nightlyRecomputeHandler } from '../../../shared/handlers/nightlyRecompute.js';
import { processPartnerChangeHandler } from '../../../shared/handlers/processPartnerChange.js';
import { recomputePartnerHandler } from '../../../shared/handlers/recomputePartner.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { countingStore } from '../../../shared/pipeline/counting-store.js';
import { queueNightlyRecompute } from '../../../shared/pipeline/nightly.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { fakeContext, RecordingBus, TestClock } from '../../unit/pipeline/fakes.js';
import { withCosmosRepos } from '../helpers.js';
import { runProcessor } from './processor.js';
import { type PipelineStack, startPipelineStack } from './stack.js';

let stack: PipelineStack;
const clock = new TestClock('2026-11-21');

beforeAll(async () => {
  stack = await startPipelineStack();
});
afterAll(() => stack?.close());

/** A small partner: a profile and one customer with three months of Azure usage. */
function smallPartner(partnerId: string): ChangeEvent[] {
  const at = '2026-11-20T06:00:00.000Z';
  const tenantId = `t-${partnerId}`;
  return [
    { fact: 'profile', partnerId, observedAt: at, deleted: false, name: `Partner ${partnerId}`, contacts: [`ops@${partnerId}.example`] },
    {
      fact: 'association',
      partnerId,
      observedAt: at,
      deleted: false,
      tenantId,
      type: 'CSP_T1',
      workload: null,
      from: '2025-01-01',
      to: null,
      cporActivity: null,
    },
    ...['2026-08', '2026-09', '2026-10'].map((month): ChangeEvent => ({
      fact: 'usage',
      partnerId,
      observedAt: at,
      deleted: false,
      tenantId,
      kind: 'azure',
      month,
      service: 'Azure Kubernetes Service',
      offer: 'standard',
      association: 'CSP_T1',
      cporActivity: null,
      acrUsd: 1200,
    })),
  ] as ChangeEvent[];
}

async function seed(partnerIds: string[]) {
  const deps = { store: stack.store, repos: stack.repos, bus: new RecordingBus(), clock };
  for (const p of partnerIds) await applyPartnerChanges(deps, makeMessage(p, smallPartner(p)));
}

describe('pipeline costs and the nightly recompute', () => {
  it('a recompute costs the same store operations with 1 or 50 other partners present', async () => {
    await seed(['cost-a', 'cost-b']);
    const measure = async () => {
      clock.nextDay(); // a new day: the state document is rewritten (not an unchanged run)
      const store = countingStore(stack.store);
      const r = await recomputePartner(withCosmosRepos(store, { bus: new RecordingBus(), clock }), 'cost-a');
      expect(r.outcome).toBe('recomputed');
      return { ...store.counts };
    };
    const withOne = await measure();
    await seed(Array.from({ length: 49 }, (_, i) => `cost-x${i}`));
    const withFifty = await measure();
    expect(withFifty).toEqual(withOne);
    // One query page to load and the state write; no point reads. The explanations are yesterday's (the
    // same content for a new as-of day), so their document is not rewritten.
    expect(withOne).toEqual({ reads: 0, writes: 1, queries: 1, documentsRead: 3 });
  });

  it('applying a change message costs one query, a write per changed document, then the state write', async () => {
    const store = countingStore(stack.store);
    const msg = makeMessage('cost-a', [
      {
        fact: 'certification',
        partnerId: 'cost-a',
        observedAt: '2026-11-21T06:00:00.000Z',
        deleted: false,
        personId: 'p1',
        name: 'Azure Administrator Associate',
        earned: '2026-11-01',
        expires: null,
      },
    ] as ChangeEvent[]);
    await applyPartnerChanges(withCosmosRepos(store, { bus: new RecordingBus(), clock }), msg);
    // One query (profile, state, person), the person create; the recompute: the state write (issue 15).
    expect(store.counts).toMatchObject({ reads: 0, writes: 2, queries: 1 });
  });

  it('nightly: one partner-recompute message per partner, paged, with deterministic ids; a second run is dropped', async () => {
    clock.set('2026-12-01');
    const bus = new RecordingBus(stack.bus);
    const result = await queueNightlyRecompute({ store: stack.store, repos: stack.repos, bus, clock }, { pageSize: 10 });
    expect(result.queued).toBe(51);
    expect(result.pages).toBeGreaterThanOrEqual(6);
    const ids = bus.ids(QUEUES.partnerRecompute);
    expect(ids).toHaveLength(51);
    expect(ids).toContain('recompute:cost-a:2026-12-01');
    // The timer handler the Functions host calls; a second run the same day sends the same ids.
    const { context, logs } = fakeContext('nightlyRecompute');
    await nightlyRecomputeHandler({ store: stack.store, repos: stack.repos, bus: stack.bus, clock })({} as never, context as never);
    expect(logs.join('\n')).toMatch(/queued 51 partner\(s\)/);

    // The recompute processor: 51 messages (the repeats were dropped by duplicate detection).
    const handler = recomputePartnerHandler({ store: stack.store, repos: stack.repos, bus: new RecordingBus(), clock });
    const run = await runProcessor(stack.serviceBus, QUEUES.partnerRecompute, 'recomputePartner', handler);
    expect(run.processed).toHaveLength(51);
    const repo = new PartnerRepository(stack);
    for (const p of ['cost-a', 'cost-x0', 'cost-x48']) {
      expect((await repo.readState(p))?.doc.scoring).toMatchObject({ today: '2026-12-01', asOf: '2026-11-30' });
    }
  });

  it('records invalid messages with their reason and completes them', async () => {
    const deps = { store: stack.store, repos: stack.repos, bus: new RecordingBus(), clock };
    const { context } = fakeContext('processPartnerChange', 'bad-change-1');
    const outcome = await processPartnerChangeHandler(deps)(
      { partnerId: 'x', changes: [{ fact: 'usage', partnerId: 'x' }] },
      context as never,
    );
    expect(outcome).toMatchObject({ outcome: 'invalid' });
    const rejected = await stack.store
      .collection('operations')
      .read<{ id: string; reason: string }>('processPartnerChange:bad-change-1', OPERATIONS_PK.rejectedMessages);
    expect(rejected?.doc.reason).toMatch(/^id: .*changes\.0\./);

    const other = fakeContext('processPartnerChange', 'bad-change-2');
    await processPartnerChangeHandler(deps)({ ...makeMessage('b', smallPartner('b')), partnerId: 'a' }, other.context as never);
    const stranger = await stack.store
      .collection('operations')
      .read<{ id: string; reason: string }>('processPartnerChange:bad-change-2', OPERATIONS_PK.rejectedMessages);
    expect(stranger?.doc.reason).toMatch(/changes\.0\.partnerId: "b" is not the message's partner "a"/);

    const r = fakeContext('recomputePartner', 'bad-recompute');
    expect(await recomputePartnerHandler(deps)({ partner: 'x' }, r.context as never)).toBeUndefined();
    const rec = await stack.store
      .collection('operations')
      .read<{ id: string; reason: string }>('recomputePartner:bad-recompute', OPERATIONS_PK.rejectedMessages);
    expect(rec?.doc.reason).toMatch(/partnerId/);
    // A recompute for a partner with no facts writes nothing.
    const none = await recomputePartnerHandler(deps)({ partnerId: 'nobody' }, fakeContext('recomputePartner', 'n').context as never);
    expect(none).toMatchObject({ outcome: 'no-partner' });
    expect(await new PartnerRepository(stack).readState('nobody')).toBeUndefined();
  });
});
