// Issue 11 §7: one webhook-id, different bodies, delivered concurrently → exactly one is applied; the
// others get its recorded answer or 409 while it is pending. A crashed delivery's claim is taken over.
import { describe, expect, it } from 'vitest';

import { type Document, DocumentConflictError, OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { deliveryDocId } from '../../../shared/webhooks/delivery.js';
import { webhooks } from './support.js';

const change = (partnerId: string) => ({
  fact: 'association',
  partnerId,
  tenantId: 't-1',
  type: 'CSP_T1',
  from: '2025-01-01',
  observedAt: '2026-11-21T07:00:00Z',
});

describe('delivery ids are claimed before applying', () => {
  it('POST /api/changes: 6 concurrent deliveries of one id with different bodies → one applied', async () => {
    const t = webhooks();
    const answers = await Promise.all(['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((p) => t.post('changes', [change(p)], 'same-id')));
    expect(t.bus.sent).toHaveLength(1);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(1);
    for (const s of statuses) expect([202, 409]).toContain(s);
    const accepted = answers.filter((a) => a.status === 202).map((a) => JSON.stringify(a.body));
    expect(new Set(accepted).size).toBe(1);
    for (const a of answers.filter((x) => x.status === 409)) expect((a.body as { error: string }).error).toMatch(/being processed/);
    // Later deliveries of the id get the recorded answer.
    const later = await t.post('changes', [change('p9')], 'same-id');
    expect(later).toMatchObject({ status: 202, replayed: true });
    expect(t.bus.sent).toHaveLength(1);
  });

  it('POST /api/claims/events: concurrent deliveries of one id → at most one applied', async () => {
    const t = webhooks();
    const bodies = [1, 2, 3, 4].map((i) => ({
      type: 'review-started',
      eventId: `e${i}`,
      partnerId: 'p',
      claimId: `c${i}`,
      occurredAt: '2026-11-21T07:00:00Z',
    }));
    const answers = await Promise.all(bodies.map((b) => t.post('claims', b, 'claims-same')));
    // Unknown claims: 404 (not recorded) or 409 (another delivery holds the id); never two applied.
    for (const a of answers) expect([404, 409]).toContain(a.status);
  });

  it('a pending claim older than the timeout (a crashed delivery) is taken over', async () => {
    const t = webhooks();
    await t.store.collection('operations').create({
      id: deliveryDocId('crashed'),
      pk: OPERATIONS_PK.webhookDeliveries,
      type: 'webhook-delivery',
      webhookId: 'crashed',
      receivedAt: '2026-11-21T07:00:00Z',
      bodySha256: 'x',
      status: 0,
      body: null,
      pending: true,
      claimedAt: '2026-11-21T07:00:00.000Z',
    });
    const a = await t.post('changes', [change('p1')], 'crashed');
    expect(a.status).toBe(202);
    expect(t.bus.sent).toHaveLength(1);
  });

  it('a claim whose create was written but answered by a conflict (the SDK retried after a reset) is its own: 202', async () => {
    const t = webhooks();
    const operations = t.store.collection('operations');
    const create = operations.create.bind(operations);
    let resets = 0;
    operations.create = async <T extends Document>(doc: T) => {
      const written = await create(doc);
      if (doc.type === 'webhook-delivery' && resets++ === 0) throw new DocumentConflictError('operations', doc.id);
      return written;
    };
    const a = await t.post('changes', [change('p1')], 'reset-after-write');
    expect(a.status).toBe(202);
    expect(resets).toBe(1);
    expect(t.bus.sent).toHaveLength(1);
    expect((await t.post('changes', [change('p1')], 'reset-after-write')).status).toBe(202);
    expect(t.bus.sent).toHaveLength(1);
  });

  it('when the answer cannot be recorded (a store error), the claim is given back: the retry completes, no 409', async () => {
    const t = webhooks();
    const operations = t.store.collection('operations');
    const replace = operations.replace.bind(operations);
    const remove = operations.delete.bind(operations);
    let failures = 0;
    operations.replace = async <T extends Document>(doc: T, ifMatch: string) => {
      if (doc.type === 'webhook-delivery' && failures++ === 0) throw new Error('ECONNRESET');
      return replace(doc, ifMatch);
    };
    let deleteFailures = 0;
    operations.delete = async (id: string, pk: string, ifMatch?: string) => {
      if (deleteFailures++ === 0) throw new Error('ECONNRESET');
      return remove(id, pk, ifMatch);
    };
    await expect(t.post('changes', [change('p1')], 'store-blip')).rejects.toThrow(/ECONNRESET/);
    expect(t.stored().deliveries).toEqual([]);
    const retry = await t.post('changes', [change('p1')], 'store-blip');
    expect(retry.status).toBe(202);
    expect(t.stored().deliveries).toMatchObject([{ status: 202 }]);
  });

  it('a fresh pending claim answers 409', async () => {
    const t = webhooks();
    await t.store.collection('operations').create({
      id: deliveryDocId('busy'),
      pk: OPERATIONS_PK.webhookDeliveries,
      type: 'webhook-delivery',
      webhookId: 'busy',
      receivedAt: '2026-11-21T07:59:00Z',
      bodySha256: 'x',
      status: 0,
      body: null,
      pending: true,
      claimedAt: '2026-11-21T07:59:00.000Z',
    });
    expect((await t.post('changes', [change('p1')], 'busy')).status).toBe(409);
    expect(t.bus.sent).toHaveLength(0);
  });
});
