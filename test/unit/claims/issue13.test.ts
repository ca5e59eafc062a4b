// Issue 13, CPOR claims: each case written from the rule's text (pcs-rules.md §4.2).
import { describe, expect, it } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import type { Principal } from '../../../shared/access/principal.js';
import { ANOTHER_PARTNER } from '../../../shared/claims/views.js';
import { receiveClaimWebhook } from '../../../shared/claims/webhook.js';
import { partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { applyClaimEvent, partnerActionLastDay } from '../../../shared/domain/claims/apply.js';
import { addBusinessDays } from '../../../shared/domain/claims/business-days.js';
import { claimDeadlines } from '../../../shared/domain/claims/deadlines.js';
import { getClaimHandler } from '../../../shared/handlers/getClaim.js';
import { listClaimsHandler } from '../../../shared/handlers/listClaims.js';
import type { Clock } from '../../../shared/ports/clock.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { RecordingBus } from '../pipeline/fakes.js';
import { baData, ev, mwsData, run } from './fixtures.js';
import { storeWithPartners } from './store.js';

const SECRET = 'whsec_' + Buffer.from('claims-issue13-secret').toString('base64');
const A = '4100002';
const B = '4100003';
const TENANT = 'fab00000-2222-4a2a-a222-000000000001';

async function setup(now = '2026-11-20T10:00:00Z') {
  const store = await storeWithPartners(A, B);
  const bus = new RecordingBus();
  const clock: Clock = { now: () => new Date(now) };
  const log = { log() {}, warn() {}, error() {} };
  let n = 0;
  const post = async (value: unknown) => {
    const body = JSON.stringify(value);
    return receiveClaimWebhook(
      { store, repos: store.repos, bus, clock },
      { secrets: [SECRET], log },
      { headers: signWebhook({ id: `d-${++n}`, timestamp: clock.now(), body, secret: SECRET }), body },
    );
  };
  const read = async (partnerId: string, claimId: string) =>
    (await store.collection('partners').read(`claim:${claimId}`, partnerId))?.doc as Record<string, unknown>;
  return { store, bus, post, read };
}

const mws = (partnerId: string, claimId: string, at: string, over: Record<string, unknown> = {}) => ({
  type: 'submitted',
  eventId: `sub-${partnerId}-${claimId}`,
  occurredAt: at,
  partnerId,
  claimId,
  claim: { ...mwsData({ workloads: ['Teams'] }), proofOfExecution: { reference: 'sow-1', date: '2026-10-20' }, ...over },
  submittedBy: { role: 'incentives-admin' },
});
const ba = (over: Record<string, unknown> = {}, at = '2026-11-20T09:00:00Z') => ({
  type: 'submitted',
  eventId: `sub-ba-${JSON.stringify(over).length}`,
  occurredAt: at,
  partnerId: A,
  claimId: 'c-ba',
  claim: {
    ...baData(),
    subscriptionId: undefined,
    subscription: { id: 'sub-0001', purchaseChannel: 'volume-licensing', startedOn: '2026-10-01' },
    proofOfExecution: { reference: 'poe-77', date: '2026-10-15' },
    ...over,
  },
  submittedBy: { role: 'incentives-admin' },
});
const event = (partnerId: string, claimId: string, type: string, at: string, extra: object = {}) => ({
  type,
  eventId: `${partnerId}-${claimId}-${type}-${at}`,
  occurredAt: at,
  partnerId,
  claimId,
  ...extra,
});

describe('§4.2 one partner per tenant + workload / subscription, across the partners of one deployment', () => {
  it("a claim submitted while another partner's claim on the same key is active is flagged competing on both claims", async () => {
    const t = await setup();
    expect((await t.post(mws(A, 'a-1', '2026-11-02T09:00:00Z'))).status).toBe(202);
    const second = await t.post(mws(B, 'b-1', '2026-11-03T09:00:00Z'));
    expect(second.status).toBe(202); // another partner: accepted, Microsoft arbitrates
    expect((await t.read(B, 'b-1')).competing).toEqual([
      { partnerId: A, claimId: 'a-1', keys: [`mws|${TENANT}|teams`], since: '2026-11-03' },
    ]);
    expect((await t.read(A, 'a-1')).competing).toEqual([
      { partnerId: B, claimId: 'b-1', keys: [`mws|${TENANT}|teams`], since: '2026-11-03' },
    ]);
  });

  it('a partner-scoped caller sees the competing partner unnamed (GET /api/claims); an admin sees who it is', async () => {
    const t = await setup();
    await t.post(mws(A, 'a-1', '2026-11-02T09:00:00Z'));
    await t.post(event(A, 'a-1', 'approved', '2026-11-04T09:00:00Z'));
    await t.post(mws(B, 'b-1', '2026-11-05T09:00:00Z'));
    await t.post(event(B, 'b-1', 'approved', '2026-11-10T09:00:00Z'));
    const deps = { store: t.store, repos: t.store.repos, clock: { now: () => new Date('2026-11-20T10:00:00Z') } };
    const context = new InvocationContext({ functionName: 'claims', invocationId: 'test' });
    const asA: Principal = { admin: false, partners: new Set([A]), keyId: 'k', via: 'key' };
    const admin: Principal = { admin: true, partners: null, keyId: 'k', via: 'key' };
    const one = (principal: Principal) =>
      getClaimHandler(deps)(
        new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/claims/${A}/a-1`, params: { partnerId: A, claimId: 'a-1' } }),
        context,
        principal,
      );
    const seen = (await one(asA)).jsonBody as { competing: Array<Record<string, unknown>>; supersededBy: Array<Record<string, unknown>> };
    expect(seen.competing).toEqual([
      expect.objectContaining({ partnerId: ANOTHER_PARTNER, claimId: expect.stringMatching(/^[0-9a-f]{16}$/) }),
    ]);
    expect(seen.supersededBy).toEqual([
      expect.objectContaining({ byPartnerId: ANOTHER_PARTNER, reason: expect.stringMatching(/^another partner's claim was approved/) }),
    ]);
    expect(JSON.stringify(seen)).not.toContain(B);
    expect(JSON.stringify(seen)).not.toContain('b-1');
    const list = await listClaimsHandler(deps)(
      new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/claims/${A}`, params: { partnerId: A } }),
      context,
      asA,
    );
    expect(JSON.stringify(list.jsonBody)).not.toContain(B);
    const named = (await one(admin)).jsonBody as { competing: Array<Record<string, unknown>> };
    expect(named.competing).toEqual([expect.objectContaining({ partnerId: B, claimId: 'b-1' })]);
  });

  it("an approval while another partner holds the key ends the earlier holder's association the day after; its claim says why; both scores follow", async () => {
    const t = await setup();
    await t.post(mws(A, 'a-1', '2026-11-02T09:00:00Z', { workloads: ['Teams', 'Intune'] }));
    await t.post(event(A, 'a-1', 'approved', '2026-11-04T09:00:00Z'));
    await t.post(mws(B, 'b-1', '2026-11-05T09:00:00Z'));
    t.bus.sent.length = 0;
    const approved = await t.post(event(B, 'b-1', 'approved', '2026-11-10T09:00:00Z'));
    expect(approved).toMatchObject({ status: 202, body: { status: 'approved' } });
    const a = await t.read(A, 'a-1');
    expect(a.supersededBy).toEqual([
      expect.objectContaining({
        byPartnerId: B,
        byClaimId: 'b-1',
        workloads: ['Teams'],
        approvedOn: '2026-11-10',
        lastDay: '2026-11-11',
        reason: expect.stringMatching(/most recent proof of execution/),
      }),
    ]);
    const changes = t.bus.sent
      .map((m) => partnerChangeMessageSchema.parse(m.body))
      .flatMap((m) => m.changes.flatMap((c) => (c.fact === 'association' ? [{ ...c, partnerId: m.partnerId }] : [])));
    // A's Teams association ends on 2026-11-11 (Intune stays); B's starts on 2026-11-10.
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ partnerId: A, workload: 'Teams', from: '2026-11-04', to: '2026-11-11' }),
        expect.objectContaining({ partnerId: B, workload: 'Teams', from: '2026-11-10', to: null }),
      ]),
    );
    expect(changes.some((c) => c.partnerId === A && c.workload === 'Intune')).toBe(false);
  });

  it("the same partner's second active claim on a key is still refused (409)", async () => {
    const t = await setup();
    await t.post(mws(A, 'a-1', '2026-11-02T09:00:00Z'));
    expect(await t.post(mws(A, 'a-2', '2026-11-03T09:00:00Z'))).toMatchObject({ status: 409, body: { conflictingClaimId: 'a-1' } });
  });
});

