// Change → Qualified through the real stand-ins (Cosmos DB + Service Bus): Northwind (4100003) is seeded
// from samples/exports at 65 in Business Applications; samples/changes/lift-4100003.json sent to
// partner-changes and processed lifts it to 72.5, Qualified. The same change twice, or all changes
// shuffled, end in the same state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { processPartnerChangeHandler } from '../../../shared/handlers/processPartnerChange.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { type PartnerStateDoc } from '../../../shared/pipeline/state-doc.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { liftMessage, RecordingBus, sampleChanges, TestClock } from '../../unit/pipeline/fakes.js';
import { asPartner, messagesOf, runProcessor, shuffled } from './processor.js';
import { type PipelineStack, startPipelineStack } from './stack.js';

let stack: PipelineStack;
let bus: RecordingBus;
let handler: ReturnType<typeof processPartnerChangeHandler>;
const clock = new TestClock('2026-11-21'); // scoring asOf = today (≥ the 20th), the samples' design date

beforeAll(async () => {
  stack = await startPipelineStack();
  bus = new RecordingBus(stack.bus);
  handler = processPartnerChangeHandler({ store: stack.store, repos: stack.repos, bus, clock });
});
afterAll(() => stack?.close());

async function send(messages: { id: string }[]) {
  await stack.bus.send(
    QUEUES.partnerChanges,
    messages.map((m) => ({ messageId: m.id, body: m })),
  );
}
const process = (deliveries = 1) => runProcessor(stack.serviceBus, QUEUES.partnerChanges, 'processPartnerChange', handler, { deliveries });
const state = async (partnerId: string) => (await new PartnerRepository(stack).readState(partnerId))?.doc;

/** What must be equal however the changes arrived: facts, scores, statuses and the day's history. */
function essence(s: PartnerStateDoc | undefined) {
  if (!s) return undefined;
  return {
    factsVersion: s.factsVersion,
    score: s.score,
    scoring: s.scoring,
    statuses: Object.fromEntries(Object.entries(s.designations.areas).map(([a, v]) => [a, { status: v.status, history: v.history }])),
  };
}

describe('a change that lifts a partner over 70', () => {
  it('shows as Qualified in Cosmos after the processor ran, with one notification', async () => {
    const seed = await sampleChanges(['4100003']);
    await send(messagesOf('4100003', seed, 100));
    await process();
    const before = await state('4100003');
    expect(before?.score.areas.businessApplications).toMatchObject({ total: 65, qualifiesToday: false });
    expect(before?.designations.areas.businessApplications.status).toBe('inProgress');

    const lift = await liftMessage();
    await send([lift]);
    const run = await process();
    expect(run.processed).toEqual([lift.id]);
    const after = await state('4100003');
    expect(after?.score.areas.businessApplications).toMatchObject({ total: 72.5, qualifiesToday: true, track: 'smb' });
    expect(after?.designations.areas.businessApplications).toMatchObject({
      status: 'qualified',
      cause: 'qualifying-day-in-window',
      since: '2026-11-21',
    });
    expect(after?.transitions.map((t) => t.id)).toEqual(['4100003:businessApplications:qualified:2026-11-21']);
    expect(after?.outbox).toEqual([
      expect.objectContaining({ id: '4100003:businessApplications:qualified:2026-11-21', kind: 'qualified', dispatched: true }),
    ]);
    expect(after?.lastChangeAt).toBe('2026-11-21T06:00:00.000Z');

    const notes = await stack.drain(QUEUES.notifications);
    expect(notes.map((m) => m.messageId)).toEqual(['4100003:businessApplications:qualified:2026-11-21']);
    expect(notes[0]?.body).toMatchObject({
      partnerId: '4100003',
      partnerName: 'Northwind Dynamics Ltd',
      to: ['ms-programs@northwind.example'],
      entry: { kind: 'qualified' },
    });

    // The same change again (a re-send under the same id is dropped by the broker; a redelivery is applied again): nothing moves.
    await send([lift]);
    const { context } = {
      context: { functionName: 'processPartnerChange', triggerMetadata: { messageId: lift.id, deliveryCount: 2 }, log() {}, warn() {} },
    };
    await handler(lift, context as never);
    expect(essence(await state('4100003'))).toEqual(essence(after));
    expect((await state('4100003'))?.outbox).toHaveLength(1);
    expect(await stack.drain(QUEUES.notifications)).toEqual([]);
  });

  it('ends in the same state when every message comes twice, or the changes are shuffled', async () => {
    const seed = await sampleChanges(['4100003']);
    const lift = (await liftMessage()).changes;
    const all = [...seed, ...lift];

    // In order, each message delivered twice.
    await send([...messagesOf('nw-twice', asPartner(seed, 'nw-twice'), 100), ...messagesOf('nw-twice', asPartner(lift, 'nw-twice'), 100)]);
    // Shuffled changes in shuffled batches of 7, and the lift first.
    await send(messagesOf('nw-shuffled', shuffled(asPartner(all, 'nw-shuffled'), 42), 7).reverse());
    // Lift before the seed.
    await send([
      ...messagesOf('nw-lift-first', asPartner(lift, 'nw-lift-first'), 100),
      ...messagesOf('nw-lift-first', shuffled(asPartner(seed, 'nw-lift-first'), 7), 50),
    ]);
    await process(2);

    const reference = essence(await state('4100003'));
    expect(reference?.statuses.businessApplications?.status).toBe('qualified');
    for (const id of ['nw-twice', 'nw-shuffled', 'nw-lift-first']) {
      const s = await state(id);
      const e = essence(s);
      // factsVersion hashes the partner id too; the scores and statuses must be the same.
      expect({ ...e, factsVersion: null, score: { ...e?.score, partnerId: '4100003' } }).toEqual({ ...reference, factsVersion: null });
      expect(s?.designations.areas.businessApplications.status).toBe('qualified');
      // One outbox entry per transition, each sent once.
      expect(new Set(s?.outbox.map((o) => o.id)).size).toBe(s?.outbox.length);
      expect(s?.outbox.every((o) => o.dispatched)).toBe(true);
    }
    const sent = bus.ids(QUEUES.notifications);
    expect(new Set(sent).size).toBe(sent.length);
  });
});
