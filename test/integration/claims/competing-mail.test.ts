// The mail to both partners of a competing claim, end to end on the stand-ins: submissions over HTTP
// (signed webhook), claims in the Cosmos stand-in (the cross-partition lookup is the adapter's SQL), the
// claim-competing messages on a Service Bus queue of this file's own, then sendNotification to the SMTP
// sink, every message delivered twice: one .eml per partner, in its language, not naming the other partner.

import type { InvocationContext } from '@azure/functions';
import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HttpServerHandle } from '../../../devtools/host/http.js';
import { createSmtpTransport, SmtpMailer } from '../../../shared/adapters/mail/smtp.js';
import { LOCAL_DEV_WEBHOOK_SECRET } from '../../../shared/config/config.js';
import { competingMailId, competingRef } from '../../../shared/domain/claims/competing.js';
import { sendNotificationHandler } from '../../../shared/handlers/sendNotification.js';
import { submitClaimEventHandler } from '../../../shared/handlers/submitClaimEvent.js';
import { pushChanges } from '../../../shared/ingestion/push-client.js';
import { notificationMessageSchema } from '../../../shared/notifications/message.js';
import { mailsFor, unique } from '../helpers.js';
import { type IngestionStack, ingestionStack, invocationContext, serveHttp } from '../ingestion/stack.js';

const A = unique('p-cc-a');
const B = unique('p-cc-b');
const TENANT = `fab00000-2222-4a2a-a222-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;
const SETTLE = 1;

let s: IngestionStack;
let server: HttpServerHandle;
let url: string;
let sb: ServiceBusClient;
const notifications = unique('claims-competing-notifications');

beforeAll(async () => {
  s = await ingestionStack('claims-competing');
  const stamp = { observedAt: '2026-01-01T00:00:00Z', deleted: false };
  for (const [partnerId, name, contact, language] of [
    [A, 'Fabrikam Workplace GmbH', 'partner-office@fabrikam.example', 'de-DE'],
    [B, 'Litware Apps, Inc.', 'devrel@litware.example', 'ja-JP'],
  ] as const)
    await s.store.collection('partners').upsert({
      id: 'profile',
      docType: 'profile',
      partnerId,
      snapshots: {},
      name: { ...stamp, value: name },
      contacts: { ...stamp, value: [contact] },
      preferredLanguage: { ...stamp, value: language },
    });
  const deps = { store: s.store, repos: s.repos, bus: s.bus, clock: s.clock, mailSettleSeconds: SETTLE };
  server = await serveHttp([
    {
      name: 'submitClaimEvent',
      route: 'claims/events',
      methods: ['POST'],
      handler: submitClaimEventHandler(
        deps,
        { WEBHOOK_SECRETS: [LOCAL_DEV_WEBHOOK_SECRET] },
        { queue: s.queue, notificationsQueue: notifications },
      ) as never,
    },
  ]);
  url = `${server.url}/api/claims/events`;
  sb = new ServiceBusClient(s.config.ServiceBusConnection);
});
afterAll(async () => {
  await sb?.close();
  await server?.close();
  await s?.close();
});

const submission = (partnerId: string, claimId: string) => ({
  type: 'submitted',
  eventId: `${claimId}-submitted`,
  occurredAt: new Date().toISOString(),
  partnerId,
  claimId,
  submittedBy: { role: 'incentives-admin' },
  claim: {
    tenantId: TENANT,
    solutionArea: 'modernWorkSecurity',
    activity: 'use-consume',
    workloads: ['Teams'],
    customerDomain: 'fabrikam.onmicrosoft.com',
    customerContact: { name: 'Ana Customer', email: 'ana@customer.example' },
    proofOfExecution: { reference: `sow-${claimId}`, date: '2026-01-15' },
  },
});

/** Everything on the queue (scheduled messages once due), waiting up to `waitMs` for each batch. */
async function drainNotifications(waitMs: number): Promise<ServiceBusReceivedMessage[]> {
  const receiver = sb.createReceiver(notifications, { receiveMode: 'receiveAndDelete' });
  const got: ServiceBusReceivedMessage[] = [];
  for (;;) {
    const batch = await receiver.receiveMessages(100, { maxWaitTimeInMs: waitMs });
    if (batch.length === 0) break;
    got.push(...batch);
  }
  await receiver.close();
  return got;
}

describe('claim-competing on the stand-ins', () => {
  it('one message id per partner on the queue, however redelivered; one mail each through the SMTP sink', async () => {
    expect((await pushChanges(url, submission(A, 'a-1'), LOCAL_DEV_WEBHOOK_SECRET)).status).toBe(202);
    const b = submission(B, 'b-1');
    expect((await pushChanges(url, b, LOCAL_DEV_WEBHOOK_SECRET, { id: 'msg_cc_b' })).status).toBe(202);
    // The same delivery replayed, and the same event under a new webhook-id (a duplicate: same ids queued again).
    expect((await pushChanges(url, b, LOCAL_DEV_WEBHOOK_SECRET, { id: 'msg_cc_b' })).status).toBe(202);
    expect(await pushChanges(url, b, LOCAL_DEV_WEBHOOK_SECRET, { id: 'msg_cc_b_again' })).toMatchObject({
      status: 202,
      body: { outcome: 'duplicate' },
    });

    const idA = competingMailId(A, 'a-1', competingRef({ partnerId: B, claimId: 'b-1' }));
    const idB = competingMailId(B, 'b-1', competingRef({ partnerId: A, claimId: 'a-1' }));
    // The duplicate queued the same two ids again (a crash before the first send would lose nothing). They
    // are scheduled MAIL_SETTLE_SECONDS ahead, and the stand-in applies no duplicate detection to scheduled
    // messages: what guarantees one mail per id is the sender's sent-record.
    expect(s.bus.sentIds.filter((id) => id === idA || id === idB).sort()).toEqual([idA, idA, idB, idB].sort());
    const received = await drainNotifications(2500 + SETTLE * 1000);
    expect(new Set(received.map((m) => m.messageId))).toEqual(new Set([idA, idB]));

    const lines: string[] = [];
    const sender = sendNotificationHandler({
      store: s.store,
      repos: s.repos,
      mailer: new SmtpMailer(
        createSmtpTransport({ host: s.config.SMTP_HOST, port: s.config.SMTP_PORT, from: s.config.MAIL_FROM }),
        s.config.MAIL_FROM,
      ),
      clock: s.clock,
      mailSettleSeconds: SETTLE,
    });
    for (const m of [...received, ...received]) {
      expect(notificationMessageSchema.safeParse(m.body).success).toBe(true);
      await sender(m.body, invocationContext('sendNotification', lines) as unknown as InvocationContext);
    }
    const [mailA] = await mailsFor(idA);
    const [mailB] = await mailsFor(idB);
    expect(await mailsFor(idA)).toHaveLength(1);
    expect(await mailsFor(idB)).toHaveLength(1);
    expect(mailA!.subject).toContain('Konkurrierender Anspruch für Fabrikam Workplace GmbH');
    expect(mailA!.text).toContain('Von beiden beanspruchte Workload: Teams');
    expect(mailB!.subject).toContain('競合する申請');
    expect(mailB!.text).toContain('貴社の申請 b-1');
    for (const [mail, other] of [
      [mailA!, [B, 'b-1', 'Litware']],
      [mailB!, [A, 'a-1', 'Fabrikam Workplace']],
    ] as const)
      for (const part of [mail.subject ?? '', mail.text ?? '', String(mail.html)])
        for (const word of other) expect(part).not.toContain(word);
  });
});
