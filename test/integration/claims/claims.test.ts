// CPOR claims end to end on the stand-ins: POST /api/claims/events over real HTTP (the local host's
// trigger server), signed like /api/changes, claims in the Cosmos stand-in (a database of this file's
// own), association messages on a Service Bus queue of this file's own; then the pipeline applies the
// received message and the customer document holds the CPOR association.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HttpServerHandle } from '../../../devtools/host/http.js';
import { applyClaimDeadlines } from '../../../shared/claims/deadlines.js';
import { LOCAL_DEV_WEBHOOK_SECRET } from '../../../shared/config/config.js';
import { type CustomerDoc, customerDocId } from '../../../shared/domain/changes/docs.js';
import { partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { claimDeadlinesHandler } from '../../../shared/handlers/claimDeadlines.js';
import { getClaimHandler } from '../../../shared/handlers/getClaim.js';
import { listClaimsHandler } from '../../../shared/handlers/listClaims.js';
import { submitClaimEventHandler } from '../../../shared/handlers/submitClaimEvent.js';
import { pushChanges } from '../../../shared/ingestion/push-client.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import type { MessageBus, OutboundMessage } from '../../../shared/ports/messageBus.js';
import { unique } from '../helpers.js';
import { aTimer, type IngestionStack, ingestionStack, invocationContext, serveHttp } from '../ingestion/stack.js';

let s: IngestionStack;
let server: HttpServerHandle;
let url: string;

const PARTNER = unique('p-claims');
const OTHER = unique('p-claims-b');
const TENANT = 'fab00000-2222-4a2a-a222-00000000c0de';

beforeAll(async () => {
  s = await ingestionStack('claims');
  // Claims need a known partner (issue 13, §4.2): a profile document each.
  for (const partnerId of [PARTNER, OTHER])
    await s.store.collection('partners').upsert({ id: 'profile', docType: 'profile', partnerId, snapshots: {} });
  const deps = { store: s.store, repos: s.repos, bus: s.bus, clock: s.clock };
  server = await serveHttp([
    {
      name: 'submitClaimEvent',
      route: 'claims/events',
      methods: ['POST'],
      handler: submitClaimEventHandler(deps, { WEBHOOK_SECRETS: [LOCAL_DEV_WEBHOOK_SECRET] }, { queue: s.queue }) as never,
    },
    { name: 'listClaims', route: 'claims/{partnerId}', methods: ['GET'], handler: listClaimsHandler(deps) as never },
    { name: 'getClaim', route: 'claims/{partnerId}/{claimId}', methods: ['GET'], handler: getClaimHandler(deps) as never },
  ]);
  url = `${server.url}/api/claims/events`;
});
afterAll(async () => {
  await server?.close();
  await s?.close();
});

const now = () => new Date().toISOString();
const submission = (claimId: string, workloads: string[]) => ({
  type: 'submitted',
  eventId: `${claimId}-submitted`,
  occurredAt: now(),
  partnerId: PARTNER,
  claimId,
  submittedBy: { role: 'incentives-admin' },
  claim: {
    tenantId: TENANT,
    solutionArea: 'modernWorkSecurity',
    activity: 'use-consume',
    workloads,
    customerContact: { name: 'Ana Customer', title: 'CIO', email: 'ana@customer.example' },
    proofOfExecution: { reference: 'sow-2026-017', date: '2026-01-15' },
  },
});
const event = (claimId: string, type: string, extra: object = {}) => ({
  type,
  eventId: `${claimId}-${type}`,
  occurredAt: now(),
  partnerId: PARTNER,
  claimId,
  ...extra,
});

/** A bus that keeps what the pipeline sends (recompute, notifications) off the shared stand-in. */
class MemoryBus implements MessageBus {
  readonly sent: OutboundMessage[] = [];
  async send(_queue: string, messages: readonly OutboundMessage[]): Promise<void> {
    this.sent.push(...messages);
  }
}

describe('CPOR claims over HTTP', () => {
  it('submission → approval → a PartnerChangeMessage with the CPOR association; the pipeline stores it on the customer', async () => {
    const submitted = await pushChanges(url, submission('c-teams', ['Teams']), LOCAL_DEV_WEBHOOK_SECRET);
    expect(submitted).toMatchObject({
      status: 202,
      body: { partnerId: PARTNER, claimId: 'c-teams', status: 'submitted', outcome: 'created', messages: [] },
    });
    expect(await s.drain(500)).toEqual([]);

    expect((await pushChanges(url, event('c-teams', 'review-started'), LOCAL_DEV_WEBHOOK_SECRET)).body).toMatchObject({
      status: 'under-review',
    });
    const approvedEvent = event('c-teams', 'approved');
    const approved = await pushChanges(url, approvedEvent, LOCAL_DEV_WEBHOOK_SECRET, { id: 'msg_claim_approved' });
    expect(approved).toMatchObject({ status: 202, body: { status: 'approved', outcome: 'applied' } });
    const ids = (approved.body as { messages: string[] }).messages;
    expect(ids).toHaveLength(1);

    const received = await s.drain(1500, 1);
    expect(received.map((m) => m.messageId)).toEqual(ids);
    const message = partnerChangeMessageSchema.parse(received[0]!.body);
    const day = approvedEvent.occurredAt.slice(0, 10);
    expect(message).toMatchObject({ partnerId: PARTNER, source: { webhookId: 'msg_claim_approved' } });
    expect(message.changes).toEqual([
      {
        fact: 'association',
        partnerId: PARTNER,
        tenantId: TENANT,
        type: 'CPOR',
        workload: 'Teams',
        cporActivity: 'use-consume',
        from: day,
        to: null,
        observedAt: approvedEvent.occurredAt,
        deleted: false,
      },
    ]);

    // Replayed delivery: the same answer, no second message.
    const sentBefore = s.bus.sentIds.length;
    const replay = await pushChanges(url, approvedEvent, LOCAL_DEV_WEBHOOK_SECRET, { id: 'msg_claim_approved' });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual(approved.body);
    expect(s.bus.sentIds.length).toBe(sentBefore);
    expect(await s.drain(500)).toEqual([]);

    // The pipeline applies the message as it would from partner-changes: the claim feeds scoring.
    const outcome = await applyPartnerChanges({ store: s.store, repos: s.repos, bus: new MemoryBus(), clock: s.clock }, received[0]!.body);
    expect(outcome).toMatchObject({ outcome: 'applied', partnerId: PARTNER, written: [customerDocId(TENANT)] });
    const customer = (await new PartnerRepository(s).readDoc<CustomerDoc>(PARTNER, customerDocId(TENANT)))!.doc;
    expect(Object.values(customer.associations)).toEqual([
      expect.objectContaining({ type: 'CPOR', workload: 'Teams', cporActivity: 'use-consume', from: day, to: null, deleted: false }),
    ]);
  });

  it('a bad signature: 401, nothing stored or sent', async () => {
    const wrong = await pushChanges(
      url,
      submission('c-forged', ['Exchange Online']),
      'whsec_' + Buffer.from('not-configured').toString('base64'),
    );
    expect(wrong).toMatchObject({ status: 401, body: { error: 'no signature matches a configured secret' } });
    expect((await fetch(`${server.url}/api/claims/${PARTNER}/c-forged`)).status).toBe(404);
    expect(await s.drain(500)).toEqual([]);
  });

  it('a transition not allowed from the current status: 409 with the reason', async () => {
    const res = await pushChanges(url, event('c-teams', 'partner-responded'), LOCAL_DEV_WEBHOOK_SECRET);
    expect(res).toMatchObject({
      status: 409,
      body: {
        claimId: 'c-teams',
        status: 'approved',
        error: expect.stringMatching(/"partner-responded" is not allowed while the claim is "approved"/),
      },
    });
    const second = await pushChanges(url, submission('c-teams-again', ['teams']), LOCAL_DEV_WEBHOOK_SECRET);
    expect(second).toMatchObject({ status: 409, body: { conflictingClaimId: 'c-teams' } });
    const invalid = await pushChanges(url, { ...submission('c-x', []), occurredAt: 'soon' }, LOCAL_DEV_WEBHOOK_SECRET);
    expect(invalid.status).toBe(400);
    expect((invalid.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path).sort()).toEqual([
      'claim.workloads',
      'occurredAt',
    ]);
    expect(await s.drain(500)).toEqual([]);
  });

  it('GET /api/claims/{partnerId}[/{claimId}]: status, history and deadlines', async () => {
    const list = await fetch(`${server.url}/api/claims/${PARTNER}`);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { claims: Array<{ claimId: string; status: string; deadlines: Array<{ kind: string }> }> };
    expect(body.claims).toEqual([
      expect.objectContaining({
        claimId: 'c-teams',
        status: 'approved',
        events: 3,
        deadlines: [expect.objectContaining({ kind: 'opt-out', action: { type: 'opt-out-window-closed' } })],
      }),
    ]);

    const one = await fetch(`${server.url}/api/claims/${PARTNER}/c-teams`);
    const claim = (await one.json()) as {
      history: Array<{ type: string }>;
      deadlines: unknown[];
      associationChanges: unknown[];
      status: string;
    };
    expect(claim.status).toBe('approved');
    expect(claim.history.map((h) => h.type)).toEqual(['submitted', 'review-started', 'approved']);
    expect(claim.associationChanges).toHaveLength(1);
    expect((await fetch(`${server.url}/api/claims/${PARTNER}/nope`)).status).toBe(404);
    expect(await (await fetch(`${server.url}/api/claims/${PARTNER}/a%23b`)).json()).toMatchObject({ parameter: 'claimId' });
  });

  it('the deadline timer pages through claims across partners (cross-partition query) and applies what is due', async () => {
    const other = OTHER;
    await pushChanges(url, { ...submission('c-ask', ['SharePoint Online']), partnerId: other }, LOCAL_DEV_WEBHOOK_SECRET);
    await pushChanges(url, { ...event('c-ask', 'action-required'), partnerId: other }, LOCAL_DEV_WEBHOOK_SECRET);
    // Two months later: the partner never answered, and c-teams' opt-out window is long over.
    const later = { now: () => new Date(Date.now() + 60 * 86_400_000) };
    const lines: string[] = [];
    const result = await claimDeadlinesHandler({ store: s.store, repos: s.repos, bus: s.bus, clock: later }, { queue: s.queue })(
      aTimer,
      invocationContext('claimDeadlines', lines),
    );
    expect(result).toMatchObject({ claims: 2, applied: 2, skipped: 0 });
    expect(
      await applyClaimDeadlines({ store: s.store, repos: s.repos, bus: s.bus, clock: later }, { queue: s.queue, pageSize: 1 }),
    ).toMatchObject({
      applied: 0,
      pages: expect.any(Number),
    });
    const rejected = await fetch(`${server.url}/api/claims/${other}/c-ask`);
    expect(await rejected.json()).toMatchObject({ status: 'rejected', rejection: { reason: 'no-partner-response' } });
    const confirmed = await fetch(`${server.url}/api/claims/${PARTNER}/c-teams`);
    expect(await confirmed.json()).toMatchObject({ status: 'approved', confirmedOn: expect.any(String) });
    expect(await s.drain(500)).toEqual([]); // neither changes an association
  });
});
