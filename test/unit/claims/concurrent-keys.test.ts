// Issue 11, defect 13: two concurrent claims of one partner for the same key do not both become active —
// the uniqueness key is a conditional write (shared/claims/keys.ts).
import { describe, expect, it } from 'vitest';

import { applyStoredClaimEvent } from '../../../shared/claims/events.js';
import { claimKeyDocId, PENDING_HOLDER_GRACE_MS } from '../../../shared/claims/keys.js';
import { receiveClaimWebhook } from '../../../shared/claims/webhook.js';
import type { ClaimEvent } from '../../../shared/domain/claims/types.js';
import type { Clock } from '../../../shared/ports/clock.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { RecordingBus } from '../pipeline/fakes.js';
import { baData, mwsData } from './fixtures.js';
import { storeWithPartners } from './store.js';

const A = '4100002';
const B = '4100003';
const SECRET = 'whsec_' + Buffer.from('claims-keys-secret').toString('base64');

async function setup(now = '2026-11-20T10:00:00Z') {
  const store = await storeWithPartners(A, B);
  const bus = new RecordingBus();
  let current = new Date(now);
  const clock: Clock = { now: () => new Date(current) };
  const deps = { store, repos: store.repos, bus, clock };
  const log = { log() {}, warn() {}, error() {} };
  let n = 0;
  const post = (value: unknown) => {
    const body = JSON.stringify(value);
    return receiveClaimWebhook(
      deps,
      { secrets: [SECRET], log },
      { headers: signWebhook({ id: `d-${++n}`, timestamp: clock.now(), body, secret: SECRET }), body },
    );
  };
  const claim = async (partnerId: string, claimId: string) =>
    (await store.collection('partners').read(`claim:${claimId}`, partnerId))?.doc as Record<string, unknown> | undefined;
  return { store, deps, post, claim, advance: (ms: number) => (current = new Date(current.getTime() + ms)) };
}

const submitted = (partnerId: string, claimId: string, data = mwsData({ workloads: ['Teams'] })): ClaimEvent =>
  ({
    type: 'submitted',
    eventId: `sub-${partnerId}-${claimId}`,
    occurredAt: '2026-11-20T09:00:00.000Z',
    partnerId,
    claimId,
    claim: data,
    submittedBy: { role: 'incentives-admin' },
  }) as ClaimEvent;
const wire = (partnerId: string, claimId: string, data: object = mwsData({ workloads: ['Teams'] })) => ({
  ...submitted(partnerId, claimId),
  claim: { ...data, proofOfExecution: { reference: 'sow-1', date: '2026-10-20' } },
});
const later = (type: string, partnerId: string, claimId: string): ClaimEvent =>
  ({ type, eventId: `${type}-${partnerId}-${claimId}`, occurredAt: '2026-11-20T09:30:00.000Z', partnerId, claimId }) as ClaimEvent;

