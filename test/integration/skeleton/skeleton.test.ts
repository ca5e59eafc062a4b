// The walking skeleton through the local host and the real stand-ins: the very same app.* registrations,
// one path of each trigger kind end to end, against the real pipeline.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { ServiceBusClient } from '@azure/service-bus';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

import { type RunningHost, startHost } from '../../../devtools/host/host.js';
import { getRoot } from '../../../functions/composition.js';
import { type CustomerDoc, customerDocId, emptyProfileDoc } from '../../../shared/domain/changes/docs.js';
import { type ChangeEventInput } from '../../../shared/domain/changes/events.js';
import type { OutboxEntry } from '../../../shared/domain/status/outbox.js';
import { pushChanges, type PushClientOptions } from '../../../shared/ingestion/push-client.js';
import { buildNotificationMessage } from '../../../shared/notifications/message.js';
import type { NotificationRecord } from '../../../shared/notifications/sendOnce.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { type PartnerStateDoc, STATE_DOC_ID } from '../../../shared/pipeline/state-doc.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { unique, waitFor } from '../helpers.js';

const { settings, mailDir } = inject('stack');
let host: RunningHost;
let api: string;
let secret: string;
const hostLog: string[] = [];

beforeAll(async () => {
  host = await startHost({
    settings: {
      ...settings,
      COSMOS_DATABASE: unique('skeleton'),
      // Far-off schedules: the tests fire timers themselves.
      IMPORT_SCHEDULE: '0 0 0 1 1 *',
      NIGHTLY_RECOMPUTE_SCHEDULE: '0 0 0 1 1 *',
    },
    httpPort: 0,
    log: (line) => hostLog.push(line),
  });
  api = `${host.url}/api`;
  // The local profile's development secret (WEBHOOK_SECRETS defaults to it locally).
  secret = host.config.WEBHOOK_SECRETS[0]!;
});
afterAll(() => host?.stop());

const store = () => getRoot().ports.store;
const partners = () => store().collection('partners');

/** A profile, a customer association and a month of usage for a new partner (docs/export-formats.md §3). */
function partnerChanges(partnerId: string): ChangeEventInput[] {
  const observedAt = '2026-11-01T06:00:00Z';
  return [
    { fact: 'profile', partnerId, name: `Skeleton ${partnerId}`, observedAt },
    { fact: 'association', partnerId, tenantId: 'contoso', type: 'CSP_T1', from: '2025-01-01', segment: 'smb', observedAt },
    {
      fact: 'usage',
      partnerId,
      tenantId: 'contoso',
      kind: 'm365',
      month: '2026-10',
      workload: 'Teams',
      association: 'CSP_T1',
      paidSeats: 40,
      activeUsers: 35,
      observedAt,
    },
  ];
}

/** pushChanges, keeping the answer's headers. */
async function push(changes: unknown, options: PushClientOptions = {}) {
  let headers = new Headers();
  const res = await pushChanges(`${api}/changes`, changes, secret, {
    ...options,
    fetch: async (...args: Parameters<typeof fetch>) => {
      const r = await fetch(...args);
      headers = r.headers;
      return r;
    },
  });
  return { ...res, headers };
}

const readState = async (partnerId: string) => (await partners().read<PartnerStateDoc>(STATE_DOC_ID, partnerId))?.doc;

/** Pushes the partner's changes and waits until the pipeline has scored it. */
async function seedPartner(partnerId: string) {
  const res = await push(partnerChanges(partnerId));
  expect(res.status).toBe(202);
  const state = await waitFor(`the state document of ${partnerId}`, () => readState(partnerId));
  return { res, state };
}

