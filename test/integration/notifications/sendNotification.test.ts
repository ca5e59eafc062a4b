// sendNotification through the real SMTP sink (.eml files parsed with mailparser) and the Cosmos stand-in:
// exactly one mail per notification however often, and however concurrently, it is delivered.
import { createServer } from 'node:net';

import type { CosmosClient } from '@azure/cosmos';
import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

import { startSmtpSink } from '../../../devtools/mail/sink.js';
import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import { createSmtpTransport, SmtpMailer } from '../../../shared/adapters/mail/smtp.js';
import { emptyProfileDoc } from '../../../shared/domain/changes/docs.js';
import type { OutboxEntry } from '../../../shared/domain/status/outbox.js';
import type { RejectedMessage } from '../../../shared/handlers/rejections.js';
import { sendNotificationHandler } from '../../../shared/handlers/sendNotification.js';
import { buildNotificationMessage, type NotificationMessage } from '../../../shared/notifications/message.js';
import type { NotificationRecord } from '../../../shared/notifications/sendOnce.js';
import { type DocumentStore, OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { claimHeldBy } from '../../unit/notifications/fixtures.js';
import { mailsFor, stackConfig, unique, withCosmosRepos } from '../helpers.js';

const config = stackConfig();
const { mailDir } = inject('stack');
const clock = { now: () => new Date() };
let client: CosmosClient;
let store: DocumentStore;

beforeAll(async () => {
  client = createCosmosClient(config);
  store = createCosmosStore(await ensureCosmosSchema(client, config.COSMOS_DATABASE));
});
afterAll(() => client.dispose());

function mailerAt(port: number) {
  return new SmtpMailer(createSmtpTransport({ host: config.SMTP_HOST, port, from: config.MAIL_FROM }), config.MAIL_FROM);
}

function context(messageId: string): InvocationContext {
  return new InvocationContext({
    functionName: 'sendNotification',
    invocationId: messageId,
    triggerMetadata: { messageId, deliveryCount: 1 },
  });
}

function renewalReminder(partnerId: string): NotificationMessage {
  const entry: OutboxEntry = {
    id: `${partnerId}:security:renewal-reminder:2026-05-02:before-60`,
    partnerId,
    area: 'security',
    kind: 'renewal-reminder',
    day: '2026-05-02',
    status: 'enrolled',
    cause: null,
    anniversary: '2026-07-01',
    eligibleToRenew: true,
    reminder: 'before-60',
  };
  const stamp = { observedAt: '2026-01-01T00:00:00Z', deleted: false };
  return buildNotificationMessage(entry, {
    ...emptyProfileDoc(partnerId),
    name: { ...stamp, value: 'Fabrikam & Söhne' },
    contacts: { ...stamp, value: ['admin@fabrikam.example', 'ops@fabrikam.example'] },
    preferredLanguage: { ...stamp, value: 'de-DE' },
  });
}

const recordOf = async (id: string) =>
  (await store.collection('operations').read<NotificationRecord>(id, OPERATIONS_PK.notificationsSent))?.doc;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sendNotification → SMTP sink, Cosmos stand-in', () => {
  it('a message handled twice produces exactly one .eml, with the rendered subject and recipients', async () => {
    const handler = sendNotificationHandler({ ...withCosmosRepos(store), mailer: mailerAt(config.SMTP_PORT), clock });
    const m = renewalReminder(unique('p'));
    await handler(m, context('a'));
    await handler(structuredClone(m), context('b'));

    const mails = await mailsFor(m.id);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(
      'Erinnerung: Verlängerung von Solutions Partner for Security für Fabrikam & Söhne ab 1. Juli 2026 (noch 60 Tage)',
    );
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    expect(to.flatMap((t) => t?.value.map((v) => v.address))).toEqual(['admin@fabrikam.example', 'ops@fabrikam.example']);
    expect(mail.text).toContain('Noch 60 Tage bis zum Jahrestag');
    expect(mail.html).toContain('Fabrikam &amp; Söhne');
    const record = await recordOf(m.id);
    expect(record).toMatchObject({ state: 'sent', attempts: 1, mailMessageId: mail.messageId, language: 'de', kind: 'renewal-reminder' });
  });

  it('two concurrent deliveries of one message produce exactly one .eml', async () => {
    // Two handler instances, as two Functions hosts would have.
    const a = sendNotificationHandler({ ...withCosmosRepos(store), mailer: mailerAt(config.SMTP_PORT), clock }, { pollMs: 50 });
    const b = sendNotificationHandler({ ...withCosmosRepos(store), mailer: mailerAt(config.SMTP_PORT), clock }, { pollMs: 50 });
    const m = renewalReminder(unique('p'));
    const outcomes = await Promise.all([a(m, context('a')), b(structuredClone(m), context('b')), a(structuredClone(m), context('c'))]);
    expect(outcomes.map((o) => o?.outcome).sort()).toEqual(['already-done', 'already-done', 'sent']);
    expect(await mailsFor(m.id)).toHaveLength(1);
    expect((await recordOf(m.id))?.state).toBe('sent');
  });

  it('SMTP down: throws and leaves the record retryable; once the sink is back the retry sends exactly once', async () => {
    const port = await closedPort();
    const handler = sendNotificationHandler({ ...withCosmosRepos(store), mailer: mailerAt(port), clock });
    const m = renewalReminder(unique('p'));
    await expect(handler(m, context('a'))).rejects.toThrow();
    const failed = await recordOf(m.id);
    expect(failed).toMatchObject({ state: 'sending', attempts: 1, lastError: { message: expect.any(String) } });
    expect(Date.parse(failed!.leaseUntil!)).toBeLessThanOrEqual(Date.now());
    expect(await mailsFor(m.id)).toHaveLength(0);

    const sink = await startSmtpSink({ port, dir: mailDir });
    try {
      await expect(handler(m, context('a'))).resolves.toMatchObject({ outcome: 'sent', tookOver: true });
      await handler(m, context('b'));
    } finally {
      await sink.close();
    }
    expect(await mailsFor(m.id)).toHaveLength(1);
    expect(await recordOf(m.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('a claim left "sending" by a crashed attempt is taken over after its lease, with the same Message-ID', async () => {
    const handler = sendNotificationHandler({ ...withCosmosRepos(store), mailer: mailerAt(config.SMTP_PORT), clock });
    const m = renewalReminder(unique('p'));
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await store
      .collection('operations')
      .create(claimHeldBy(m.id, 'crashed', tenMinutesAgo.toISOString(), new Date(tenMinutesAgo.getTime() + 5 * 60_000).toISOString()));
    await expect(handler(m, context('a'))).resolves.toMatchObject({ outcome: 'sent', tookOver: true });
    const mails = await mailsFor(m.id);
    expect(mails).toHaveLength(1);
    expect(await recordOf(m.id)).toMatchObject({ state: 'sent', attempts: 2, mailMessageId: mails[0]!.messageId });
  });

  it('no recipient (the entry older than the hold for contacts): recorded as skipped, nothing mailed', async () => {
    const handler = sendNotificationHandler({ ...withCosmosRepos(store), mailer: mailerAt(config.SMTP_PORT), clock });
    const m = { ...renewalReminder(unique('p')), to: [] };
    await expect(handler(m, context('a'))).resolves.toMatchObject({ outcome: 'skipped' });
    expect(await recordOf(m.id)).toMatchObject({ state: 'skipped', reason: expect.stringMatching(/^no-recipient/) });
    expect(await mailsFor(m.id)).toHaveLength(0);
  });

  it('an invalid message is recorded as rejected and does not throw', async () => {
    const handler = sendNotificationHandler({ ...withCosmosRepos(store), mailer: mailerAt(config.SMTP_PORT), clock });
    const messageId = unique('bad');
    const m = renewalReminder(unique('p'));
    const bad = { ...m, entry: { ...m.entry, area: 'azure' } };
    await expect(handler(bad, context(messageId))).resolves.toBeUndefined();
    const rejected = await store
      .collection('operations')
      .read<RejectedMessage>(`sendNotification:${messageId}`, OPERATIONS_PK.rejectedMessages);
    expect(rejected?.doc).toMatchObject({ functionName: 'sendNotification', messageId, body: bad });
    expect(rejected?.doc.reason).toMatch(/entry\.area/);
    expect(await recordOf(m.id)).toBeUndefined();
    expect(await mailsFor(m.id)).toHaveLength(0);
  });
});
