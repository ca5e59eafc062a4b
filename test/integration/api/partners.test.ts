// The partner read API against the real Cosmos stand-in: partners seeded through the pipeline
// (applyPartnerChanges with the sample exports, recomputePartner for a second day), then read through
// the handlers with real HttpRequest objects, and once through the local host (routing, function names).
import type { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import { type RunningHost, startHost } from '../../../devtools/host/host.js';
import { getRoot } from '../../../functions/composition.js';
import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { createCosmosRepositories } from '../../../shared/adapters/cosmos/repositories/index.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import type { PartnerDetail, PartnerExplanations, PartnerList } from '../../../shared/api/partners.js';
import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { makeMessage } from '../../../shared/domain/changes/message.js';
import { AREAS } from '../../../shared/domain/facts/types.js';
import { getPartnerExplanationsHandler, getPartnerHandler } from '../../../shared/handlers/getPartner.js';
import { listPartnersHandler } from '../../../shared/handlers/listPartners.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
import type { DocumentStore } from '../../../shared/ports/documentStore.js';
import { liftMessage, RecordingBus, sampleMessages, TestClock } from '../../unit/pipeline/fakes.js';
import { stackConfig, unique, withCosmosRepos } from '../helpers.js';

const SAMPLE_PARTNERS = ['4100001', '4100002', '4100003', '4100004', '4100005'];
const NAMELESS = 'zz-nameless';

let cosmos: CosmosClient;
let store: DocumentStore;
const clock = new TestClock('2026-11-21');

beforeAll(async () => {
  const config = stackConfig();
  cosmos = createCosmosClient(config);
  store = createCosmosStore(await ensureCosmosSchema(cosmos, config.COSMOS_DATABASE));
  const deps = withCosmosRepos(store, { bus: new RecordingBus(), clock });
  for (const partnerId of SAMPLE_PARTNERS) {
    for (const message of await sampleMessages(partnerId)) expect((await applyPartnerChanges(deps, message)).outcome).toBe('applied');
  }
  // Northwind crosses 70 in Business Applications on the 21st (one transition)…
  expect((await applyPartnerChanges(deps, await liftMessage())).outcome).toBe('applied');
  // …and the next day's recompute moves the status day.
  clock.set('2026-11-22');
  expect((await recomputePartner(deps, '4100003')).outcome).toBe('recomputed');
  // A partner without a profile (one certification only): listed without a name.
  const cert = {
    partnerId: NAMELESS,
    observedAt: '2026-11-20T06:00:00Z',
    deleted: false,
    fact: 'certification',
    personId: 'x-1',
    name: 'Azure Administrator Associate',
    earned: '2026-10-01',
    expires: '2027-10-01',
  };
  const link = {
    partnerId: NAMELESS,
    observedAt: '2026-11-20T06:00:00Z',
    deleted: false,
    fact: 'person',
    personId: 'x-1',
    linkedFrom: '2025-01-01',
    linkedTo: null,
  };
  const outcome = await applyPartnerChanges(deps, makeMessage(NAMELESS, [link, cert] as unknown as ChangeEvent[]));
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ outcome: 'applied' });
}, 120_000);
afterAll(() => cosmos?.dispose());

