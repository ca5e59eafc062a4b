// POST /api/changes as a use case on in-memory ports: authentication, delivery dedupe, validation.
import { describe, expect, it } from 'vitest';

import { partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { type PushOptions, receivePush } from '../../../shared/ingestion/push.js';
import { pushChanges } from '../../../shared/ingestion/push-client.js';
import { DocumentConflictError, OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { deliveryDocId } from '../../../shared/webhooks/delivery.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { MemoryStore } from '../../support/memory-store.js';
import { fixedClock, MemoryLog, RecordingBus } from './fakes.js';

const SECRET = 'whsec_' + Buffer.from('unit-test-secret-one').toString('base64');
const OTHER = 'whsec_' + Buffer.from('unit-test-secret-two').toString('base64');
const NOW = '2026-11-21T08:00:00Z';

const change = (partnerId: string, tenantId = 't-1') => ({
  fact: 'association',
  partnerId,
  tenantId,
  type: 'CSP_T1',
  from: '2025-01-01',
  observedAt: '2026-11-21T07:00:00Z',
});

function setup(options: Partial<PushOptions> = {}) {
  const store = new MemoryStore();
  const bus = new RecordingBus();
  const clock = fixedClock(NOW);
  const log = new MemoryLog();
  const push = (body: string, headers: Record<string, string>) =>
    receivePush({ store, bus, clock }, { secrets: [SECRET], log, ...options }, { headers, body });
  const signed = (value: unknown, id = 'msg_1', secret = SECRET, timestamp: Date = new Date(NOW)) => {
    const body = typeof value === 'string' ? value : JSON.stringify(value);
    return push(body, signWebhook({ id, timestamp, body, secret }));
  };
  return { store, bus, clock, log, push, signed };
}

describe('receivePush', () => {
  it('accepts signed changes: 202 with the count and the message ids, one message per partner on partner-changes', async () => {
    const t = setup();
    const answer = await t.signed([change('4100001'), change('4100002'), change('4100001', 't-2')]);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: 3, messages: t.bus.ids() });
    expect(t.bus.sent).toHaveLength(2);
    for (const { queue, message } of t.bus.sent) {
      expect(queue).toBe(QUEUES.partnerChanges);
      const body = partnerChangeMessageSchema.parse(message.body);
      expect(body.id).toBe(message.messageId);
      expect(body.source).toEqual({ webhookId: 'msg_1' });
    }
    // { changes: [...] } is accepted too.
    expect((await t.signed({ changes: [change('4100003')] }, 'msg_2')).status).toBe(202);
  });

  it('accepts any of several secrets (rotation)', async () => {
    const t = setup({ secrets: [OTHER, SECRET] });
    expect((await t.signed([change('1')], 'a', SECRET)).status).toBe(202);
    expect((await t.signed([change('2')], 'b', OTHER)).status).toBe(202);
  });

  it('answers 401 for a wrong secret or a timestamp older than 5 minutes, 400 without the headers; nothing sent or stored', async () => {
    const t = setup();
    const wrong = await t.signed([change('1')], 'x1', 'whsec_' + Buffer.from('not-the-secret').toString('base64'));
    expect(wrong).toEqual({ status: 401, body: { error: 'no signature matches a configured secret' } });
    const stale = await t.signed([change('1')], 'x2', SECRET, new Date(Date.parse(NOW) - 301_000));
    expect(stale.status).toBe(401);
    expect(stale.body).toEqual({ error: expect.stringMatching(/too old/) });
    // Within the tolerance is fine.
    expect((await t.signed([change('1')], 'x3', SECRET, new Date(Date.parse(NOW) - 290_000))).status).toBe(202);
    const unsigned = await t.push(JSON.stringify([change('1')]), { 'content-type': 'application/json' });
    expect(unsigned).toEqual({ status: 400, body: { error: 'missing webhook-id header' } });
    expect(t.bus.sent).toHaveLength(1);
    // Refused deliveries are not remembered: the same id, properly signed, is then accepted.
    expect((await t.signed([change('1')], 'x1')).status).toBe(202);
  });

  it('answers 503 naming the setting when no secret is configured', async () => {
    const t = setup({ secrets: [] });
    const answer = await t.signed([change('1')]);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: expect.stringContaining('WEBHOOK_SECRETS') });
    expect(t.bus.sent).toEqual([]);
  });

  it('answers a delivery id seen before as before, and applies nothing again', async () => {
    const t = setup();
    const first = await t.signed([change('4100001')], 'msg_dup');
    const again = await t.signed([change('4100001')], 'msg_dup');
    expect(again).toEqual({ ...first, replayed: true });
    expect(t.bus.sent).toHaveLength(1);
    const stored = t.store.collection('operations').ofPartition(OPERATIONS_PK.webhookDeliveries);
    expect(stored).toEqual([expect.objectContaining({ id: 'msg_dup', webhookId: 'msg_dup', status: 202, body: first.body })]);

    // The same id with another body: still the first answer, and a warning.
    const other = await t.signed([change('4100002')], 'msg_dup');
    expect(other.body).toEqual(first.body);
    expect(t.bus.sent).toHaveLength(1);
    expect(t.log.text()).toMatch(/reused for a different body/);
  });

  it('answers 400 with every problem (index, path, message) and sends nothing; the answer is kept for a retry', async () => {
    const t = setup();
    const bad = [change('1'), { ...change('2'), type: 'RESELLER', from: '2026-02-30' }, { fact: 'usage', partnerId: '3' }];
    const answer = await t.signed(bad, 'msg_bad');
    expect(answer.status).toBe(400);
    const body = answer.body as { error: string; errors: Array<{ index: number; path: string; message: string }> };
    expect(body.error).toMatch(/nothing applied/);
    expect(body.errors.map((e) => e.index)).toEqual(expect.arrayContaining([1, 2]));
    expect(body.errors.some((e) => e.index === 1 && e.path === 'type')).toBe(true);
    expect(body.errors.some((e) => e.index === 1 && e.path === 'from')).toBe(true);
    expect(body.errors.every((e) => e.index !== 0)).toBe(true);
    expect(t.bus.sent).toEqual([]);
    expect(await t.signed(bad, 'msg_bad')).toEqual({ ...answer, replayed: true });
  });

  it('answers 400 for a body that is not JSON, or not a list of changes', async () => {
    const t = setup();
    expect((await t.signed('{nope', 'j1')).body).toEqual({ error: expect.stringMatching(/^body is not JSON/) });
    const notList = await t.signed({ partnerId: '1' }, 'j2');
    expect(notList.status).toBe(400);
    expect((notList.body as { errors: unknown[] }).errors).toEqual([{ index: -1, path: '', message: expect.stringMatching(/array/) }]);
  });

  it('refuses a body over the size limit with 413', async () => {
    const t = setup({ maxBodyBytes: 100 });
    expect((await t.signed([change('1'), change('2')])).status).toBe(413);
  });

  it('answers 503 and records nothing when sending fails, so the sender retry is applied', async () => {
    const t = setup();
    t.bus.failWith = new Error('bus down');
    expect((await t.signed([change('1')], 'msg_r')).status).toBe(503);
    expect(t.store.collection('operations').ofPartition(OPERATIONS_PK.webhookDeliveries)).toEqual([]);
    t.bus.failWith = undefined;
    expect((await t.signed([change('1')], 'msg_r')).status).toBe(202);
    expect(t.bus.sent).toHaveLength(1);
  });

  it('when a concurrent delivery of the same id recorded first, answers with its record', async () => {
    const t = setup();
    const ops = t.store.collection('operations');
    const create = ops.create.bind(ops);
    ops.create = async (doc) => {
      // The other delivery claimed the id (and recorded its answer) just before this one could.
      const other: Record<string, unknown> = { ...doc, status: 202, body: { accepted: 1, messages: ['from-the-other'] } };
      delete other.pending;
      delete other.claimedAt;
      await create(other as typeof doc);
      throw new DocumentConflictError('operations', doc.id);
    };
    const answer = await t.signed([change('1')], 'msg_race');
    expect(answer).toEqual({ status: 202, body: { accepted: 1, messages: ['from-the-other'] }, replayed: true });
    // The id was claimed before applying: this delivery sent nothing.
    expect(t.bus.sent).toHaveLength(0);
  });

  it('stores odd webhook ids under a hash (Cosmos ids cannot hold / \\ ? #)', () => {
    expect(deliveryDocId('msg_2aB.c:d-e')).toBe('msg_2aB.c:d-e');
    expect(deliveryDocId('a/b?c#d')).toMatch(/^sha256-[0-9a-f]{64}$/);
  });
});

