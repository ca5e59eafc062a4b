// The portfolio list, its summary line, a partner's mails and the rejected messages against the real Cosmos
// stand-in: the built SQL (CONTAINS, LOWER, ARRAY_CONTAINS, OR over areas, ORDER BY one nested field with
// continuation) runs there as on Cosmos DB. Then the routes through the local host: partners/summary wins
// over partners/{partnerId}, mails, operations and openapi.json.
import type { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import { type RunningHost, startHost } from '../../../devtools/host/host.js';
import { getRoot } from '../../../functions/composition.js';
import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { createCosmosRepositories } from '../../../shared/adapters/cosmos/repositories/index.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import type { PartnerMails } from '../../../shared/api/mails.js';
import type { RejectedMessages } from '../../../shared/api/operations.js';
import type { PartnerList } from '../../../shared/api/partners.js';
import type { PartnersSummary } from '../../../shared/api/summary.js';
import { getPartnerMailsHandler } from '../../../shared/handlers/getPartnerMails.js';
import { listPartnersHandler } from '../../../shared/handlers/listPartners.js';
import { listRejectedMessagesHandler } from '../../../shared/handlers/operations.js';
import { partnersSummaryHandler } from '../../../shared/handlers/partnersSummary.js';
import { rejectMessage } from '../../../shared/handlers/rejections.js';
import { recordSkipped, sendOnce } from '../../../shared/notifications/sendOnce.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
import type { DocumentStore } from '../../../shared/ports/documentStore.js';
import type { Repositories } from '../../../shared/ports/repositories.js';
import { fakeContext, liftMessage, RecordingBus, sampleMessages, TestClock } from '../../unit/pipeline/fakes.js';
import { stackConfig, unique, withCosmosRepos } from '../helpers.js';

const PARTNERS = ['4100001', '4100002', '4100003', '4100004', '4100005', '4100006'];
let cosmos: CosmosClient;
let store: DocumentStore;
let repos: Repositories;
const clock = new TestClock('2026-11-21');
const quiet = { log() {}, warn() {}, error() {} };

async function seed(s: DocumentStore, partners: readonly string[]) {
  const deps = withCosmosRepos(s, { bus: new RecordingBus(), clock });
  for (const p of partners) for (const m of await sampleMessages(p)) await applyPartnerChanges(deps, m);
  if (partners.includes('4100003')) await applyPartnerChanges(deps, await liftMessage());
  for (const p of partners) await recomputePartner(deps, p, { guidance: true, reason: 'nightly' });
}

beforeAll(async () => {
  const config = stackConfig();
  cosmos = createCosmosClient(config);
  store = createCosmosStore(await ensureCosmosSchema(cosmos, config.COSMOS_DATABASE));
  repos = createCosmosRepositories(store);
  await seed(store, PARTNERS);
}, 180_000);
afterAll(() => cosmos?.dispose());

const context = () => new InvocationContext({ functionName: 'test', invocationId: 'test' });
const get = (path: string, params: Record<string, string> = {}) =>
  new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/${path}`, params });
async function ids(query: string, onlyPartners?: string[]): Promise<string[]> {
  const res = await listPartnersHandler({ repos })(get(`partners${query}`), context(), { onlyPartners });
  expect(res.status, JSON.stringify(res.jsonBody)).toBe(200);
  return (res.jsonBody as PartnerList).partners.map((p) => p.partnerId);
}

describe('portfolio list against Cosmos', () => {
  it('filters on status (one area or any), at risk, q on name or id, and the partner restriction', async () => {
    expect(await ids('?status=enrolled')).toEqual(['4100002', '4100004', '4100006']);
    expect(await ids('?status=enrolled&area=modernWork')).toEqual(['4100002']);
    expect(await ids('?status=atRisk')).toEqual(['4100001', '4100003', '4100004', '4100006']);
    expect(await ids('?status=atRisk&area=security')).toEqual(['4100004']);
    expect(await ids('?q=S%C3%A9CURIT%C3%A9')).toEqual(['4100004']); // "SéCURITé": stored lower-case name
    expect(await ids('?q=100005')).toEqual(['4100005']);
    expect(await ids('?q=DA&status=enrolled')).toEqual(['4100004', '4100006']);
    expect(await ids('', ['4100006', '4100001'])).toEqual(['4100001', '4100006']);
    expect(await ids('?status=enrolled', ['4100001'])).toEqual([]);
  });

  it('sorts on a nested field, descending, with null first ascending, and pages with continuation', async () => {
    expect(await ids('?sort=-name')).toEqual(['4100006', '4100003', '4100005', '4100002', '4100001', '4100004']);
    expect((await ids('?sort=nextAnniversary')).slice(3)).toEqual(['4100002', '4100006', '4100004']);
    const seen: string[] = [];
    let continuation: string | null = null;
    let pages = 0;
    do {
      const res = await listPartnersHandler({ repos })(
        get(`partners?sort=-dataAi.total&limit=2${continuation ? `&continuation=${continuation}` : ''}`),
        context(),
      );
      expect(res.status, JSON.stringify(res.jsonBody)).toBe(200);
      const body = res.jsonBody as PartnerList;
      expect(body.partners.length).toBeLessThanOrEqual(2);
      seen.push(...body.partners.map((p) => p.partnerId));
      continuation = body.continuation;
      pages++;
    } while (continuation && pages < 10);
    expect([...seen].sort()).toEqual(PARTNERS);
    expect(pages).toBeGreaterThanOrEqual(3);
    const all = (await listPartnersHandler({ repos })(get('partners?sort=-dataAi.total'), context())).jsonBody as PartnerList;
    expect(seen).toEqual(all.partners.map((p) => p.partnerId));
    const totals = all.partners.map((p) => p.areas.find((a) => a.area === 'dataAi')!.total!);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));

    const first = (await listPartnersHandler({ repos })(get('partners?sort=-dataAi.total&limit=2'), context())).jsonBody as PartnerList;
    const other = await listPartnersHandler({ repos })(
      get(`partners?sort=dataAi.total&limit=2&continuation=${first.continuation}`),
      context(),
    );
    expect(other).toMatchObject({ status: 400, jsonBody: { parameter: 'continuation' } });
  });

  it('shows per area at risk and days until the anniversary', async () => {
    const res = await listPartnersHandler({ repos })(get('partners?q=tailspin'), context());
    const [tailspin] = (res.jsonBody as PartnerList).partners;
    expect(tailspin).toMatchObject({ partnerId: '4100006', name: 'Tailspin Data B.V.', nextAnniversary: '2027-02-01' });
    expect(tailspin!.areas.find((a) => a.area === 'dataAi')).toMatchObject({
      status: 'enrolled',
      atRisk: true,
      total: 74,
      anniversary: '2027-02-01',
      daysUntilAnniversary: 72,
    });
  });

  it('counts the summary line by paging through the projected query', async () => {
    const res = await partnersSummaryHandler({ repos })(get('partners/summary'), context());
    const body = res.jsonBody as PartnersSummary;
    expect(body.partners).toBe(6);
    expect(body.areas.security).toEqual({ inProgress: 5, qualified: 0, enrolled: 1, renewalDue: 0, atRisk: 1 });
    expect(body.areas.infrastructure).toMatchObject({ qualified: 1, atRisk: 1 });
    const q = (await partnersSummaryHandler({ repos })(get('partners/summary?q=gmbh'), context())).jsonBody as PartnersSummary;
    expect(q).toMatchObject({ partners: 1, areas: { modernWork: { enrolled: 1 } } });
  });
});

describe('mails and rejected messages against Cosmos', () => {
  it('lists a partner’s mail records newest first, only that partner’s', async () => {
    const mailer = { send: async (m: { idempotencyKey: string }) => ({ messageId: `<${m.idempotencyKey}@it>` }) };
    const out = (partnerId: string, n: number, to = ['a@example.com']) => ({
      notificationId: `${partnerId}:it:${n}`,
      recordId: unique(`mail-${n}`),
      partnerId,
      kind: 'status',
      area: 'security',
      language: 'en-US',
      mail: { to, subject: `Subject ${n}`, text: 'x' },
    });
    const mclock = new TestClock('2026-11-01');
    await sendOnce({ store, mailer, clock: mclock }, out('4100004', 1), quiet);
    await new Promise((r) => setTimeout(r, 1100)); // _ts has whole seconds: the next record is written a second later
    mclock.set('2026-11-02');
    await recordSkipped({ store, clock: mclock }, out('4100004', 2, []), 'no-recipient', quiet);
    await sendOnce({ store, mailer, clock: mclock }, out('4100001', 3), quiet);
    const res = await getPartnerMailsHandler({ repos })(get('partners/4100004/mails', { partnerId: '4100004' }), context());
    expect(res.status).toBe(200);
    const body = res.jsonBody as PartnerMails;
    expect(body.mails.map((m) => [m.notificationId, m.state])).toEqual([
      ['4100004:it:2', 'skipped'],
      ['4100004:it:1', 'sent'],
    ]);
    expect(body.mails[1]).toMatchObject({
      subject: 'Subject 1',
      recipients: ['a@example.com'],
      sentAt: '2026-11-01T06:00:00.000Z',
      language: 'en-US',
    });
    const one = (await getPartnerMailsHandler({ repos })(get('partners/4100004/mails?limit=1', { partnerId: '4100004' }), context()))
      .jsonBody as PartnerMails;
    expect(one.mails.map((m) => m.notificationId)).toEqual(['4100004:it:2']);
  }, 30_000);

  it('lists rejected messages newest first', async () => {
    const rclock = new TestClock('2026-11-20');
    await rejectMessage(
      { store, clock: rclock },
      fakeContext('recomputePartner', 'r-1').context as never,
      { partnerId: 42 },
      'partnerId: expected string',
    );
    rclock.set('2026-11-22');
    await rejectMessage(
      { store, clock: rclock },
      fakeContext('processPartnerChange', 'r-2').context as never,
      'not json',
      'body: not JSON',
    );
    const body = (await listRejectedMessagesHandler({ repos })(get('operations/rejected'), context())).jsonBody as RejectedMessages;
    expect(body.rejectedMessages.map((r) => [r.messageId, r.queue, r.bodyExcerpt])).toEqual([
      ['r-2', 'partner-changes', 'not json'],
      ['r-1', 'partner-recompute', '{"partnerId":42}'],
    ]);
  });
});

describe('through the local host', () => {
  let host: RunningHost;
  beforeAll(async () => {
    const { settings } = inject('stack');
    host = await startHost({
      settings: { ...settings, COSMOS_DATABASE: unique('portfolio') },
      httpPort: 0,
      timers: false,
      serviceBus: false,
      log: () => {},
    });
    await seed(getRoot().ports.store, ['4100002', '4100004']);
  }, 180_000);
  afterAll(() => host?.stop());

  it('routes partners/summary (not as a partner id), the filtered list, mails, operations and openapi.json', async () => {
    const api = `${host.url}/api`;
    const summary = await fetch(`${api}/partners/summary`);
    expect(summary.status).toBe(200);
    expect(((await summary.json()) as PartnersSummary).partners).toBe(2);

    const list = await fetch(`${api}/partners?status=enrolled&area=security&sort=-name`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as PartnerList).partners.map((p) => p.partnerId)).toEqual(['4100004']);
    const unknown = await fetch(`${api}/partners?colour=red`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: expect.stringMatching(/^colour: /), parameter: 'colour' });

    const mails = await fetch(`${api}/partners/4100004/mails?limit=5`);
    expect(mails.status).toBe(200);
    expect(await mails.json()).toMatchObject({ partnerId: '4100004', mails: expect.any(Array) });

    const rejected = await fetch(`${api}/operations/rejected`);
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toEqual({ rejectedMessages: [] });
    const dead = await fetch(`${api}/operations/dead-letters?queue=notifications&limit=1`);
    expect(dead.status).toBe(200);
    expect(await dead.json()).toMatchObject({
      queues: [{ queue: 'notifications', messages: expect.any(Array), more: expect.any(Boolean) }],
    });

    const openapi = await fetch(`${api}/openapi.json`);
    expect(openapi.status).toBe(200);
    const doc = (await openapi.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/partners', '/api/partners/summary', '/api/operations/dead-letters']),
    );
  }, 60_000);
});