describe('§4.2 eligibility where a submission enters (the claims webhook)', () => {
  it('the workload must be eligible for the area: "Minecraft Realms" is refused, naming the rule', async () => {
    const t = await setup();
    const r = await t.post(mws(A, 'a-1', '2026-11-02T09:00:00Z', { workloads: ['Teams', 'Minecraft Realms'] }));
    expect(r).toMatchObject({ status: 400, body: { errors: [{ path: 'claim.workloads[1]', rule: expect.stringMatching(/§4\.2/) }] } });
  });

  it('an unknown partner gets a 404', async () => {
    const t = await setup();
    expect(await t.post(mws('9999999', 'x-1', '2026-11-02T09:00:00Z'))).toMatchObject({
      status: 404,
      body: { error: expect.stringMatching(/partner 9999999 is unknown/) },
    });
  });

  it("the customer's domain must agree with what the product knows of the tenant", async () => {
    const t = await setup();
    expect((await t.post(mws(A, 'a-1', '2026-11-02T09:00:00Z', { customerDomain: 'fabrikam.onmicrosoft.com' }))).status).toBe(202);
    const r = await t.post(mws(B, 'b-1', '2026-11-03T09:00:00Z', { customerDomain: 'contoso.onmicrosoft.com' }));
    expect(r).toMatchObject({ status: 409, body: { errors: [{ path: 'claim.customerDomain', rule: expect.stringMatching(/§4\.2/) }] } });
  });

  it('the proof of execution must be present with its date', async () => {
    const t = await setup();
    const r = await t.post(mws(A, 'a-1', '2026-11-02T09:00:00Z', { proofOfExecution: 'sow-1' }));
    expect(r).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'claim.proofOfExecution.date', rule: expect.stringMatching(/proof of execution/) }] },
    });
  });

  it("the submitter's role must be incentives-admin, billing-admin or global-admin", async () => {
    const t = await setup();
    expect(await t.post({ ...mws(A, 'a-1', '2026-11-02T09:00:00Z'), submittedBy: { role: 'sales-agent' } })).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'submittedBy.role' }] },
    });
    const { submittedBy: _, ...without } = mws(A, 'a-2', '2026-11-02T09:00:00Z');
    expect(await t.post(without)).toMatchObject({ status: 400, body: { errors: [{ path: 'submittedBy.role' }] } });
    expect((await t.post({ ...mws(A, 'a-3', '2026-11-02T09:00:00Z'), submittedBy: { role: 'global-admin' } })).status).toBe(202);
  });

  it('Business Applications: only volume-licensing or web-direct subscriptions, and not in the 7 days after startedOn', async () => {
    const t = await setup();
    const csp = await t.post(ba({ subscription: { id: 'sub-0001', purchaseChannel: 'csp', startedOn: '2026-10-01' } }));
    expect(csp).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'claim.subscription.purchaseChannel', rule: expect.stringMatching(/Volume Licensing or Web Direct/) }] },
    });
    const young = await t.post(ba({ subscription: { id: 'sub-0001', purchaseChannel: 'web-direct', startedOn: '2026-11-13' } }));
    expect(young).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'claim.subscription.startedOn', message: expect.stringMatching(/claimable from 2026-11-21/) }] },
    });
    expect((await t.post(ba({ subscription: { id: 'sub-0001', purchaseChannel: 'web-direct', startedOn: '2026-11-12' } }))).status).toBe(
      202,
    );
  });

  it('events already stored are not judged again (the pure lifecycle takes any workload)', () => {
    expect(run([ev('submitted', '2026-11-02', { claim: mwsData({ workloads: ['Minecraft Realms'] }) })]).status).toBe('submitted');
  });
});

