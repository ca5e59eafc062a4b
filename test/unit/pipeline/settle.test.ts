// No flapping (issue 7): pushes that flip an area back and forth within MAIL_SETTLE_SECONDS send no
// pair of mails; what is mailed is the settled state, with its numbers, after the delay.
import type { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';

import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { makeMessage } from '../../../shared/domain/changes/message.js';
import { settleVerdict } from '../../../shared/domain/status/settle.js';
import { sendNotificationHandler } from '../../../shared/handlers/sendNotification.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';
import { fakeContext, RecordingBus, RecordingMailer, sampleMessages, TestClock } from './fakes.js';

const SETTLE = 300;

/** Northwind's lifting certification, earned (deleted: false) or withdrawn, observed at `at`. */
function lift(at: string, deleted: boolean): ChangeEvent {
  return {
    fact: 'certification',
    partnerId: '4100003',
    personId: 'n-02',
    name: 'Dynamics 365 Business Central Developer Associate',
    earned: '2026-11-18',
    expires: '2027-11-18',
    observedAt: at,
    deleted,
  } as ChangeEvent;
}

async function flips(count: number) {
  const store = new MemoryStore();
  const bus = new RecordingBus();
  const clock = new TestClock('2026-11-21');
  const deps = withRepos(store, { bus, clock, mailSettleSeconds: SETTLE });
  for (const m of await sampleMessages('4100003')) await applyPartnerChanges(deps, m);
  const before = bus.sent.length;
  for (let i = 0; i < count; i++) {
    clock.advance(30_000);
    await applyPartnerChanges(deps, makeMessage('4100003', [lift(`2026-11-21T09:00:0${i}Z`, i % 2 === 1)]));
  }
  const queued = bus.sent.slice(before).filter((m) => m.queue === QUEUES.notifications);
  // Deliver each when its schedule comes.
  const mailer = new RecordingMailer();
  const send = sendNotificationHandler(withRepos(store, { mailer, clock, mailSettleSeconds: SETTLE }));
  clock.advance((SETTLE + 1) * 1000);
  for (const m of queued) {
    expect(m.delayMs).toBe(SETTLE * 1000);
    await send(m.body, fakeContext('sendNotification', m.messageId).context as unknown as InvocationContext);
  }
  return { queued, mails: mailer.sent.filter((m) => m.idempotencyKey.includes(':businessApplications:')) };
}

describe('settle delay', () => {
  it('schedules each notification MAIL_SETTLE_SECONDS ahead', async () => {
    const { queued } = await flips(1);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.delayMs).toBe(SETTLE * 1000);
  });

  it('four pushes flipping the area back and forth send no mail for it', async () => {
    const { queued, mails } = await flips(4);
    expect(queued.filter((m) => m.messageId.includes(':businessApplications:'))).toHaveLength(4);
    expect(mails).toEqual([]);
  });

  it('three flips send one mail: the settled state, with its numbers', async () => {
    const { mails } = await flips(3);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.idempotencyKey).toMatch(/:businessApplications:qualified:/);
    expect(mails[0]!.text).toContain('72.5');
  });
});

describe('settleVerdict', () => {
  const entry = (id: string, kind: 'qualified' | 'no-longer-qualified', status: 'qualified' | 'inProgress', at: string) => ({
    id,
    area: 'security' as const,
    kind,
    status,
    day: '2026-11-21',
    dispatchedAt: at,
  });
  const q = entry('q', 'qualified', 'qualified', '2026-11-21T09:00:00Z');
  const n = entry('n', 'no-longer-qualified', 'inProgress', '2026-11-21T09:01:00Z');
  const transitions = [
    { id: 'q', from: 'inProgress' as const, to: 'qualified' as const },
    { id: 'n', from: 'qualified' as const, to: 'inProgress' as const },
  ];
  const now = new Date('2026-11-21T10:00:00Z');

  it('superseded by a later transition, reverted by a run back to where it began, sent otherwise', () => {
    expect(settleVerdict(q, { outbox: [q, n], transitions }, SETTLE, now)).toEqual({ send: false, reason: 'superseded' });
    expect(settleVerdict(n, { outbox: [q, n], transitions }, SETTLE, now)).toEqual({ send: false, reason: 'reverted' });
    expect(settleVerdict(q, { outbox: [q], transitions }, SETTLE, now)).toEqual({ send: true });
  });

  it('a reversal later than the delay is a real change: it is told', () => {
    const late = { ...n, dispatchedAt: '2026-11-21T09:06:00Z' };
    expect(settleVerdict(late, { outbox: [q, late], transitions }, SETTLE, now)).toEqual({ send: true });
  });

  it('no delay: every status mail is sent; at-risk only while the area is still at risk that month', () => {
    expect(settleVerdict(n, { outbox: [q, n], transitions }, 0, now)).toEqual({ send: true });
    const risk = { id: 'r', area: 'security' as const, kind: 'at-risk' as const, status: 'enrolled' as const, day: '2026-11-21' };
    expect(settleVerdict(risk, { outbox: [], transitions: [], atRisk: { security: { month: '2026-11' } } }, SETTLE, now)).toEqual({
      send: true,
    });
    expect(settleVerdict(risk, { outbox: [], transitions: [], atRisk: {} }, SETTLE, now)).toEqual({
      send: false,
      reason: 'no-longer-at-risk',
    });
  });
});