const context = () => new InvocationContext({ functionName: 'test', invocationId: 'test' });
function get(url: string, params: Record<string, string> = {}) {
  return new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/${url}`, params });
}

describe('GET /api/partners against Cosmos', () => {
  it('pages through every known partner in partner-id order with continuation tokens', async () => {
    const list = listPartnersHandler({ repos: createCosmosRepositories(store) });
    const seen: PartnerList['partners'] = [];
    let continuation: string | null = null;
    let pages = 0;
    do {
      const res = await list(get(`partners?limit=2${continuation ? `&continuation=${continuation}` : ''}`), context());
      expect(res.status).toBe(200);
      const body = res.jsonBody as PartnerList;
      expect(body.partners.length).toBeLessThanOrEqual(2);
      seen.push(...body.partners);
      continuation = body.continuation;
      if (continuation) expect(continuation).toMatch(/^[A-Za-z0-9_-]+$/); // goes in a URL as it is
      pages++;
    } while (continuation && pages < 10);
    expect(seen.map((p) => p.partnerId)).toEqual([...SAMPLE_PARTNERS, NAMELESS]);
    expect(pages).toBeGreaterThanOrEqual(3);

    const northwind = seen.find((p) => p.partnerId === '4100003')!;
    expect(northwind).toMatchObject({ name: 'Northwind Dynamics Ltd', asOf: '2026-11-22', today: '2026-11-22' });
    expect(northwind.areas.map((a) => a.area)).toEqual([...AREAS]);
    expect(northwind.areas.find((a) => a.area === 'businessApplications')).toEqual({
      area: 'businessApplications',
      status: 'qualified',
      label: 'Qualified',
      total: 72.5,
      totalDisplay: '72.5',
      qualifiesToday: true,
      track: 'smb',
      atRisk: false, // no nightly run here
      anniversary: null,
      daysUntilAnniversary: null,
    });
    expect(seen.find((p) => p.partnerId === '4100002')).toMatchObject({ name: 'Fabrikam Workplace GmbH', asOf: '2026-11-21' });
    expect(seen.find((p) => p.partnerId === '4100005')?.name).toBe('Litware Apps, Inc.');
    const nameless = seen.find((p) => p.partnerId === NAMELESS)!;
    expect(nameless).not.toHaveProperty('name');
    expect(
      nameless.areas.every((a) => a.status === 'inProgress' && typeof a.total === 'number' && a.totalDisplay === a.total!.toFixed(1)),
    ).toBe(true);
  });

  it('defaults to 50 a page and answers 400 for a bad limit or continuation', async () => {
    const list = listPartnersHandler({ repos: createCosmosRepositories(store) });
    const all = await list(get('partners'), context());
    expect(all.status).toBe(200);
    expect((all.jsonBody as PartnerList).partners).toHaveLength(SAMPLE_PARTNERS.length + 1);
    expect((all.jsonBody as PartnerList).continuation).toBeNull();

    const bad = await list(get('partners?limit=500'), context());
    expect(bad).toMatchObject({ status: 400, jsonBody: { parameter: 'limit' } });
    const garbage = await list(get('partners?continuation=bm90LWEtdG9rZW4'), context()); // "not-a-token", base64url
    expect(garbage.status, JSON.stringify(garbage.jsonBody)).toBe(400);
    expect(garbage.jsonBody).toMatchObject({ parameter: 'continuation' });
  });
});

describe('GET /api/partners/{partnerId} against Cosmos', () => {
  it('returns the view of a seeded partner: statuses, windows, maxima, score, transitions', async () => {
    const res = await getPartnerHandler(withCosmosRepos(store))(get('partners/4100003', { partnerId: '4100003' }), context());
    expect(res.status).toBe(200);
    const body = res.jsonBody as PartnerDetail;
    expect(body).toMatchObject({
      partnerId: '4100003',
      name: 'Northwind Dynamics Ltd',
      statusDay: '2026-11-22',
      scoring: { asOf: '2026-11-22', today: '2026-11-22' },
    });
    const ba = body.areas.find((a) => a.area === 'businessApplications')!;
    expect(ba).toMatchObject({
      status: 'qualified',
      label: 'Qualified',
      cause: 'qualifying-day-in-window',
      since: '2026-11-21',
      window: { start: '2026-06-01', end: '2026-11-22' },
      anniversary: null,
      daysUntilAnniversary: null,
      renewalWindow: null,
      eligibleToRenew: null,
      frozenAzureTrack: null,
      score: { track: 'smb', total: 72.5, totalDisplay: '72.5', qualifiesToday: true },
    });
    expect(ba.monthlyMaxima).toHaveLength(6);
    expect(ba.monthlyMaxima.at(-1)).toEqual({ month: '2026-11', maxTotal: 72.5, qualified: true });
    for (const m of Object.values(ba.score!.metrics)) expect(Object.keys(m!).sort()).toEqual(['maxPoints', 'points', 'value']);
    expect(body.recentTransitions.map((t) => t.id)).toEqual(['4100003:businessApplications:qualified:2026-11-21']);
  });

  it('shows the anniversary and renewal window of an enrolled partner', async () => {
    const res = await getPartnerHandler(withCosmosRepos(store))(get('partners/4100002', { partnerId: '4100002' }), context());
    const mw = (res.jsonBody as PartnerDetail).areas.find((a) => a.area === 'modernWork')!;
    expect(mw).toMatchObject({
      status: 'enrolled',
      label: 'Enrolled',
      anniversary: '2026-12-10',
      daysUntilAnniversary: 19,
      renewalWindow: { start: '2026-12-10', end: '2027-01-08' },
      window: { start: '2026-07-01', end: '2026-12-31' },
    });
  });

  it('answers 404 with a JSON error for an unknown partner, 400 for a bad id', async () => {
    const res = await getPartnerHandler(withCosmosRepos(store))(get('partners/9999999', { partnerId: '9999999' }), context());
    expect(res).toMatchObject({ status: 404, jsonBody: { error: expect.stringContaining('9999999') } });
    const bad = await getPartnerHandler(withCosmosRepos(store))(get('partners/x', { partnerId: 'x'.repeat(200) }), context());
    expect(bad).toMatchObject({ status: 400, jsonBody: { parameter: 'partnerId' } });
  });
});

describe('GET /api/partners/{partnerId}/explanations against Cosmos', () => {
  it('returns the explanations document, all areas or one', async () => {
    const handler = getPartnerExplanationsHandler(withCosmosRepos(store));
    const all = await handler(get('partners/4100003/explanations', { partnerId: '4100003' }), context());
    expect(all.status).toBe(200);
    const body = all.jsonBody as PartnerExplanations;
    expect(body).toMatchObject({ partnerId: '4100003', asOf: '2026-11-22', today: '2026-11-22', omitted: null });
    expect(Object.keys(body.explanations!).sort()).toEqual([...AREAS].sort());
    const nca = body.explanations!.businessApplications!.metrics.netCustomerAdds!;
    expect(nca.tenants.some((t) => t.counted)).toBe(true);
    expect(nca.tenants.filter((t) => !t.counted).every((t) => typeof t.reason === 'string')).toBe(true);

    const one = await handler(
      new HttpRequest({
        method: 'GET',
        url: 'http://127.0.0.1/api/partners/4100003/explanations?area=businessApplications',
        params: { partnerId: '4100003' },
      }),
      context(),
    );
    expect(Object.keys((one.jsonBody as PartnerExplanations).explanations!)).toEqual(['businessApplications']);
  });

  it('answers 404 when there is none and 400 for an unknown area', async () => {
    const handler = getPartnerExplanationsHandler(withCosmosRepos(store));
    expect((await handler(get('partners/9999999/explanations', { partnerId: '9999999' }), context())).status).toBe(404);
    const bad = await handler(
      new HttpRequest({
        method: 'GET',
        url: 'http://127.0.0.1/api/partners/4100003/explanations?area=azure',
        params: { partnerId: '4100003' },
      }),
      context(),
    );
    expect(bad).toMatchObject({ status: 400, jsonBody: { parameter: 'area', error: expect.stringContaining('dataAi') } });
  });
});

describe('through the local host', () => {
  let host: RunningHost;
  beforeAll(async () => {
    const { settings } = inject('stack');
    host = await startHost({
      settings: { ...settings, COSMOS_DATABASE: unique('api') },
      httpPort: 0,
      timers: false,
      serviceBus: false,
      log: () => {},
    });
    const hostDeps = {
      store: getRoot().ports.store,
      repos: getRoot().ports.repos,
      bus: new RecordingBus(),
      clock: new TestClock('2026-11-21'),
    };
    for (const message of await sampleMessages('4100003')) await applyPartnerChanges(hostDeps, message);
  }, 120_000);
  afterAll(() => host?.stop());

  it('routes /api/partners, /api/partners/{id} and /api/partners/{id}/explanations', async () => {
    const api = `${host.url}/api`;
    const list = await fetch(`${api}/partners?limit=10`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as PartnerList).partners.map((p) => p.partnerId)).toEqual(['4100003']);

    const one = await fetch(`${api}/partners/4100003`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as PartnerDetail).areas.find((a) => a.area === 'businessApplications')?.score?.total).toBe(65);

    const explanations = await fetch(`${api}/partners/4100003/explanations?area=security`);
    expect(explanations.status).toBe(200);
    expect(Object.keys(((await explanations.json()) as PartnerExplanations).explanations!)).toEqual(['security']);

    const missing = await fetch(`${api}/partners/nobody`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/json/);
    expect(await missing.json()).toEqual({ error: expect.stringContaining('nobody') });

    const bad = await fetch(`${api}/partners?limit=0`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringMatching(/^limit: /), parameter: 'limit' });
  });
});
