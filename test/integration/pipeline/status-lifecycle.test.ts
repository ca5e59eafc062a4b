// The designation status machine through the pipeline, on a simulated clock, against the stand-ins
// (Cosmos DB for documents, Service Bus for partner-recompute and notifications). Day by day across a
// month rollover, an anniversary, the renewal window, a renewal, a lapse and an automatic enrollment;
// every message is delivered twice. Each transition leaves exactly one outbox entry and one
// notification message id.
//   Contoso (4100001): Infrastructure qualified → enrolled by a fact (anniversary 2026-12-03) → a
//     certification lifts Data & AI over 70 → automatically enrolled → renewal due on 12-03 → nobody
//     renews → lapsed on 2027-01-02 (anniversary + 30).
//   Fabrikam (4100002): enrolled in Modern Work (anniversary 2026-12-10) → renewal due → renewed by a
//     fact on 12-12 (anniversary 2027-12-10) → stays enrolled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { makeMessage } from '../../../shared/domain/changes/message.js';
import { nightlyRecomputeHandler } from '../../../shared/handlers/nightlyRecompute.js';
import { processPartnerChangeHandler } from '../../../shared/handlers/processPartnerChange.js';
import { recomputePartnerHandler } from '../../../shared/handlers/recomputePartner.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { type PartnerStateDoc } from '../../../shared/pipeline/state-doc.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { fakeContext, RecordingBus, sampleMessages, TestClock } from '../../unit/pipeline/fakes.js';
import { runProcessor } from './processor.js';
import { type PipelineStack, startPipelineStack } from './stack.js';

let stack: PipelineStack;
let bus: RecordingBus;
const clock = new TestClock('2026-11-21');
const states: Record<string, PartnerStateDoc> = {};

beforeAll(async () => {
  stack = await startPipelineStack();
  bus = new RecordingBus(stack.bus);
});
afterAll(() => stack?.close());

const deps = () => ({ store: stack.store, repos: stack.repos, bus, clock });

/** Sends change messages to partner-changes and runs the processor, each message delivered twice. */
async function change(messages: { id: string }[]) {
  await stack.bus.send(
    QUEUES.partnerChanges,
    messages.map((m) => ({ messageId: m.id, body: m })),
  );
  await runProcessor(stack.serviceBus, QUEUES.partnerChanges, 'processPartnerChange', processPartnerChangeHandler(deps()), {
    deliveries: 2,
  });
}

/** The nightly timer, then the recompute processor (each message delivered twice). */
async function night(partners: number) {
  const { context } = fakeContext('nightlyRecompute');
  await nightlyRecomputeHandler(deps())({} as never, context as never);
  const run = await runProcessor(stack.serviceBus, QUEUES.partnerRecompute, 'recomputePartner', recomputePartnerHandler(deps()), {
    deliveries: 2,
    max: partners,
  });
  expect(run.processed).toHaveLength(partners);
}

const fact = (partnerId: string, observedAt: string, fields: Record<string, unknown>) =>
  makeMessage(partnerId, [{ partnerId, observedAt, deleted: false, ...fields } as ChangeEvent]);

