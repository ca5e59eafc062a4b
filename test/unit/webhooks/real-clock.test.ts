// The webhook handlers check Standard Webhooks timestamps on the real clock, not on the business clock
// that LOCAL_TODAY moves: an outside sender signs with its real time, whatever day the product scores on.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';

import { clockOnDay } from '../../../shared/adapters/system/clock.js';
import { submitChangesHandler } from '../../../shared/handlers/submitChanges.js';
import { submitClaimEventHandler } from '../../../shared/handlers/submitClaimEvent.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';
import { mwsData } from '../claims/fixtures.js';
import { storeWithPartners } from '../claims/store.js';
import { RecordingBus } from '../pipeline/fakes.js';

const SECRET = 'whsec_' + Buffer.from('real-clock-unit-secret').toString('base64');
// A business day far from today (as LOCAL_TODAY=2026-11-21 would give on any real date but that one).
const businessClock = clockOnDay('2020-03-02');

function post(route: string, value: unknown, id: string, timestamp: Date): HttpRequest {
  const body = JSON.stringify(value);
  return new HttpRequest({
    method: 'POST',
    url: `http://localhost/api/${route}`,
    headers: { 'content-type': 'application/json', ...signWebhook({ id, timestamp, body, secret: SECRET }) },
    body: { string: body },
  });
}

const change = {
  fact: 'association',
  partnerId: '4100001',
  tenantId: 't-1',
  type: 'CSP_T1',
  from: '2019-01-01',
  observedAt: '2020-03-02T07:00:00Z',
};

describe('webhook timestamps are checked on the real clock', () => {
  it('POST /api/changes: signed with the real time → 202 although the business day is 2020-03-02; signed with the business time → 401', async () => {
    expect(Math.abs(businessClock.now().getTime() - Date.now())).toBeGreaterThan(86_400_000);
    const bus = new RecordingBus();
    const handler = submitChangesHandler({ store: new MemoryStore(), bus, clock: businessClock }, { WEBHOOK_SECRETS: [SECRET] });
    const ok = await handler(post('changes', [change], 'real-1', new Date()), new InvocationContext());
    expect(ok.status, JSON.stringify(ok.jsonBody ?? ok.body)).toBe(202);
    expect(bus.sent).toHaveLength(1);
    const stale = await handler(post('changes', [change], 'business-1', businessClock.now()), new InvocationContext());
    expect(stale.status).toBe(401);
    expect(bus.sent).toHaveLength(1);
  });

  it('POST /api/claims/events: signed with the real time passes the signature check; with the business time → 401', async () => {
    const handler = submitClaimEventHandler(
      withRepos(await storeWithPartners('4100002'), { bus: new RecordingBus(), clock: businessClock }),
      { WEBHOOK_SECRETS: [SECRET] },
    );
    const submission = {
      type: 'submitted',
      eventId: 'sub-c-1',
      occurredAt: '2020-03-01T09:00:00Z',
      partnerId: '4100002',
      claimId: 'c-1',
      claim: { ...mwsData({ workloads: ['Teams'] }) },
    };
    const ok = await handler(post('claims/events', submission, 'claim-real', new Date()), new InvocationContext());
    // Past the signature check: whatever the claim rules answer (202, or 400/404/409 on the claim itself), not 401.
    expect(ok.status, JSON.stringify(ok.jsonBody ?? ok.body)).not.toBe(401);
    expect(JSON.stringify(ok.jsonBody ?? ok.body)).not.toMatch(/webhook-timestamp/);
    const stale = await handler(post('claims/events', submission, 'claim-business', businessClock.now()), new InvocationContext());
    expect(stale.status).toBe(401);
  });

  it('a realClock in the deps is the one used (tests and replays can pin it)', async () => {
    const pinned = { now: () => new Date('2020-03-02T10:00:00Z') };
    const handler = submitChangesHandler(
      { store: new MemoryStore(), bus: new RecordingBus(), clock: businessClock, realClock: pinned },
      { WEBHOOK_SECRETS: [SECRET] },
    );
    expect((await handler(post('changes', [change], 'pinned-1', pinned.now()), new InvocationContext())).status).toBe(202);
    expect((await handler(post('changes', [change], 'pinned-2', new Date()), new InvocationContext())).status).toBe(401);
  });
});