describe('§4.2 editing: only in Partner action required', () => {
  it('an edited event (new proof of execution or contacts) is accepted in Partner action required, 409 elsewhere', async () => {
    const t = await setup();
    await t.post(mws(A, 'a-1', '2026-11-02T09:00:00Z'));
    const early = await t.post(
      event(A, 'a-1', 'edited', '2026-11-03T09:00:00Z', { edit: { proofOfExecution: { reference: 'sow-2', date: '2026-11-01' } } }),
    );
    expect(early).toMatchObject({
      status: 409,
      body: { error: expect.stringMatching(/"edited" is not allowed while the claim is "submitted"/) },
    });
    await t.post(event(A, 'a-1', 'action-required', '2026-11-04T09:00:00Z'));
    const edit = await t.post(
      event(A, 'a-1', 'edited', '2026-11-05T09:00:00Z', {
        edit: {
          proofOfExecution: { reference: 'sow-2', date: '2026-11-01' },
          customerContact: { name: 'Bea', email: 'bea@customer.example' },
        },
      }),
    );
    expect(edit).toMatchObject({ status: 202, body: { status: 'partner-action-required' } });
    expect(await t.read(A, 'a-1')).toMatchObject({
      proofOfExecution: 'sow-2',
      proofOfExecutionDate: '2026-11-01',
      customerContact: { name: 'Bea' },
    });
  });
});

