// The portfolio list's filters, search, sort and filter-bound continuation, and the summary line, over the
// in-memory store (which evaluates the built SQL with the Cosmos stand-in's engine). Six sample partners,
// Northwind lifted to 72.5 in Business Applications, then one nightly run (at-risk findings).
import { beforeAll, describe, expect, it } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import { listQuery } from '../../../shared/adapters/cosmos/repositories/partners.js';
import { listPartners, type PartnerList } from '../../../shared/api/partners.js';
import { type PartnersSummary, readPartnersSummary } from '../../../shared/api/summary.js';
import { listPartnersHandler } from '../../../shared/handlers/listPartners.js';
import { partnersSummaryHandler } from '../../../shared/handlers/partnersSummary.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
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
  for (const p of PARTNERS) await recomputePartner(deps, p, { guidance: true, reason: 'nightly' });
}, 60_000);

const context = new InvocationContext({ functionName: 'test', invocationId: 'test' });
const get = (path: string) => new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/${path}` });
const list = async (query: string, options = {}) => {
  const res = await listPartnersHandler({ repos: store.repos })(get(`partners${query}`), context, options);
  expect(res.status, JSON.stringify(res.jsonBody)).toBe(200);
  return res.jsonBody as PartnerList;
};
const ids = async (query: string, options = {}) => (await list(query, options)).partners.map((p) => p.partnerId);

describe('portfolio list: filters', () => {
  it('filters on a status in one area, or in any area', async () => {
    expect(await ids('?status=enrolled')).toEqual(['4100002', '4100004', '4100006']);
    expect(await ids('?status=enrolled&area=modernWork')).toEqual(['4100002']);
    expect(await ids('?status=qualified')).toEqual(['4100001', '4100003']);
    expect(await ids('?status=QUALIFIED&area=businessApplications')).toEqual(['4100003']);
    expect(await ids('?status=renewalDue')).toEqual([]);
    expect(await ids('?status=inProgress&area=security')).toEqual(['4100001', '4100002', '4100003', '4100005', '4100006']);
    expect(await ids('?area=security')).toEqual(PARTNERS); // an area alone filters nothing
  });

  it('filters on at risk (the nightly run) and shows it per area, with days until the anniversary', async () => {
    expect(await ids('?status=atRisk')).toEqual(['4100001', '4100003', '4100004', '4100006']);
    expect(await ids('?status=atRisk&area=security')).toEqual(['4100004']);
    const [adatum] = (await list('?status=atRisk&area=security')).partners;
    expect(adatum!.areas.find((a) => a.area === 'security')).toMatchObject({
      status: 'enrolled',
      atRisk: true,
      anniversary: '2027-04-15',
      daysUntilAnniversary: 145,
    });
    expect(adatum!.areas.find((a) => a.area === 'modernWork')).toMatchObject({
      atRisk: false,
      anniversary: null,
      daysUntilAnniversary: null,
    });
    expect(adatum).toMatchObject({ name: 'Adatum Sécurité SAS', nextAnniversary: '2027-04-15' });
  });

  it('searches name or id as a case-insensitive substring, combined with the other filters', async () => {
    expect(await ids('?q=S%C3%89CURIT%C3%89')).toEqual(['4100004']);
    expect(await ids('?q=gmbh')).toEqual(['4100002']);
    expect(await ids('?q=0000')).toEqual(PARTNERS.filter((p) => p.includes('0000')));
    expect(await ids('?q=100005')).toEqual(['4100005']);
    expect(await ids('?q=%20%20tailspin%20')).toEqual(['4100006']); // trimmed
    expect(await ids('?q=a&status=enrolled')).toEqual(['4100002', '4100004', '4100006']);
    expect(await ids('?q=DA&status=enrolled')).toEqual(['4100004', '4100006']); // Adatum, Tailspin Data; not Fabrikam
  });

  it('restricts to a principal\u2019s partners in the same query', async () => {
    expect(await ids('', { onlyPartners: ['4100004', '4100002', 'unknown'] })).toEqual(['4100002', '4100004']);
    expect(await ids('?status=enrolled', { onlyPartners: ['4100004', '4100005'] })).toEqual(['4100004']);
    expect(await ids('', { onlyPartners: [] })).toEqual([]);
    const spec = listQuery({ onlyPartners: ['a'] });
    expect(spec.query).toContain('ARRAY_CONTAINS(@only, c.partnerId)');
    expect(spec.parameters).toContainEqual({ name: '@only', value: ['a'] });
  });
});

describe('portfolio list: sort', () => {
  it('sorts by name, ascending or descending (case-insensitive)', async () => {
    expect(await ids('?sort=name')).toEqual(['4100004', '4100001', '4100002', '4100005', '4100003', '4100006']);
    expect(await ids('?sort=-name')).toEqual(['4100006', '4100003', '4100005', '4100002', '4100001', '4100004']);
    expect(await ids('?sort=-partnerId')).toEqual([...PARTNERS].reverse());
  });

  it('sorts by an area\u2019s total, status (lifecycle order) and days until the anniversary', async () => {
    const totals = (await list('?sort=-dataAi.total')).partners.map((p) => p.areas.find((a) => a.area === 'dataAi')!.total!);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(totals[0]).toBe(74);
    expect((await ids('?sort=-security.status'))[0]).toBe('4100004'); // enrolled ranks above in progress
    expect((await ids('?sort=businessApplications.status')).at(-1)).toBe('4100003'); // qualified last ascending
    // Not enrolled (null) first ascending, then the nearest anniversary.
    expect((await ids('?sort=modernWork.daysUntilAnniversary')).at(-1)).toBe('4100002');
    expect((await ids('?sort=-nextAnniversary')).slice(0, 3)).toEqual(['4100004', '4100006', '4100002']);
    expect((await ids('?sort=nextAnniversary')).slice(3)).toEqual(['4100002', '4100006', '4100004']);
  });

  it('pages a filtered, sorted list with continuation, one query page per call', async () => {
    store.queries.length = 0;
    const seen: string[] = [];
    let continuation: string | null = null;
    let calls = 0;
    do {
      const page: PartnerList = await list(`?sort=-name&limit=2${continuation ? `&continuation=${continuation}` : ''}`);
      seen.push(...page.partners.map((p) => p.partnerId));
      continuation = page.continuation;
      calls++;
    } while (continuation && calls < 10);
    expect(seen).toEqual(['4100006', '4100003', '4100005', '4100002', '4100001', '4100004']);
    expect(store.queries).toHaveLength(calls);
    expect(store.queries.every((q) => q.options.pageSize === 2 && q.spec.query.endsWith('ORDER BY c.summary.nameLower DESC'))).toBe(true);
  });
});

describe('portfolio list: parameters', () => {
  it('refuses a continuation handed out for other filters or another sort', async () => {
    const first = await list('?sort=-name&limit=2');
    expect(first.continuation).not.toBeNull();
    for (const other of ['?sort=name', '?sort=-name&status=enrolled', '?sort=-name&q=a', '?sort=-name&status=enrolled&area=security']) {
      const res = await listPartnersHandler({ repos: store.repos })(
        get(`partners${other}&limit=2&continuation=${first.continuation}`),
        context,
      );
      expect(res, other).toMatchObject({
        status: 400,
        jsonBody: { parameter: 'continuation', error: expect.stringContaining('other filters') },
      });
    }
    const scoped = await listPartnersHandler({ repos: store.repos })(
      get(`partners?sort=-name&limit=2&continuation=${first.continuation}`),
      context,
      {
        onlyPartners: ['4100006'],
      },
    );
    expect(scoped).toMatchObject({ status: 400, jsonBody: { parameter: 'continuation' } });
    // The same filters (another limit) go on.
    expect((await list(`?sort=-name&limit=3&continuation=${first.continuation}`)).partners[0]!.partnerId).toBe('4100005');
  });

  it('answers 400 naming an unknown or bad parameter, and accepts the function key `code`', async () => {
    const handler = listPartnersHandler({ repos: store.repos });
    for (const [query, parameter] of [
      ['?colour=red', 'colour'],
      ['?status=lost', 'status'],
      ['?area=azure', 'area'],
      ['?sort=score', 'sort'],
      ['?sort=modernWork.label', 'sort'],
      [`?q=${'x'.repeat(101)}`, 'q'],
      ['?continuation=%25%25', 'continuation'],
    ] as const) {
      expect(await handler(get(`partners${query}`), context), query).toMatchObject({
        status: 400,
        jsonBody: { parameter, error: expect.stringMatching(new RegExp(`^${parameter}: `)) },
      });
    }
    expect(await ids('?code=the-function-key&status=enrolled&area=modernWork')).toEqual(['4100002']);
  });

  it('lists directly with listPartners (the function the access wrapper calls)', async () => {
    const page = await listPartners(store.repos, {
      limit: 10,
      filter: { status: 'atRisk', area: 'dataAi' },
      sort: { field: 'partnerId', descending: false },
    });
    expect(page.partners.map((p) => p.partnerId)).toEqual(['4100006']);
    expect(page.continuation).toBeUndefined();
  });
});

describe('GET /api/partners/summary', () => {
  const summary = async (query = '', options = {}) => {
    const res = await partnersSummaryHandler({ repos: store.repos })(get(`partners/summary${query}`), context, options);
    expect(res.status, JSON.stringify(res.jsonBody)).toBe(200);
    return res.jsonBody as PartnersSummary;
  };

  it('counts partners and, per area, each status and at risk', async () => {
    const all = await summary();
    expect(all.partners).toBe(6);
    expect(all.areas.modernWork).toEqual({ inProgress: 5, qualified: 0, enrolled: 1, renewalDue: 0, atRisk: 0 });
    expect(all.areas.security).toEqual({ inProgress: 5, qualified: 0, enrolled: 1, renewalDue: 0, atRisk: 1 });
    expect(all.areas.businessApplications).toEqual({ inProgress: 5, qualified: 1, enrolled: 0, renewalDue: 0, atRisk: 1 });
    for (const counts of Object.values(all.areas))
      expect(counts.inProgress + counts.qualified + counts.enrolled + counts.renewalDue).toBe(6);
  });

  it('pages through the projected query: the same counts a page of 4 as in one page', async () => {
    store.queries.length = 0;
    const paged = await readPartnersSummary(store.repos, {}, 4);
    expect(store.queries.map((q) => q.options.pageSize)).toEqual([4, 4]);
    expect(store.queries[0]!.spec.query).not.toContain('c.summary AS summary'); // per area status and at risk only
    expect(paged).toEqual(await summary());
  });

  it('counts over the same q and partner restriction as the list; 400 for other parameters', async () => {
    expect(await summary('?q=DATA')).toMatchObject({ partners: 1, areas: { dataAi: { enrolled: 1, atRisk: 1 } } });
    expect((await summary('', { onlyPartners: ['4100001', '4100003'] })).areas.infrastructure).toEqual({
      inProgress: 1,
      qualified: 1,
      enrolled: 0,
      renewalDue: 0,
      atRisk: 1,
    });
    expect((await summary('?q=nobody')).partners).toBe(0);
    expect(await partnersSummaryHandler({ repos: store.repos })(get('partners/summary?status=enrolled'), context)).toMatchObject({
      status: 400,
      jsonBody: { parameter: 'status' },
    });
    expect((await summary('?code=k')).partners).toBe(6);
  });
});
