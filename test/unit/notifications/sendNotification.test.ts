import { describe, expect, it } from 'vitest';

import { emptyProfileDoc } from '../../../shared/domain/changes/docs.js';
import { sendNotificationHandler } from '../../../shared/handlers/sendNotification.js';
import { buildNotificationMessage, type NotificationMessage } from '../../../shared/notifications/message.js';
import { NotificationInFlightError, type NotificationRecord } from '../../../shared/notifications/sendOnce.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { type Mailer, type MailMessage } from '../../../shared/ports/mailer.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';
import { claimHeldBy, sampleEntry, testContext } from './fixtures.js';

const stamp = { observedAt: '2026-01-01T00:00:00Z', deleted: false };
const NOW = new Date('2026-03-15T08:00:00Z');

function message(contacts: string[] = ['admin@contoso.example']): NotificationMessage {
  return buildNotificationMessage(sampleEntry(), {
    ...emptyProfileDoc('p-1'),
    name: { ...stamp, value: 'Contoso' },
    contacts: { ...stamp, value: contacts },
  });
}

class FakeMailer implements Mailer {
  sent: MailMessage[] = [];
  failures = 0;
  gate: Promise<void> | undefined;
  async send(m: MailMessage) {
    await this.gate;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    }
    this.sent.push(m);
    return { messageId: `<${m.idempotencyKey}@test>` };
  }
}

function setup(now = NOW) {
  const store = new MemoryStore();
  const mailer = new FakeMailer();
  const clock = { now: () => now };
  const handler = sendNotificationHandler(withRepos(store, { mailer, clock }), { pollMs: 1, waitForInFlightMs: 2_000 });
  const record = async (id: string) =>
    (await store.collection('operations').read<NotificationRecord>(id, OPERATIONS_PK.notificationsSent))?.doc;
  return { store, mailer, handler, record };
}

describe('sendNotification', () => {
  it('renders and sends once, records sent with the Message-ID', async () => {
    const { mailer, handler, record } = setup();
    const m = message();
    await handler(m, testContext('m1'));
    await handler(structuredClone(m), testContext('m2'));
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({
      to: ['admin@contoso.example'],
      subject: 'Contoso qualifies for Solutions Partner for Data & AI (Azure)',
      idempotencyKey: m.id,
    });
    expect(await record(m.id)).toMatchObject({
      state: 'sent',
      attempts: 1,
      mailMessageId: `<${m.id}@test>`,
      sentAt: NOW.toISOString(),
      kind: 'qualified',
    });
  });

  it('two concurrent deliveries: one mail, both settle', async () => {
    const { mailer, handler, record } = setup();
    let open!: () => void;
    mailer.gate = new Promise<void>((resolve) => (open = resolve));
    const m = message();
    const both = Promise.all([handler(m, testContext('a')), handler(m, testContext('b'))]);
    setTimeout(() => open(), 20);
    const outcomes = await both;
    expect(outcomes.map((o) => o?.outcome).sort()).toEqual(['already-done', 'sent']);
    expect(mailer.sent).toHaveLength(1);
    expect((await record(m.id))?.state).toBe('sent');
  });

  it('a mail failure throws, keeps the record sending with the lease released; the retry sends', async () => {
    const { mailer, handler, record } = setup();
    mailer.failures = 1;
    const m = message();
    await expect(handler(m, testContext('m'))).rejects.toThrow(/ECONNREFUSED/);
    const failed = await record(m.id);
    expect(failed).toMatchObject({
      state: 'sending',
      attempts: 1,
      leaseUntil: NOW.toISOString(),
      lastError: { message: expect.stringMatching(/ECONNREFUSED/) },
    });
    await handler(m, testContext('m'));
    expect(mailer.sent).toHaveLength(1);
    expect(await record(m.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('takes over a claim whose lease expired (a crashed attempt) and sends with the same key', async () => {
    const { store, mailer, handler, record } = setup();
    const m = message();
    await store.collection('operations').create(claimHeldBy(m.id, 'crashed', '2026-03-15T07:50:00Z', '2026-03-15T07:55:00Z'));
    const lines: string[] = [];
    const outcome = await handler(m, testContext('m', lines));
    expect(outcome).toMatchObject({ outcome: 'sent', tookOver: true });
    expect(mailer.sent.map((s) => s.idempotencyKey)).toEqual([m.id]);
    expect(await record(m.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(lines.join('\n')).toMatch(/never finished; sending again with the same Message-ID/);
  });

  it('a live claim held by another attempt: waits, then gives up with a retryable error (no mail)', async () => {
    const store = new MemoryStore();
    const mailer = new FakeMailer();
    const handler = sendNotificationHandler(withRepos(store, { mailer, clock: { now: () => NOW } }), { pollMs: 1, waitForInFlightMs: 20 });
    const m = message();
    await store.collection('operations').create(claimHeldBy(m.id, 'other', '2026-03-15T07:59:00Z', '2026-03-15T08:04:00Z'));
    await expect(handler(m, testContext('m'))).rejects.toBeInstanceOf(NotificationInFlightError);
    expect(mailer.sent).toHaveLength(0);
  });

  it('no recipient within the hold for contacts: held, nothing recorded (the outbox entry waits)', async () => {
    const { mailer, handler, record } = setup();
    const m = message([]);
    await expect(handler(m, testContext('m'))).resolves.toMatchObject({ outcome: 'held', reason: 'no-recipient' });
    expect(mailer.sent).toHaveLength(0);
    expect(await record(m.id)).toBeUndefined();
  });

  it('no recipient after the hold: records skipped (no-recipient, with the hold) and settles', async () => {
    const { mailer, handler, record } = setup(new Date('2026-03-22T00:00:01Z'));
    const m = message([]);
    await expect(handler(m, testContext('m'))).resolves.toMatchObject({ outcome: 'skipped' });
    await expect(handler(m, testContext('m'))).resolves.toMatchObject({ outcome: 'already-done' });
    expect(mailer.sent).toHaveLength(0);
    expect(await record(m.id)).toMatchObject({ state: 'skipped', reason: 'no-recipient: no contacts within 7 days' });
  });

  it('an invalid message is recorded as rejected with the field and why, and does not throw', async () => {
    const { store, mailer, handler } = setup();
    const bad = { ...message(), to: ['not-an-address'] };
    await expect(handler(bad, testContext('bad-1'))).resolves.toBeUndefined();
    const rejected = await store
      .collection('operations')
      .read<{ id: string; reason: string }>('sendNotification:bad-1', OPERATIONS_PK.rejectedMessages);
    expect(rejected?.doc.reason).toMatch(/^to\.0: /);
    await expect(handler('not json', testContext('bad-2'))).resolves.toBeUndefined();
    // The skeleton's pre-rendered shape is no longer a notification message.
    await expect(
      handler({ notificationId: 'n-1', to: 'admin@example.com', subject: 'S', text: 'T' }, testContext('bad-3')),
    ).resolves.toBeUndefined();
    expect(await store.collection('operations').read('sendNotification:bad-3', OPERATIONS_PK.rejectedMessages)).toBeDefined();
    expect(mailer.sent).toHaveLength(0);
  });
});
