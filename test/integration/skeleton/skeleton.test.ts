// The walking skeleton through the local host and the real stand-ins: the very same app.* registrations,
// one path of each trigger kind end to end.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { getRoot } from '../../../functions/composition.js';
import { startHost, type RunningHost } from '../../../devtools/host/host.js';
import { OPERATIONS_PK, QUEUES } from '../../../shared/ports/index.js';
import { unique, waitFor } from '../helpers.js';

const { settings, mailDir } = inject('stack');
let host: RunningHost;
let api: string;
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
});
afterAll(() => host?.stop());

const store = () => getRoot().ports.store;

async function postChange(body: unknown) {
  const res = await fetch(`${api}/changes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { messageId?: string; error?: string } };
}

describe('walking skeleton', () => {
  it('GET /api/health reports every dependency, 200 when all answer', async () => {
    const res = await fetch(`${api}/health`);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean; latencyMs: number }> };
    expect(res.status).toBe(200);
    expect(Object.keys(body.checks).sort()).toEqual(['cosmos', 'mail', 'serviceBus', 'storage']);
    for (const check of Object.values(body.checks)) expect(check).toMatchObject({ ok: true, latencyMs: expect.any(Number) });
  });

  it('answers 404 for an unknown route and a wrong method', async () => {
    expect((await fetch(`${api}/nope`)).status).toBe(404);
    expect((await fetch(`${api}/changes`)).status).toBe(404);
  });

  it('HTTP → Service Bus → processPartnerChange → Cosmos, once per change', async () => {
    const partnerId = unique('p');
    const change = { partnerId, changeId: 'c-1', kind: 'customer-added', customerId: 'contoso' };
    const first = await postChange(change);
    expect(first.status).toBe(202);
    expect(first.body.messageId).toBe(`change:${partnerId}:c-1`);

    const doc = await waitFor('the change document', () => store().collection('partners').read(`change-change:${partnerId}:c-1`, partnerId));
    expect(doc.doc).toMatchObject({ partnerId, type: 'change', change });

    // A client retry carries the same message id: the broker drops it, the document stays one.
    expect((await postChange(change)).status).toBe(202);
    const docs = await store()
      .collection('partners')
      .query<{ id: string }>({ query: 'SELECT c.id FROM c WHERE c.partnerId = @p AND c.type = "change"', parameters: [{ name: '@p', value: partnerId }] });
    expect(docs.items).toHaveLength(1);
  });

  it('answers 400 naming the field for a bad change, and for a body that is not JSON', async () => {
    const bad = await postChange({ partner: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/partnerId/);
    const notJson = await fetch(`${api}/changes`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('timer → Service Bus → recomputePartner, one message per known partner', async () => {
    const partnerId = unique('p');
    expect((await postChange({ partnerId, changeId: 'seed' })).status).toBe(202);
    await waitFor('the partner marker', () => store().collection('partners').read('partner', partnerId));

    await host.timers!.fire('nightlyRecompute');
    const today = new Date().toISOString().slice(0, 10);
    const state = await waitFor('the recompute', async () => {
      const s = await store().collection('partners').read<{ id: string; lastRecomputedAsOf?: string }>('state', partnerId);
      return s?.doc.lastRecomputedAsOf === today ? s : undefined;
    });
    expect(state.doc).toMatchObject({ partnerId, type: 'state', lastRecomputedAsOf: today });
  });

  it('Service Bus → sendNotification → one .eml in the sink, even if the message comes twice', async () => {
    const notificationId = unique('n');
    const body = { notificationId, to: 'admin@example.com', subject: `Renewal due ${notificationId}`, text: 'Renew by 30 June.' };
    const bus = getRoot().ports.bus;
    await bus.send(QUEUES.notifications, [{ messageId: `${notificationId}-a`, body }]);
    const marker = await waitFor('the sent-marker', () =>
      store().collection('operations').read(`notification-${notificationId}`, OPERATIONS_PK.notificationsSent),
    );
    expect(marker.doc).toMatchObject({ notificationId });
    // Same notification under another message id (so the broker does not drop it): no second mail.
    await bus.send(QUEUES.notifications, [{ messageId: `${notificationId}-b`, body }]);
    await waitFor('the second delivery to be recognised', async () =>
      hostLog.some((l) => l.includes(`notification ${notificationId} was already sent`)),
    );

    const files = [];
    for (const f of await readdir(mailDir)) {
      if ((await readFile(path.join(mailDir, f), 'utf8')).includes(notificationId)) files.push(f);
    }
    expect(files).toHaveLength(1);
  });

  it('records a message that fails validation, with its reason, and does not retry it', async () => {
    const bus = getRoot().ports.bus;
    const messageId = unique('bad');
    await bus.send(QUEUES.partnerChanges, [{ messageId, body: { customer: 'no partner id' } }]);
    const rejected = await waitFor('the rejection record', () =>
      store().collection('operations').read<{ id: string; reason: string; deliveryCount: number }>(`processPartnerChange:${messageId}`, OPERATIONS_PK.rejectedMessages),
    );
    expect(rejected.doc).toMatchObject({ functionName: 'processPartnerChange', messageId, deliveryCount: 1, body: { customer: 'no partner id' } });
    expect(rejected.doc.reason).toMatch(/partnerId/);

    const client = new ServiceBusClient(settings.ServiceBusConnection!);
    const dlq = client.createReceiver(QUEUES.partnerChanges, { subQueueType: 'deadLetter' });
    expect((await dlq.peekMessages(10)).map((m) => m.messageId)).not.toContain(messageId);
    await client.close();
  });

  it('importExports moves its cursor past new export blobs', async () => {
    const { BlobServiceClient } = await import('@azure/storage-blob');
    const container = BlobServiceClient.fromConnectionString(settings.AzureWebJobsStorage!).getContainerClient(host.config.EXPORTS_CONTAINER);
    await container.getBlockBlobClient('2026-03/customers.csv').upload('id\n1\n', 5);
    await host.timers!.fire('importExports');
    const cursor = await store().collection('operations').read<{ id: string; cursor: { namesAtLastModified: string[] } }>('exports', OPERATIONS_PK.blobCursors);
    expect(cursor?.doc.cursor.namesAtLastModified).toContain('2026-03/customers.csv');
  });
});