describe('§4.2 deadlines enforced by the rules, not only by the timer', () => {
  it('a partner answer after the 14th business day is refused with the deadline (409), even before the timer ran', async () => {
    const t = await setup('2026-11-25T10:00:00Z');
    await t.post(mws(A, 'a-1', '2026-11-02T09:00:00Z'));
    await t.post(event(A, 'a-1', 'action-required', '2026-11-02T11:00:00Z')); // Monday → last day Friday 2026-11-20
    const late = await t.post(event(A, 'a-1', 'partner-responded', '2026-11-23T08:00:00Z'));
    expect(late).toMatchObject({
      status: 409,
      body: { deadline: { kind: 'partner-action', lastDay: '2026-11-20' }, error: expect.stringMatching(/due by 2026-11-20/) },
    });
  });
});

describe('§4.2 business days: a holiday calendar per market (default none)', () => {
  it("every business-day deadline skips the market's holidays, and the deadline shows them", () => {
    const calendars = { DE: ['2026-12-24', '2026-12-25'] };
    expect(addBusinessDays('2026-12-22', 3)).toBe('2026-12-25'); // default: no holidays
    expect(addBusinessDays('2026-12-22', 3, calendars.DE)).toBe('2026-12-29');
    expect(partnerActionLastDay('2026-12-21', calendars.DE)).toBe(addBusinessDays('2026-12-21', 14, calendars.DE));
    const claim = run([ev('submitted', '2026-12-21', { claim: mwsData({ market: 'DE' }) }), ev('action-required', '2026-12-21T10:00:00Z')]);
    const [d] = claimDeadlines(claim, '2026-12-22', calendars);
    expect(d).toMatchObject({
      kind: 'partner-action',
      lastDay: '2027-01-12',
      calendar: { market: 'DE', holidays: ['2026-12-24', '2026-12-25'] },
    });
    expect(claimDeadlines(claim, '2026-12-22')[0]).toMatchObject({ lastDay: '2027-01-08', calendar: { market: 'DE', holidays: [] } });
    // The opt-out window too, and the refusal of a late answer follows the calendar.
    const approved = run([ev('submitted', '2026-12-21', { claim: mwsData({ market: 'DE' }) }), ev('approved', '2026-12-22T10:00:00Z')]);
    expect(claimDeadlines(approved, '2026-12-23', calendars)[0]).toMatchObject({ kind: 'opt-out', lastDay: '2026-12-31' });
    expect(applyClaimEvent(claim, ev('partner-responded', '2027-01-11T10:00:00Z'), { calendars })).toMatchObject({ ok: true });
    expect(applyClaimEvent(claim, ev('partner-responded', '2027-01-11T10:00:00Z'))).toMatchObject({
      ok: false,
      deadline: { lastDay: '2027-01-08' },
    });
  });
});