describe('walking skeleton', () => {
  it('GET /api/health reports every dependency, 200 when all answer', async () => {
    const res = await fetch(`${api}/health`);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean; latencyMs: number }> };
    expect(res.status).toBe(200);
    expect(Object.keys(body.checks).sort()).toEqual(['cosmos', 'mail', 'partnerInsights', 'serviceBus', 'storage']);
    for (const check of Object.values(body.checks)) expect(check).toMatchObject({ ok: true, latencyMs: expect.any(Number) });
  });

  it('answers 404 for an unknown route and for a method no API route takes', async () => {
    expect((await fetch(`${api}/nope`)).status).toBe(404);
    // GET on the POST-only route falls to the page's catch-all route, which answers a JSON 404 for api/ paths.
    expect((await fetch(`${api}/changes`)).status).toBe(404);
  });

  it('HTTP → Service Bus → processPartnerChange → Cosmos: signed changes become the partner state; a replayed delivery changes nothing', async () => {
    const partnerId = unique('p');
    const { res: first, state } = await seedPartner(partnerId);
    expect(first.body).toMatchObject({ accepted: 3, messages: [expect.any(String)] });
    expect(first.headers.get('webhook-replayed')).toBeNull();

    expect(state).toMatchObject({
      id: 'state',
      docType: 'state',
      partnerId,
      lastChangeAt: expect.any(String),
      computedAt: expect.any(String),
    });
    const customer = await new PartnerRepository(getRoot().ports).readDoc<CustomerDoc>(partnerId, customerDocId('contoso'));
    expect(Object.values(customer?.doc.associations ?? {})).toEqual([
      expect.objectContaining({ type: 'CSP_T1', workload: null, from: '2025-01-01', deleted: false }),
    ]);
    expect(Object.values(customer?.doc.usage ?? {})).toEqual([expect.objectContaining({ kind: 'm365', month: '2026-10', paidSeats: 40 })]);

    // The same delivery again (same body, hence the same webhook-id): the first answer, nothing sent.
    const again = await push(partnerChanges(partnerId));
    expect(again.status).toBe(202);
    expect(again.webhookId).toBe(first.webhookId);
    expect(again.headers.get('webhook-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);

    // Barrier: a later delivery for another partner has gone through the pipeline, so anything the replay
    // had sent would have been processed by now.
    await seedPartner(unique('p'));
    expect((await readState(partnerId))?.computedAt).toBe(state.computedAt);
  });

  it('answers 400: unsigned request (naming the header), an invalid change (with its path), a body that is not JSON', async () => {
    const unsigned = await fetch(`${api}/changes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(partnerChanges(unique('p'))),
    });
    expect(unsigned.status).toBe(400);
    expect(((await unsigned.json()) as { error: string }).error).toMatch(/webhook-id header/);

    const [profile, association] = partnerChanges(unique('p'));
    const invalid = await push([profile, { ...association, type: 'RESELLER' }]);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ errors: [{ index: 1, path: 'type', message: expect.stringContaining('RESELLER') }] });

    const body = '{';
    const notJson = await fetch(`${api}/changes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook({ id: unique('msg'), timestamp: new Date(), body, secret }) },
      body,
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/not JSON/);
  });

  it('timer → Service Bus → recomputePartner: the nightly run rescores every known partner', async () => {
    const partnerId = unique('p');
    await seedPartner(partnerId);
    await partners().delete(STATE_DOC_ID, partnerId);
    expect(await readState(partnerId)).toBeUndefined();

    await host.timers!.fire('nightlyRecompute');
    const today = new Date().toISOString().slice(0, 10);
    const state = await waitFor('the state document rebuilt by the nightly recompute', () => readState(partnerId));
    expect(state).toMatchObject({ partnerId, docType: 'state', scoring: { today } });
    expect(
      hostLog.some(
        (l) => l.startsWith('[recomputePartner]') && l.includes(`${partnerId}: recomputed for ${today}`) && l.includes('[nightly]'),
      ),
    ).toBe(true);
  });

  it('Service Bus → sendNotification → one .eml in the sink, even if the notification comes twice', async () => {
    const partnerId = unique('n');
    const partnerName = `Skeleton Mail ${partnerId}`;
    const entry: OutboxEntry = {
      id: `${partnerId}:dataAi:qualified:2026-11-20`,
      partnerId,
      area: 'dataAi',
      kind: 'qualified',
      day: '2026-11-20',
      status: 'qualified',
      cause: 'qualifying-day-in-window',
      anniversary: null,
      eligibleToRenew: null,
      reminder: null,
    };
    const stamp = { observedAt: '2026-11-01T00:00:00Z', deleted: false };
    const message = buildNotificationMessage(entry, {
      ...emptyProfileDoc(partnerId),
      name: { ...stamp, value: partnerName },
      contacts: { ...stamp, value: ['admin@skeleton.example'] },
    });
    const bus = getRoot().ports.bus;
    const record = async () =>
      (await store().collection('operations').read<NotificationRecord>(message.id, OPERATIONS_PK.notificationsSent))?.doc;

    await bus.send(QUEUES.notifications, [{ messageId: `${message.id}-a`, body: message }]);
    const sent = await waitFor('the sent-record', async () => ((await record())?.state === 'sent' ? record() : undefined));
    expect(sent).toMatchObject({ notificationId: message.id, partnerId, kind: 'qualified', to: ['admin@skeleton.example'], attempts: 1 });

    // The same notification under another message id (so the broker does not drop it): recognised, no second mail.
    await bus.send(QUEUES.notifications, [{ messageId: `${message.id}-b`, body: message }]);
    await waitFor('the second delivery to be recognised', async () =>
      hostLog.some((l) => l.includes(`notification ${message.id} was already sent`)),
    );
    expect(await record()).toMatchObject({ state: 'sent', attempts: 1, mailMessageId: sent.mailMessageId });

    const mails = [];
    for (const f of await readdir(mailDir)) {
      if (!f.endsWith('.eml')) continue;
      const raw = await readFile(path.join(mailDir, f));
      if (!raw.includes(partnerId)) continue;
      const mail = await simpleParser(raw);
      if (`${mail.subject ?? ''}\n${mail.text ?? ''}`.includes(partnerName)) mails.push(f);
    }
    expect(mails).toHaveLength(1);
  });

  it('records a message that fails validation, with its reason, and does not retry it', async () => {
    const bus = getRoot().ports.bus;
    const messageId = unique('bad');
    await bus.send(QUEUES.partnerChanges, [{ messageId, body: { customer: 'no partner id' } }]);
    const rejected = await waitFor('the rejection record', () =>
      store()
        .collection('operations')
        .read<{ id: string; reason: string; deliveryCount: number }>(`processPartnerChange:${messageId}`, OPERATIONS_PK.rejectedMessages),
    );
    expect(rejected.doc).toMatchObject({
      functionName: 'processPartnerChange',
      messageId,
      deliveryCount: 1,
      body: { customer: 'no partner id' },
    });
    expect(rejected.doc.reason).toMatch(/partnerId/);

    const client = new ServiceBusClient(settings.ServiceBusConnection!);
    const dlq = client.createReceiver(QUEUES.partnerChanges, { subQueueType: 'deadLetter' });
    expect((await dlq.peekMessages(10)).map((m) => m.messageId)).not.toContain(messageId);
    await client.close();
  });

  it('importExports moves its cursor past new export blobs', async () => {
    const { BlobServiceClient } = await import('@azure/storage-blob');
    const container = BlobServiceClient.fromConnectionString(settings.AzureWebJobsStorage!).getContainerClient(
      host.config.EXPORTS_CONTAINER,
    );
    await container.getBlockBlobClient('2026-03/customers.csv').upload('id\n1\n', 5);
    await host.timers!.fire('importExports');
    const cursor = await store()
      .collection('operations')
      .read<{ id: string; cursor: { namesAtLastModified: string[] } }>('exports', OPERATIONS_PK.blobCursors);
    expect(cursor?.doc.cursor.namesAtLastModified).toContain('2026-03/customers.csv');
  });
});
