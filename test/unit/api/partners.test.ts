// The partner read API's handlers over an in-memory store, partners seeded through the pipeline
// (applyPartnerChanges with the sample exports): list paging and shaping, one partner's view, its
// explanations, 404s and 400s.
import { beforeAll, describe, expect, it } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import { encodeContinuation } from '../../../shared/api/http.js';
import { DEFAULT_SORT, listKey } from '../../../shared/api/list-query.js';
import { type PartnerDetail, type PartnerExplanations, type PartnerList } from '../../../shared/api/partners.js';
import { AREAS } from '../../../shared/domain/facts/types.js';
import type { Transition } from '../../../shared/domain/status/types.js';
import { getPartnerExplanationsHandler, getPartnerHandler } from '../../../shared/handlers/getPartner.js';
import { listPartnersHandler } from '../../../shared/handlers/listPartners.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
import { type ExplanationsDoc } from '../../../shared/pipeline/state-doc.js';
import { withRepos } from '../../support/memory-store.js';
import { liftMessage, RecordingBus, sampleMessages, TestClock } from '../pipeline/fakes.js';
import { ApiMemoryStore } from './fakes.js';

const PARTNERS = ['4100001', '4100002', '4100003', '4100004', '4100005', '4100006'];
let store: ApiMemoryStore;

beforeAll(async () => {
  store = new ApiMemoryStore();
  const deps = withRepos(store, { bus: new RecordingBus(), clock: new TestClock('2026-11-21') });
  for (const p of PARTNERS) for (const m of await sampleMessages(p)) await applyPartnerChanges(deps, m);
  await applyPartnerChanges(deps, await liftMessage());
}, 60_000);

const context = new InvocationContext({ functionName: 'test', invocationId: 'test' });
const get = (path: string, params: Record<string, string> = {}) =>
  new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/${path}`, params });
const list = (query = '', s = store) => listPartnersHandler({ repos: s.repos })(get(`partners${query}`), context);

describe('listPartners', () => {
  it('lists every partner on one page by default, in partner-id order, with names and per-area figures', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    const body = res.jsonBody as PartnerList;
    expect(body.continuation).toBeNull();
    expect(body.partners.map((p) => [p.partnerId, p.name])).toEqual([
      ['4100001', 'Contoso Cloud Partners'],
      ['4100002', 'Fabrikam Workplace GmbH'],
      ['4100003', 'Northwind Dynamics Ltd'],
      ['4100004', 'Adatum Sécurité SAS'],
      ['4100005', 'Litware Apps, Inc.'],
      ['4100006', 'Tailspin Data B.V.'],
    ]);
    const northwind = body.partners[2]!;
    expect(northwind).toMatchObject({ asOf: '2026-11-21', today: '2026-11-21' });
    expect(northwind.areas.map((a) => a.area)).toEqual([...AREAS]);
    expect(northwind.areas[3]).toEqual({
      area: 'businessApplications',
      status: 'qualified',
      label: 'Qualified',
      total: 72.5,
      totalDisplay: '72.5',
      qualifiesToday: true,
      track: 'smb',
      atRisk: false, // no nightly run yet
      anniversary: null,
      daysUntilAnniversary: null,
    });
    expect(body.partners[1]!.areas.find((a) => a.area === 'modernWork')).toMatchObject({
      status: 'enrolled',
      anniversary: '2026-12-10',
      daysUntilAnniversary: 19,
    });
    expect(body.partners[1]!.nextAnniversary).toBe('2026-12-10');
    expect(northwind.nextAnniversary).toBeNull();
    // The exact number next to the display: 43.426… → "43.4".
    const adatumSecurity = body.partners[3]!.areas.find((a) => a.area === 'security')!;
    expect(adatumSecurity.totalDisplay).toBe(adatumSecurity.total!.toFixed(1));
    expect(adatumSecurity).toMatchObject({ status: 'enrolled', label: 'Enrolled' });
  });

  it('pages with limit and continuation, one query per page (names come with the summary)', async () => {
    store.queries.length = 0;
    const seen: string[] = [];
    let continuation: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?limit=4${continuation ? `&continuation=${continuation}` : ''}`);
      const body = res.jsonBody as PartnerList;
      seen.push(...body.partners.map((p) => p.partnerId));
      continuation = body.continuation;
      pages++;
    } while (continuation);
    expect(seen).toEqual(PARTNERS);
    expect(pages).toBe(2);
    expect(store.queries.map((q) => q.options.pageSize)).toEqual([4, 4]);
  });

  it('reads past empty pages (Cosmos may return some before the last)', async () => {
    store.emptyPagesBeforeNext = 2;
    const body = (await list('?limit=200')).jsonBody as PartnerList;
    expect(body.partners).toHaveLength(PARTNERS.length);
  });

  it('omits the name of a partner without a profile name', async () => {
    const s = new ApiMemoryStore();
    const deps = withRepos(s, { bus: new RecordingBus(), clock: new TestClock('2026-11-21') });
    for (const m of await sampleMessages('4100003')) await applyPartnerChanges(deps, m);
    const profiles = s.collection('partners');
    const profile = (await profiles.read('profile', '4100003'))!;
    await profiles.upsert({ ...profile.doc, name: { observedAt: '2026-11-21T00:00:00Z', deleted: true } });
    await recomputePartner(deps, '4100003'); // the name is denormalised into the state document's summary
    const [item] = ((await list('', s)).jsonBody as PartnerList).partners;
    expect(item).not.toHaveProperty('name');
    expect(item?.partnerId).toBe('4100003');
  });

  it('answers an empty list for an empty store', async () => {
    expect((await list('', new ApiMemoryStore())).jsonBody).toEqual({ partners: [], continuation: null });
  });

  it('answers 400 for bad parameters, and for a token the store refuses; other store errors propagate', async () => {
    expect(await list('?limit=0')).toMatchObject({ status: 400, jsonBody: { parameter: 'limit' } });
    expect(await list('?continuation=zzz')).toMatchObject({ status: 400, jsonBody: { parameter: 'continuation' } });

    const s = new ApiMemoryStore();
    const token = `?continuation=${encodeContinuation(listKey({}, DEFAULT_SORT), 'tampered')}`;
    s.listError = Object.assign(new Error('Invalid continuation token'), { code: 400 });
    expect(await list(token, s)).toMatchObject({ status: 400, jsonBody: { parameter: 'continuation' } });
    s.listError = Object.assign(new Error('Service unavailable'), { code: 503 });
    await expect(list(token, s)).rejects.toThrow('Service unavailable');
    s.listError = Object.assign(new Error('Bad request'), { code: 400 });
    await expect(list('', s)).rejects.toThrow('Bad request'); // no token given: not the client's token
  });
});