describe('pushChanges (client)', () => {
  it('signs the exact body it posts, with a body-derived id unless given one', async () => {
    const t = setup();
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const headers = init.headers as Record<string, string>;
      const answer = await t.push(String(init.body), headers);
      return new Response(JSON.stringify(answer.body), { status: answer.status });
    }) as unknown as typeof fetch;

    const changes = [change('4100001')];
    const first = await pushChanges('http://127.0.0.1:1/api/changes', changes, SECRET, {
      fetch: fakeFetch,
      timestamp: new Date(NOW),
      functionKey: 'k',
    });
    expect(first.status).toBe(202);
    expect(first.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);
    expect((calls[0]!.init.headers as Record<string, string>)['x-functions-key']).toBe('k');
    const second = await pushChanges('http://127.0.0.1:1/api/changes', changes, SECRET, { fetch: fakeFetch, timestamp: new Date(NOW) });
    expect(second.webhookId).toBe(first.webhookId);
    expect(second.body).toEqual(first.body);
    expect(t.bus.sent).toHaveLength(1);
    const third = await pushChanges('http://127.0.0.1:1/api/changes', changes, SECRET, {
      fetch: fakeFetch,
      timestamp: new Date(NOW),
      id: 'fresh',
    });
    expect(third.webhookId).toBe('fresh');
  });
});
