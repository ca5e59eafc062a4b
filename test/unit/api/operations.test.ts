// A partner's mails (records written by the real sendOnce / recordSkipped), rejected messages (written by
// the real rejectMessage) and dead letters (a fake reader) through their handlers over the in-memory store.
import { describe, expect, it } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import type { PartnerMails } from '../../../shared/api/mails.js';
import type { DeadLetters, RejectedMessages } from '../../../shared/api/operations.js';
import { BODY_EXCERPT_CHARS } from '../../../shared/api/operations.js';
import { getPartnerMailsHandler } from '../../../shared/handlers/getPartnerMails.js';
import { listDeadLettersHandler, listRejectedMessagesHandler } from '../../../shared/handlers/operations.js';
import { rejectMessage } from '../../../shared/handlers/rejections.js';
import { type Outgoing, recordSkipped, sendOnce } from '../../../shared/notifications/sendOnce.js';
import type { DeadLetteredMessage, DeadLetterReader } from '../../../shared/ports/deadLetters.js';
import type { Mailer } from '../../../shared/ports/mailer.js';
import type { QueueName } from '../../../shared/ports/messageBus.js';
import { MemoryStore } from '../../support/memory-store.js';
import { fakeContext, TestClock } from '../pipeline/fakes.js';

const context = new InvocationContext({ functionName: 'test', invocationId: 'test' });
const get = (path: string, params: Record<string, string> = {}) =>
  new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/${path}`, params });
const quiet = { log() {}, warn() {}, error() {} };
const mailer: Mailer = { send: async (m) => ({ messageId: `<${m.idempotencyKey}@test>` }) };

function outgoing(partnerId: string, n: number, to: string[] = ['ops@example.com']): Outgoing {
  return {
    notificationId: `${partnerId}:security:status:2026-11-${String(n).padStart(2, '0')}`,
    recordId: `${partnerId}-mail-${n}`,
    partnerId,
    kind: 'status',
    area: 'security',
    language: 'fr-FR',
    mail: { to, subject: `Sujet ${n}`, text: 'corps' },
  };
}

describe('GET /api/partners/{partnerId}/mails', () => {
  it('lists the partner’s sent and skipped mails newest first, bounded by limit, no other partner’s', async () => {
    const store = new MemoryStore();
    const clock = new TestClock('2026-11-01');
    const deps = { store, mailer, clock };
    await sendOnce(deps, outgoing('4100004', 1), quiet);
    clock.set('2026-11-02');
    await recordSkipped(deps, outgoing('4100004', 2, []), 'no-recipient', quiet);
    clock.set('2026-11-03');
    await sendOnce(deps, outgoing('4100004', 3), quiet);
    await sendOnce(deps, outgoing('4100002', 4), quiet); // another partner

    const handler = getPartnerMailsHandler({ repos: store.repos });
    const res = await handler(get('partners/4100004/mails', { partnerId: '4100004' }), context);
    expect(res.status).toBe(200);
    const body = res.jsonBody as PartnerMails;
    expect(body.partnerId).toBe('4100004');
    expect(body.mails.map((m) => m.notificationId.slice(-2))).toEqual(['03', '02', '01']);
    expect(body.mails[0]).toEqual({
      notificationId: '4100004:security:status:2026-11-03',
      kind: 'status',
      area: 'security',
      state: 'sent',
      subject: 'Sujet 3',
      recipients: ['ops@example.com'],
      language: 'fr-FR',
      sentAt: '2026-11-03T06:00:00.000Z',
      skippedAt: null,
      reason: null,
      attempts: 1,
      lastError: null,
      at: '2026-11-03T06:00:00.000Z',
    });
    expect(body.mails[1]).toMatchObject({
      state: 'skipped',
      reason: 'no-recipient',
      skippedAt: '2026-11-02T06:00:00.000Z',
      sentAt: null,
      recipients: [],
    });

    const two = (await handler(get('partners/4100004/mails?limit=2', { partnerId: '4100004' }), context)).jsonBody as PartnerMails;
    expect(two.mails.map((m) => m.subject)).toEqual(['Sujet 3', 'Sujet 2']);
    expect((await handler(get('partners/9999/mails', { partnerId: '9999' }), context)).jsonBody).toEqual({ partnerId: '9999', mails: [] });
  });

  it('answers 400 for a bad limit, an unknown parameter or a bad id', async () => {
    const handler = getPartnerMailsHandler({ repos: new MemoryStore().repos });
    expect(await handler(get('partners/1/mails?limit=0', { partnerId: '1' }), context)).toMatchObject({
      status: 400,
      jsonBody: { parameter: 'limit' },
    });
    expect(await handler(get('partners/1/mails?limit=201', { partnerId: '1' }), context)).toMatchObject({
      status: 400,
      jsonBody: { parameter: 'limit' },
    });
    expect(await handler(get('partners/1/mails?state=sent', { partnerId: '1' }), context)).toMatchObject({
      status: 400,
      jsonBody: { parameter: 'state' },
    });
    expect(await handler(get('partners/x/mails', { partnerId: 'a#b' }), context)).toMatchObject({
      status: 400,
      jsonBody: { parameter: 'partnerId' },
    });
    expect((await handler(get('partners/1/mails?code=key', { partnerId: '1' }), context)).status).toBe(200);
  });
});

describe('GET /api/operations/rejected', () => {
  it('lists rejected messages newest first with the function’s queue and a bounded body excerpt', async () => {
    const store = new MemoryStore();
    const clock = new TestClock('2026-11-20');
    await rejectMessage(
      { store, clock },
      fakeContext('processPartnerChange', 'm-1', 1).context as never,
      { partnerId: 'p', changes: 'not-a-list' },
      'changes: expected array',
    );
    clock.set('2026-11-21');
    await rejectMessage(
      { store, clock },
      fakeContext('sendNotification', 'm-2', 3).context as never,
      { filler: 'x'.repeat(5000) },
      'kind: unknown',
    );
    const handler = listRejectedMessagesHandler({ repos: store.repos });
    const body = (await handler(get('operations/rejected'), context)).jsonBody as RejectedMessages;
    expect(body.rejectedMessages.map((r) => [r.functionName, r.queue, r.messageId, r.deliveryCount, r.reason, r.rejectedAt])).toEqual([
      ['sendNotification', 'notifications', 'm-2', 3, 'kind: unknown', '2026-11-21T06:00:00.000Z'],
      ['processPartnerChange', 'partner-changes', 'm-1', 1, 'changes: expected array', '2026-11-20T06:00:00.000Z'],
    ]);
    expect(body.rejectedMessages[0]!.bodyExcerpt).toHaveLength(BODY_EXCERPT_CHARS);
    expect(body.rejectedMessages[0]!.bodyTruncated).toBe(true);
    expect(body.rejectedMessages[1]).toMatchObject({ bodyExcerpt: '{"partnerId":"p","changes":"not-a-list"}', bodyTruncated: false });
    expect(
      ((await handler(get('operations/rejected?limit=1'), context)).jsonBody as RejectedMessages).rejectedMessages.map((r) => r.messageId),
    ).toEqual(['m-2']);
    expect(await handler(get('operations/rejected?limit=x'), context)).toMatchObject({ status: 400, jsonBody: { parameter: 'limit' } });
    expect(await handler(get('operations/rejected?queue=notifications'), context)).toMatchObject({
      status: 400,
      jsonBody: { parameter: 'queue' },
    });
  });
});

describe('GET /api/operations/dead-letters', () => {
  class FakeReader implements DeadLetterReader {
    readonly calls: [QueueName, number][] = [];
    constructor(private readonly messages: Partial<Record<QueueName, DeadLetteredMessage[]>>) {}
    async peek(queue: QueueName, max: number) {
      this.calls.push([queue, max]);
      return (this.messages[queue] ?? []).slice(0, max);
    }
  }
  const dead = (n: number, body: unknown = { n }): DeadLetteredMessage => ({
    messageId: `d-${n}`,
    sequenceNumber: String(n),
    deadLetterReason: 'MaxDeliveryCountExceeded',
    deadLetterErrorDescription: 'failed 10 times',
    enqueuedTimeUtc: '2026-11-21T06:00:00.000Z',
    deliveryCount: 10,
    body,
  });

  it('peeks each of the three queues (one more than limit, to tell whether there are more)', async () => {
    const reader = new FakeReader({ 'partner-changes': [dead(1), dead(2), dead(3)], notifications: [dead(4, 'plain text')] });
    const handler = listDeadLettersHandler({ deadLetters: reader });
    const body = (await handler(get('operations/dead-letters?limit=2'), context)).jsonBody as DeadLetters;
    expect(reader.calls).toEqual([
      ['partner-changes', 3],
      ['partner-recompute', 3],
      ['notifications', 3],
    ]);
    expect(body.queues.map((q) => [q.queue, q.messages.map((m) => m.messageId), q.more])).toEqual([
      ['partner-changes', ['d-1', 'd-2'], true],
      ['partner-recompute', [], false],
      ['notifications', ['d-4'], false],
    ]);
    expect(body.queues[0]!.messages[0]).toEqual({
      messageId: 'd-1',
      sequenceNumber: '1',
      deadLetterReason: 'MaxDeliveryCountExceeded',
      deadLetterErrorDescription: 'failed 10 times',
      enqueuedTimeUtc: '2026-11-21T06:00:00.000Z',
      deliveryCount: 10,
      bodyExcerpt: '{"n":1}',
      bodyTruncated: false,
    });
    expect(body.queues[2]!.messages[0]!.bodyExcerpt).toBe('plain text');
  });

  it('peeks one queue with ?queue=, and answers 400 for an unknown queue or limit', async () => {
    const reader = new FakeReader({});
    const handler = listDeadLettersHandler({ deadLetters: reader });
    expect(
      ((await handler(get('operations/dead-letters?queue=Partner-Recompute'), context)).jsonBody as DeadLetters).queues.map((q) => q.queue),
    ).toEqual(['partner-recompute']);
    expect(reader.calls).toEqual([['partner-recompute', 21]]);
    expect(await handler(get('operations/dead-letters?queue=other'), context)).toMatchObject({
      status: 400,
      jsonBody: { parameter: 'queue' },
    });
    expect(await handler(get('operations/dead-letters?limit=101'), context)).toMatchObject({
      status: 400,
      jsonBody: { parameter: 'limit' },
    });
  });
});