describe('claims of one partner for one key, concurrently', () => {
  it('two concurrent submissions (tenant + workload): exactly one becomes active, the other is refused with the reason', async () => {
    const t = await setup();
    const [x, y] = await Promise.all([
      applyStoredClaimEvent(t.deps, submitted(A, 'c-1')),
      applyStoredClaimEvent(t.deps, submitted(A, 'c-2')),
    ]);
    const outcomes = [x, y].map((o) => o.kind).sort();
    expect(outcomes).toEqual(['applied', 'refused']);
    const refused = [x, y].find((o) => o.kind === 'refused')!;
    expect(refused).toMatchObject({
      code: 'conflict',
      reason: expect.stringContaining('workload of a tenant is associated with one partner'),
    });
    expect((refused as { reason: string }).reason).toMatch(/tenant fab00000-2222-4a2a-a222-000000000001, workload teams/i);
    const stored = [await t.claim(A, 'c-1'), await t.claim(A, 'c-2')].filter(Boolean);
    expect(stored).toHaveLength(1);
    const key = await t.store.collection('partners').read(claimKeyDocId('mws|fab00000-2222-4a2a-a222-000000000001|teams'), A);
    expect(key?.doc).toMatchObject({ docType: 'claim-key', claimId: stored[0]!.claimId });
  });

  it('over the webhook: 202 for one, 409 naming the other claim (subscription, Business Applications)', async () => {
    const t = await setup();
    const data = {
      ...baData(),
      subscriptionId: undefined,
      subscription: { id: 'sub-0001', purchaseChannel: 'volume-licensing', startedOn: '2026-10-01' },
    };
    const answers = await Promise.all([t.post(wire(A, 'b-1', data)), t.post(wire(A, 'b-2', data))]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    const winner = answers.find((a) => a.status === 202)!.body as { claimId: string };
    expect(refused.body).toMatchObject({ error: expect.stringContaining('subscription sub-0001'), conflictingClaimId: winner.claimId });
  });

  it('ten concurrent claims for one key: one active', async () => {
    const t = await setup();
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => applyStoredClaimEvent(t.deps, submitted(A, `c-${i}`))));
    expect(outcomes.filter((o) => o.kind === 'applied')).toHaveLength(1);
  });

  it('the key is released when the claim ends, and another claim takes it', async () => {
    const t = await setup();
    expect((await applyStoredClaimEvent(t.deps, submitted(A, 'c-1'))).kind).toBe('applied');
    expect((await applyStoredClaimEvent(t.deps, submitted(A, 'c-2'))).kind).toBe('refused');
    expect((await applyStoredClaimEvent(t.deps, { ...later('rejected', A, 'c-1'), reason: 'insufficient-proof' } as ClaimEvent)).kind).toBe(
      'applied',
    );
    expect(await t.store.collection('partners').read(claimKeyDocId('mws|fab00000-2222-4a2a-a222-000000000001|teams'), A)).toBeUndefined();
    expect(await applyStoredClaimEvent(t.deps, submitted(A, 'c-2'))).toMatchObject({ kind: 'applied', claim: { status: 'submitted' } });
  });

  it("a key left by a crash (no claim written) is kept for the claim being written, then taken over; an ended holder's key is taken over on its ETag", async () => {
    const t = await setup();
    const id = claimKeyDocId('mws|fab00000-2222-4a2a-a222-000000000001|teams');
    await t.store.collection('partners').create({
      id,
      partnerId: A,
      docType: 'claim-key',
      key: 'mws|fab00000-2222-4a2a-a222-000000000001|teams',
      claimId: 'c-ghost',
      claimedAt: '2026-11-20T10:00:00.000Z',
    });
    expect(await applyStoredClaimEvent(t.deps, submitted(A, 'c-2'))).toMatchObject({
      kind: 'refused',
      conflictingClaimId: 'c-ghost',
      reason: expect.stringContaining('being written'),
    });
    t.advance(PENDING_HOLDER_GRACE_MS + 1);
    expect((await applyStoredClaimEvent(t.deps, submitted(A, 'c-2'))).kind).toBe('applied');
    expect((await t.store.collection('partners').read(id, A))?.doc).toMatchObject({ claimId: 'c-2' });
    // A key whose holder ended without releasing it (a crash after the claim write): taken over.
    await t.store.collection('partners').upsert({ ...(await t.claim(A, 'c-2'))!, status: 'rejected' } as never);
    expect((await applyStoredClaimEvent(t.deps, submitted(A, 'c-3'))).kind).toBe('applied');
    expect((await t.store.collection('partners').read(id, A))?.doc).toMatchObject({ claimId: 'c-3' });
  });

  it("other partners' claims for the same key stay allowed (flagged competing)", async () => {
    const t = await setup();
    const [x, y] = await Promise.all([
      applyStoredClaimEvent(t.deps, submitted(A, 'c-1')),
      applyStoredClaimEvent(t.deps, submitted(B, 'c-1')),
    ]);
    expect([x.kind, y.kind]).toEqual(['applied', 'applied']);
    const later = await applyStoredClaimEvent(t.deps, submitted(B, 'c-9', mwsData({ workloads: ['Exchange'] })));
    expect(later.kind).toBe('applied');
    const third = await applyStoredClaimEvent(t.deps, { ...submitted(A, 'c-3', mwsData({ workloads: ['Exchange'] })) });
    expect(third).toMatchObject({ kind: 'applied', claim: { competing: [expect.objectContaining({ partnerId: B, claimId: 'c-9' })] } });
  });
});
