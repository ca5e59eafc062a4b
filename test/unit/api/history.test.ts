// GET /api/partners/{partnerId}/history over an in-memory store: a state document seeded from the
// status machine (a first-seen partner with backfilled days, then a real day), read through the handler.
import { beforeAll, describe, expect, it } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import { type PartnerHistory, partnerHistory } from '../../../shared/api/history.js';
import { type Area, AREAS, type IsoDate } from '../../../shared/domain/facts/types.js';
import { addDays } from '../../../shared/domain/status/days.js';
import { advanceDesignations } from '../../../shared/domain/status/machine.js';
import { type AreaResult, type BackfillDay, type DesignationState } from '../../../shared/domain/status/types.js';
import { getPartnerHistoryHandler } from '../../../shared/handlers/getPartnerHistory.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';

const PARTNER = '4100009';
let store: MemoryStore;
let state: DesignationState;

function results(qualifies: readonly Area[], total = 50): Record<Area, AreaResult> {
  return Object.fromEntries(
    AREAS.map((a) => [a, qualifies.includes(a) ? { total: 75.25, qualifies: true } : { total, qualifies: false }]),
  ) as Record<Area, AreaResult>;
}

beforeAll(async () => {
  const backfill: BackfillDay[] = [];
  for (let d: IsoDate = '2026-06-01'; d < '2026-11-21'; d = addDays(d, 1))
    backfill.push({ day: d, areaResults: results(d === '2026-08-20' ? ['security'] : []) });
  const first = advanceDesignations(null, {
    partnerId: PARTNER,
    today: '2026-11-21',
    areaResults: results([], 60),
    classifiedAzureTrack: 'smb',
    backfill,
  });
  state = advanceDesignations(first.state, {
    partnerId: PARTNER,
    today: '2026-11-22',
    areaResults: results([], 61),
    classifiedAzureTrack: 'smb',
  }).state;
  store = new MemoryStore();
  await store.collection('partners').upsert({ id: 'state', docType: 'state', partnerId: PARTNER, schemaVersion: 1, designations: state });
});

const context = new InvocationContext({ functionName: 'getPartnerHistory', invocationId: 'test' });
function get(query = '', partnerId = PARTNER) {
  return getPartnerHistoryHandler(withRepos(store))(
    new HttpRequest({
      method: 'GET',
      url: `http://127.0.0.1/api/partners/${encodeURIComponent(partnerId)}/history${query}`,
      params: { partnerId },
    }),
    context,
  );
}

describe('GET /api/partners/{partnerId}/history', () => {
  it('gives every recorded day of every area, backfilled ones marked, and the six monthly maxima', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    const body = res.jsonBody as PartnerHistory;
    expect(body).toMatchObject({ partnerId: PARTNER, statusDay: '2026-11-22', from: null, to: null, keptFrom: '2024-11-01' });
    expect(body.areas.map((a) => a.area)).toEqual([...AREAS]);
    const security = body.areas.find((a) => a.area === 'security')!;
    expect(security.days).toHaveLength(173 + 2); // 2026-06-01 … 2026-11-20 backfilled, then 2026-11-21 and 2026-11-22
    expect(security.days[0]).toEqual({ day: '2026-06-01', total: 50, qualifies: false, backfilled: true });
    expect(security.days.find((d) => d.day === '2026-08-20')).toEqual({
      day: '2026-08-20',
      total: 75.25,
      qualifies: true,
      backfilled: true,
    });
    expect(security.days.slice(-2)).toEqual([
      { day: '2026-11-21', total: 60, qualifies: false, backfilled: false },
      { day: '2026-11-22', total: 61, qualifies: false, backfilled: false },
    ]);
    expect(security.monthlyMaxima).toEqual([
      { month: '2026-06', maxTotal: 50, qualified: false },
      { month: '2026-07', maxTotal: 50, qualified: false },
      { month: '2026-08', maxTotal: 75.25, qualified: true },
      { month: '2026-09', maxTotal: 50, qualified: false },
      { month: '2026-10', maxTotal: 50, qualified: false },
      { month: '2026-11', maxTotal: 61, qualified: false },
    ]);
    expect(body).toEqual(partnerHistory(state)); // the handler adds nothing of its own
  });

  it('filters by area and by an inclusive day range; the maxima stay those of the last six months', async () => {
    const body = (await get('?area=Security&from=2026-08-19&to=2026-08-21')).jsonBody as PartnerHistory;
    expect(body).toMatchObject({ from: '2026-08-19', to: '2026-08-21' });
    expect(body.areas.map((a) => a.area)).toEqual(['security']);
    expect(body.areas[0]!.days.map((d) => [d.day, d.qualifies])).toEqual([
      ['2026-08-19', false],
      ['2026-08-20', true],
      ['2026-08-21', false],
    ]);
    expect(body.areas[0]!.monthlyMaxima).toHaveLength(6);
    const open = (await get('?from=2026-11-22')).jsonBody as PartnerHistory;
    expect(open.areas.every((a) => a.days.length === 1 && a.days[0]!.day === '2026-11-22')).toBe(true);
    const upTo = (await get('?to=2026-06-02&area=modernWork')).jsonBody as PartnerHistory;
    expect(upTo.areas[0]!.days.map((d) => d.day)).toEqual(['2026-06-01', '2026-06-02']);
    const none = (await get('?from=2025-01-01&to=2025-01-31')).jsonBody as PartnerHistory;
    expect(none.areas.every((a) => a.days.length === 0)).toBe(true);
  });

  it('answers 400 naming the parameter: bad days, to before from, unknown area, unknown parameter, bad partner id', async () => {
    for (const [query, parameter] of [
      ['?from=2026-02-30', 'from'],
      ['?to=yesterday', 'to'],
      ['?from=2026-11-22&to=2026-11-21', 'to'],
      ['?area=azure', 'area'],
      ['?days=7', 'days'],
      ['?area=security&From=2026-01-01', 'From'],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.jsonBody, query).toMatchObject({ parameter, error: expect.stringContaining(`${parameter}:`) });
    }
    expect(await get('', 'x'.repeat(200))).toMatchObject({ status: 400, jsonBody: { parameter: 'partnerId' } });
  });

  it('accepts the function key in the query string (code=…)', async () => {
    expect((await get('?code=abc&area=security')).status).toBe(200);
  });

  it('answers 404 for an unknown partner', async () => {
    const res = await get('', '9999999');
    expect(res).toMatchObject({ status: 404, jsonBody: { error: expect.stringContaining('9999999') } });
  });
});