describe('status machine day by day', () => {
  it('runs from 2026-11-21 to 2027-01-03 with every message delivered twice', async () => {
    for (const p of ['4100001', '4100002']) await change(await sampleMessages(p));
    for (;;) {
      const day = clock.nextDay();
      if (day === '2026-11-22') {
        await change([
          fact('4100001', '2026-11-22T05:00:00Z', {
            fact: 'profile',
            enrollment: { anniversary: '2026-12-03', areas: ['infrastructure'] },
          }),
        ]);
      }
      if (day === '2026-11-23') {
        // Data & AI: a third final-step certification (68 → 72).
        await change([
          fact('4100001', '2026-11-23T05:00:00Z', {
            fact: 'certification',
            personId: 'c-06',
            name: 'Azure Database Administrator Associate',
            earned: '2026-11-22',
            expires: '2027-11-22',
          }),
        ]);
      }
      if (day === '2026-12-12') {
        await change([
          fact('4100002', '2026-12-12T05:00:00Z', { fact: 'profile', enrollment: { anniversary: '2027-12-10', areas: ['modernWork'] } }),
        ]);
      }
      await night(2);
      if (day === '2027-01-03') break;
    }
    const repo = new PartnerRepository(stack);
    for (const p of ['4100001', '4100002']) states[p] = (await repo.readState(p))!.doc;
  }, 180_000);

  it('records the transitions of Contoso with their causes', () => {
    const s = states['4100001']!;
    expect(s.transitions.map((t) => [t.id, t.from, t.to, t.cause, t.source])).toEqual([
      ['4100001:infrastructure:qualified:2026-11-21', 'inProgress', 'qualified', 'qualifying-day-in-window', null],
      ['4100001:infrastructure:enrolled:2026-11-22', 'qualified', 'enrolled', 'enrollment-fact', 'partner-center'],
      ['4100001:dataAi:enrolled:2026-11-23', 'inProgress', 'enrolled', 'automatic-enrollment', 'automatic'],
      ['4100001:dataAi:renewal-due:2026-12-03', 'enrolled', 'renewalDue', 'anniversary-reached', 'automatic'],
      ['4100001:infrastructure:renewal-due:2026-12-03', 'enrolled', 'renewalDue', 'anniversary-reached', 'partner-center'],
      ['4100001:dataAi:lapsed:2027-01-02', 'renewalDue', 'qualified', 'renewal-window-closed', null],
      ['4100001:infrastructure:lapsed:2027-01-02', 'renewalDue', 'qualified', 'renewal-window-closed', null],
    ]);
    expect(s.designations.enrollment).toBeNull();
    expect(s.scoring).toMatchObject({ today: '2027-01-03', asOf: '2026-12-31' }); // before the 20th: last month's last day
  });

  it('records the renewal of Fabrikam', () => {
    const s = states['4100002']!;
    const ids = s.transitions.map((t) => `${t.id} ${t.cause}`);
    expect(ids).toContain('4100002:modernWork:renewal-due:2026-12-10 anniversary-reached');
    expect(ids).toContain('4100002:modernWork:renewed:2026-12-12 renewed');
    expect(ids.some((i) => i.includes('lapsed'))).toBe(false);
    expect(s.designations.areas.modernWork.status).toBe('enrolled');
    expect(s.designations.enrollment?.anniversary).toBe('2027-12-10');
  });

  it('leaves exactly one outbox entry per transition, each sent once as one notification message id', async () => {
    const queued = await stack.drain(QUEUES.notifications, 1000);
    const queuedIds = queued.map((m) => String(m.messageId));
    expect(new Set(queuedIds).size).toBe(queuedIds.length);
    const sentIds = bus.ids(QUEUES.notifications);
    expect(new Set(sentIds).size).toBe(sentIds.length); // never re-sent, though every message came twice

    const allOutbox: string[] = [];
    for (const s of Object.values(states)) {
      const outboxIds = s.outbox.map((e) => e.id);
      expect(new Set(outboxIds).size).toBe(outboxIds.length);
      for (const t of s.transitions) expect(outboxIds.filter((id) => id === t.id)).toHaveLength(1);
      // The rest are renewal reminders and the nightly runs' at-risk warnings, one per area and month
      // (no transition of their own).
      for (const e of s.outbox) {
        if (s.transitions.some((t) => t.id === e.id)) continue;
        expect(['renewal-reminder', 'at-risk']).toContain(e.kind);
        if (e.kind === 'at-risk') expect(e.id).toBe(`${e.partnerId}:${e.area}:at-risk:${e.day.slice(0, 7)}`);
      }
      expect(s.outbox.every((e) => e.dispatched && e.dispatchedAt !== null)).toBe(true);
      allOutbox.push(...outboxIds);
    }
    expect([...queuedIds].sort()).toEqual([...allOutbox].sort());
    expect([...sentIds].sort()).toEqual([...allOutbox].sort());
  });
});
