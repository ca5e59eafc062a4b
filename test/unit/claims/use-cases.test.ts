// The claims use cases on in-memory ports: the signed webhook (dedupe, 409s judged again), storage with
// uniqueness, effects on partner-changes, the deadline timer.
import { describe, expect, it } from 'vitest';

import { applyClaimDeadlines } from '../../../shared/claims/deadlines.js';
import { claimDeliveryDocId, receiveClaimWebhook } from '../../../shared/claims/webhook.js';
import { partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { type Clock } from '../../../shared/ports/clock.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { RecordingBus } from '../pipeline/fakes.js';
import { mwsData } from './fixtures.js';
import { storeWithPartners } from './store.js';

const SECRET = 'whsec_' + Buffer.from('claims-unit-secret').toString('base64');

async function setup(now = '2026-11-04T10:00:00Z') {
  const store = await storeWithPartners('4100002', '4100003');
  const bus = new RecordingBus();
  let current = new Date(now);
  const clock: Clock = { now: () => new Date(current) };
  const lines: string[] = [];
  const log = {
    log: (...a: unknown[]) => lines.push(a.join(' ')),
    warn: (...a: unknown[]) => lines.push(a.join(' ')),
    error: (...a: unknown[]) => lines.push(a.join(' ')),
  };
  const post = async (value: unknown, id: string) => {
    const body = JSON.stringify(value);
    return receiveClaimWebhook(
      { store, repos: store.repos, bus, clock },
      { secrets: [SECRET], log },
      { headers: signWebhook({ id, timestamp: clock.now(), body, secret: SECRET }), body },
    );
  };
  return { store, bus, clock, post, lines, setNow: (t: string) => (current = new Date(t)) };
}

const submit = (claimId: string, workloads = ['Teams'], at = '2026-11-02T09:00:00Z', partnerId = '4100002') => ({
  type: 'submitted',
  eventId: `sub-${claimId}`,
  occurredAt: at,
  partnerId,
  claimId,
  claim: { ...mwsData({ workloads }), proofOfExecution: { reference: 'sow-2026-017', date: '2026-10-20' } },
  submittedBy: { role: 'incentives-admin' },
});
const event = (type: string, eventId: string, at: string, claimId = 'c-1', extra: object = {}) => ({
  type,
  eventId,
  occurredAt: at,
  partnerId: '4100002',
  claimId,
  ...extra,
});

describe('claims webhook use case', () => {
  it('submission → 202 submitted; approval → 202 approved and one PartnerChangeMessage with the CPOR association', async () => {
    const t = await setup();
    expect(await t.post(submit('c-1'), 'd1')).toMatchObject({
      status: 202,
      body: { status: 'submitted', outcome: 'created', messages: [] },
    });
    const approved = await t.post(event('approved', 'e-approved', '2026-11-04T09:00:00Z'), 'd2');
    expect(approved).toMatchObject({ status: 202, body: { status: 'approved', outcome: 'applied' } });
    expect(t.bus.sent).toHaveLength(1);
    const sent = t.bus.sent[0]!;
    expect(sent.queue).toBe(QUEUES.partnerChanges);
    const message = partnerChangeMessageSchema.parse(sent.body);
    expect(message).toMatchObject({ partnerId: '4100002', source: { webhookId: 'd2' } });
    expect(message.changes).toEqual([
      expect.objectContaining({
        fact: 'association',
        type: 'CPOR',
        workload: 'Teams',
        cporActivity: 'use-consume',
        from: '2026-11-04',
        to: null,
      }),
    ]);
    expect((approved.body as { messages: string[] }).messages).toEqual([message.id]);
  });

  it('a replayed delivery gets the same answer and sends nothing; the record is kept apart from /api/changes', async () => {
    const t = await setup();
    await t.post(submit('c-1'), 'd1');
    const first = await t.post(event('approved', 'e-approved', '2026-11-04T09:00:00Z'), 'd2');
    const again = await t.post(event('approved', 'e-approved', '2026-11-04T09:00:00Z'), 'd2');
    expect(again).toEqual({ ...first, replayed: true });
    expect(t.bus.sent).toHaveLength(1);
    const records = t.store
      .collection('operations')
      .ofPartition(OPERATIONS_PK.webhookDeliveries)
      .map((d) => d.id);
    expect(records).toEqual(expect.arrayContaining([claimDeliveryDocId('d2'), 'claims:d2']));
  });

  it('the same event under a new delivery id is a duplicate: 202, and the current associations re-sent with the same message id', async () => {
    const t = await setup();
    await t.post(submit('c-1'), 'd1');
    const first = await t.post(event('approved', 'e-approved', '2026-11-04T09:00:00Z'), 'd2');
    const dup = await t.post(event('approved', 'e-approved', '2026-11-04T09:00:00Z'), 'd3');
    expect(dup).toMatchObject({ status: 202, body: { outcome: 'duplicate', status: 'approved' } });
    expect((dup.body as { messages: string[] }).messages).toEqual((first.body as { messages: string[] }).messages);
  });

  it('409 for a transition not allowed, with the reason; not remembered, so the retry is judged again', async () => {
    const t = await setup();
    await t.post(submit('c-1'), 'd1');
    const early = event('partner-responded', 'e-resp', '2026-11-05T09:00:00Z');
    const refused = await t.post(early, 'd-resp');
    expect(refused).toMatchObject({
      status: 409,
      body: {
        status: 'submitted',
        claimId: 'c-1',
        error: expect.stringMatching(/"partner-responded" is not allowed while the claim is "submitted"/),
      },
    });
    await t.post(event('action-required', 'e-ask', '2026-11-04T09:00:00Z'), 'd-ask');
    expect(await t.post(early, 'd-resp')).toMatchObject({ status: 202, body: { status: 'under-review' } });
  });

  it('404 for an event of an unknown claim; 400 naming the field', async () => {
    const t = await setup();
    expect(await t.post(event('approved', 'e1', '2026-11-04T09:00:00Z', 'nope'), 'x1')).toMatchObject({ status: 404 });
    const bad = await t.post({ ...submit('c-9'), claim: { ...mwsData(), workloads: [] } }, 'x2');
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ path: 'claim.workloads' }] } });
    expect((bad.body as { error: string }).error).toMatch(/claim\.workloads/);
  });

  it('refuses a second active claim of the partner for the same tenant + workload (409 naming it)', async () => {
    const t = await setup();
    await t.post(submit('c-1', ['Teams', 'Exchange Online']), 'd1');
    const second = await t.post(submit('c-2', ['SharePoint Online', 'exchange online']), 'd2');
    expect(second).toMatchObject({
      status: 409,
      body: { conflictingClaimId: 'c-1', error: expect.stringMatching(/already has claim c-1/) },
    });
    expect((await t.post(submit('c-3', ['SharePoint Online']), 'd3')).status).toBe(202);
  });

  it('the deadline timer rejects a claim the partner did not answer, and confirms an approval after the opt-out window; a second run changes nothing', async () => {
    const t = await setup('2026-11-02T10:00:00Z');
    await t.post(submit('c-1', ['Teams']), 'd1');
    await t.post(event('action-required', 'ask', '2026-11-02T11:00:00Z'), 'd2'); // Mon → last day Fri 11-20
    await t.post(submit('c-2', ['Exchange Online']), 'd3');
    await t.post(event('approved', 'ok', '2026-11-02T12:00:00Z', 'c-2'), 'd4'); // Mon → opt-out last day Mon 11-09
    t.setNow('2026-11-10T03:15:00Z');
    expect(await applyClaimDeadlines({ store: t.store, repos: t.store.repos, bus: t.bus, clock: t.clock }, { pageSize: 1 })).toMatchObject({
      day: '2026-11-10',
      claims: 2,
      applied: 1,
      pages: 2,
    });
    t.setNow('2026-11-21T03:15:00Z');
    // Approved claims stay in the scan (a subscription can still expire); nothing is due for c-2 any more.
    expect(await applyClaimDeadlines({ store: t.store, repos: t.store.repos, bus: t.bus, clock: t.clock })).toMatchObject({
      claims: 2,
      applied: 1,
    });
    expect(await applyClaimDeadlines({ store: t.store, repos: t.store.repos, bus: t.bus, clock: t.clock })).toMatchObject({
      claims: 1,
      applied: 0,
      skipped: 0,
    });
    const partners = t.store.collection('partners');
    expect((await partners.read('claim:c-1', '4100002'))?.doc).toMatchObject({
      status: 'rejected',
      rejection: { on: '2026-11-21', reason: 'no-partner-response' },
    });
    expect((await partners.read('claim:c-2', '4100002'))?.doc).toMatchObject({ status: 'approved', confirmedOn: '2026-11-10' });
  });
});