describe('getPartner', () => {
  const getPartner = (partnerId: string) => getPartnerHandler(withRepos(store))(get(`partners/${partnerId}`, { partnerId }), context);

  it('shapes the view: per area status, window, maxima, enrollment and the last score', async () => {
    const res = await getPartner('4100002');
    expect(res.status).toBe(200);
    const body = res.jsonBody as PartnerDetail;
    expect(body).toMatchObject({
      partnerId: '4100002',
      name: 'Fabrikam Workplace GmbH',
      statusDay: '2026-11-21',
      scoring: { asOf: '2026-11-21', today: '2026-11-21', rulesVersion: expect.any(String) },
      computedAt: expect.any(String),
    });
    expect(body.areas.map((a) => a.area)).toEqual([...AREAS]);
    const mw = body.areas.find((a) => a.area === 'modernWork')!;
    expect(mw).toMatchObject({
      status: 'enrolled',
      label: 'Enrolled',
      enrollmentSource: 'partner-center',
      anniversary: '2026-12-10',
      daysUntilAnniversary: 19,
      renewalWindow: { start: '2026-12-10', end: '2027-01-08' },
      window: { start: '2026-07-01', end: '2026-12-31' },
      eligibleToRenew: expect.any(Boolean),
      frozenAzureTrack: null,
    });
    expect(mw.monthlyMaxima.map((m) => m.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(mw.score).toMatchObject({ track: 'smb', qualifiesToday: true, trackTotals: expect.any(Object) });
    expect(mw.score!.totalDisplay).toBe(displayOf(mw.score!.total));
    const metricNames = Object.keys(mw.score!.metrics);
    expect(metricNames.length).toBeGreaterThan(0);
    for (const m of Object.values(mw.score!.metrics)) expect(Object.keys(m!).sort()).toEqual(['maxPoints', 'points', 'value']);
    // An area not enrolled has no anniversary figures.
    expect(body.areas.find((a) => a.area === 'dataAi')).toMatchObject({
      anniversary: null,
      daysUntilAnniversary: null,
      renewalWindow: null,
      eligibleToRenew: null,
    });
  });

  it('shows the frozen Azure track of an enrolled Azure area', async () => {
    const body = (await getPartner('4100006')).jsonBody as PartnerDetail;
    expect(body.areas.find((a) => a.area === 'dataAi')).toMatchObject({
      status: 'enrolled',
      frozenAzureTrack: 'enterprise',
      anniversary: '2027-02-01',
    });
  });

  it('gives the last 20 transitions, newest first', async () => {
    const repo = new PartnerRepository(withRepos(store));
    const state = (await repo.readState('4100003'))!;
    const base = state.doc.transitions[0]!;
    const many: Transition[] = Array.from({ length: 25 }, (_, i) => ({ ...base, id: `t-${String(i).padStart(2, '0')}` }));
    await repo.writeState({ ...state.doc, transitions: many }, state.etag);
    const body = (await getPartner('4100003')).jsonBody as PartnerDetail;
    expect(body.recentTransitions.map((t) => t.id)).toEqual(Array.from({ length: 20 }, (_, i) => `t-${String(24 - i).padStart(2, '0')}`));
    await repo.writeState(state.doc, (await repo.readState('4100003'))!.etag);
    expect(((await getPartner('4100003')).jsonBody as PartnerDetail).recentTransitions).toEqual([base]);
  });

  it('answers 404 with a JSON error for an unknown partner, 400 for a bad id', async () => {
    expect(await getPartner('9999999')).toEqual({ status: 404, jsonBody: { error: 'no partner "9999999" (never scored, or unknown)' } });
    expect(await getPartner('x'.repeat(129))).toMatchObject({ status: 400, jsonBody: { parameter: 'partnerId' } });
  });
});

describe('getPartnerExplanations', () => {
  const explain = (partnerId: string, query = '') =>
    getPartnerExplanationsHandler(withRepos(store))(get(`partners/${partnerId}/explanations${query}`, { partnerId }), context);

  it('returns the explanations of every area, or of one with ?area=', async () => {
    const all = (await explain('4100003')).jsonBody as PartnerExplanations;
    expect(all).toMatchObject({
      partnerId: '4100003',
      asOf: '2026-11-21',
      today: '2026-11-21',
      factsVersion: expect.any(String),
      omitted: null,
    });
    expect(all).not.toHaveProperty('id');
    expect(Object.keys(all.explanations!)).toEqual(expect.arrayContaining([...AREAS]));
    const one = (await explain('4100003', '?area=businessApplications')).jsonBody as PartnerExplanations;
    expect(Object.keys(one.explanations!)).toEqual(['businessApplications']);
    expect(one.explanations!.businessApplications).toEqual(all.explanations!.businessApplications);
    const people = one.explanations!.businessApplications!.metrics.intermediateCertifications?.people ?? [];
    expect(people.filter((p) => !p.counted).every((p) => typeof p.reason === 'string')).toBe(true);
  });

  it('passes on an omitted document (too large to store) as it is, filtered or not', async () => {
    const s = new ApiMemoryStore();
    const doc: ExplanationsDoc = {
      id: 'explanations',
      docType: 'explanations',
      partnerId: 'big',
      asOf: '2026-11-21',
      today: '2026-11-21',
      factsVersion: 'v',
      explanations: null,
      omitted: 'explanations are 2 MB',
    };
    await s.collection('partners').upsert(doc);
    const res = await getPartnerExplanationsHandler(withRepos(s))(
      get('partners/big/explanations?area=security', { partnerId: 'big' }),
      context,
    );
    expect(res).toEqual({
      status: 200,
      jsonBody: {
        partnerId: 'big',
        asOf: '2026-11-21',
        today: '2026-11-21',
        factsVersion: 'v',
        explanations: null,
        omitted: 'explanations are 2 MB',
      },
    });
  });

  it('answers 404 when there is no explanations document, 400 for a bad area or id', async () => {
    expect(await explain('9999999')).toEqual({
      status: 404,
      jsonBody: { error: 'no explanations for partner "9999999" (never scored, or unknown)' },
    });
    expect(await explain('4100003', '?area=azure')).toMatchObject({ status: 400, jsonBody: { parameter: 'area' } });
    expect(await explain('a#b')).toMatchObject({ status: 400, jsonBody: { parameter: 'partnerId' } });
  });
});

function displayOf(total: number): string {
  return (Math.round(total * 10 + 1e-7) / 10).toFixed(1);
}
