// POST /api/changes over real HTTP (the local host's trigger server), signed with pushChanges,
// delivery records in the Cosmos stand-in, messages on a Service Bus queue of this file's own.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HttpServerHandle } from '../../../devtools/host/http.js';
import { LOCAL_DEV_WEBHOOK_SECRET } from '../../../shared/config/config.js';
import { partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { submitChangesHandler } from '../../../shared/handlers/submitChanges.js';
import { pushChanges } from '../../../shared/ingestion/push-client.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { type IngestionStack, ingestionStack, serveHttp } from './stack.js';

const ROTATED = 'whsec_' + Buffer.from('integration-rotated-secret').toString('base64');
const lift = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../samples/changes/lift-4100003.json'), 'utf8')) as unknown;

let s: IngestionStack;
let server: HttpServerHandle;
let noSecrets: HttpServerHandle;
let url: string;

beforeAll(async () => {
  s = await ingestionStack('push');
  const deps = { store: s.store, bus: s.bus, clock: s.clock };
  server = await serveHttp([
    {
      name: 'submitChanges',
      route: 'changes',
      methods: ['POST'],
      handler: submitChangesHandler(deps, { WEBHOOK_SECRETS: [ROTATED, LOCAL_DEV_WEBHOOK_SECRET] }, { queue: s.queue }) as never,
    },
  ]);
  noSecrets = await serveHttp([
    {
      name: 'submitChanges',
      route: 'changes',
      methods: ['POST'],
      handler: submitChangesHandler(deps, { WEBHOOK_SECRETS: [] }, { queue: s.queue }) as never,
    },
  ]);
  url = `${server.url}/api/changes`;
});
afterAll(async () => {
  await server?.close();
  await noSecrets?.close();
  await s?.close();
});

const change = (partnerId: string, tenantId: string) => ({
  fact: 'association',
  partnerId,
  tenantId,
  type: 'CSP_T1',
  from: '2025-01-01',
  observedAt: '2026-11-21T07:00:00Z',
});

describe('POST /api/changes', () => {
  it('signed with the local development secret: 202 with the message ids, messages on the queue', async () => {
    const res = await pushChanges(url, lift, LOCAL_DEV_WEBHOOK_SECRET);
    expect(res.status).toBe(202);
    const body = res.body as { accepted: number; messages: string[] };
    expect(body.accepted).toBeGreaterThan(0);
    const received = await s.drain();
    expect(received.map((m) => m.messageId).sort()).toEqual([...body.messages].sort());
    for (const m of received) {
      const message = partnerChangeMessageSchema.parse(m.body);
      expect(message.partnerId).toBe('4100003');
      expect(message.source.webhookId).toBe(res.webhookId);
    }
    const delivery = await s.store.collection('operations').read(res.webhookId, OPERATIONS_PK.webhookDeliveries);
    expect(delivery?.doc).toMatchObject({ webhookId: res.webhookId, status: 202, body });
  });

  it('accepts a rotated second secret', async () => {
    const res = await pushChanges(url, [change('p-rot', 't-1')], ROTATED);
    expect(res.status).toBe(202);
    expect(await s.drain(1500, 1)).toHaveLength(1);
  });

  it('a bad signature or a stale timestamp: 401 with the reason, nothing sent', async () => {
    const wrong = await pushChanges(url, [change('p-x', 't-1')], 'whsec_' + Buffer.from('not-configured').toString('base64'));
    expect(wrong).toMatchObject({ status: 401, body: { error: 'no signature matches a configured secret' } });
    const stale = await pushChanges(url, [change('p-x', 't-2')], LOCAL_DEV_WEBHOOK_SECRET, {
      timestamp: new Date(Date.now() - 6 * 60_000),
    });
    expect(stale.status).toBe(401);
    expect((stale.body as { error: string }).error).toMatch(/too old/);
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(unsigned.status).toBe(400);
    expect(await s.drain(500)).toEqual([]);
  });

  it('a replayed webhook-id gets the same answer and sends no second message', async () => {
    const changes = [change('p-replay', 't-1'), change('p-replay-2', 't-1')];
    const first = await pushChanges(url, changes, LOCAL_DEV_WEBHOOK_SECRET, { id: 'msg_replay_1' });
    expect(first.status).toBe(202);
    const sentAfterFirst = s.bus.sentIds.length;
    expect(await s.drain(1500, 2)).toHaveLength(2);

    const again = await pushChanges(url, changes, LOCAL_DEV_WEBHOOK_SECRET, { id: 'msg_replay_1' });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(s.bus.sentIds.length).toBe(sentAfterFirst);
    expect(await s.drain(500)).toEqual([]);
  });

  it('the same changes under a new webhook-id are sent again with the same message ids: the broker drops them', async () => {
    const changes = [change('p-same', 't-1')];
    const a = await pushChanges(url, changes, LOCAL_DEV_WEBHOOK_SECRET, { id: 'msg_same_a' });
    expect(await s.drain(1500, 1)).toHaveLength(1);
    const b = await pushChanges(url, changes, LOCAL_DEV_WEBHOOK_SECRET, { id: 'msg_same_b' });
    expect((b.body as { messages: string[] }).messages).toEqual((a.body as { messages: string[] }).messages);
    expect(await s.drain(500)).toEqual([]);
  });

  it('an invalid body: 400 listing index, path and message of every problem; nothing sent', async () => {
    const res = await pushChanges(
      url,
      [
        change('p-ok', 't-1'),
        { ...change('p-bad', 't-2'), type: 'RESELLER' },
        {
          fact: 'usage',
          partnerId: 'p-bad',
          tenantId: 't',
          kind: 'm365',
          month: '2026-10',
          workload: 'Teams',
          association: 'CSP_T1',
          paidSeats: -5,
          observedAt: '2026-11-21T07:00:00Z',
        },
      ],
      LOCAL_DEV_WEBHOOK_SECRET,
    );
    expect(res.status).toBe(400);
    const body = res.body as { errors: Array<{ index: number; path: string; message: string }> };
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { index: 1, path: 'type', message: expect.stringContaining('RESELLER') },
        { index: 2, path: 'paidSeats', message: expect.stringMatching(/≥ 0/) },
      ]),
    );
    expect(await s.drain(500)).toEqual([]);
  });

  it('without WEBHOOK_SECRETS: 503 naming the setting', async () => {
    const res = await pushChanges(`${noSecrets.url}/api/changes`, [change('p', 't')], LOCAL_DEV_WEBHOOK_SECRET);
    expect(res.status).toBe(503);
    expect((res.body as { error: string }).error).toMatch(/WEBHOOK_SECRETS/);
  });
});
