// GET /api/partners/{partnerId}/history against the real Cosmos stand-in: partners seeded through the
// pipeline (applyPartnerChanges with the sample exports on 2026-11-21: first seen, so backfilled; a
// recompute on 2026-11-22), read through the handler and once through the local host (routing, 400s).
import type { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import { type RunningHost, startHost } from '../../../devtools/host/host.js';
import { getRoot } from '../../../functions/composition.js';
import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import type { PartnerHistory } from '../../../shared/api/history.js';
import type { PartnerDetail } from '../../../shared/api/partners.js';
import { backfillDays } from '../../../shared/domain/status/backfill.js';
import { getPartnerHandler } from '../../../shared/handlers/getPartner.js';
import { getPartnerHistoryHandler } from '../../../shared/handlers/getPartnerHistory.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
import type { DocumentStore } from '../../../shared/ports/documentStore.js';
import { RecordingBus, sampleMessages, TestClock } from '../../unit/pipeline/fakes.js';
import { stackConfig, unique, withCosmosRepos } from '../helpers.js';

let cosmos: CosmosClient;
let store: DocumentStore;
const clock = new TestClock('2026-11-21');

beforeAll(async () => {
  const config = stackConfig();
  cosmos = createCosmosClient(config);
  store = createCosmosStore(await ensureCosmosSchema(cosmos, config.COSMOS_DATABASE));
  const deps = withCosmosRepos(store, { bus: new RecordingBus(), clock });
  for (const message of await sampleMessages('4100002')) expect((await applyPartnerChanges(deps, message)).outcome).toBe('applied');
  clock.set('2026-11-22');
  expect((await recomputePartner(deps, '4100002')).outcome).toBe('recomputed');
}, 120_000);
afterAll(() => cosmos?.dispose());

const context = () => new InvocationContext({ functionName: 'getPartnerHistory', invocationId: 'test' });
const get = (query: string, partnerId = '4100002') =>
  getPartnerHistoryHandler(withCosmosRepos(store))(
    new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/partners/${partnerId}/history${query}`, params: { partnerId } }),
    context(),
  );

describe('GET /api/partners/{partnerId}/history against Cosmos', () => {
  it('holds the backfilled six months of a first-seen partner, then its real days, and the maxima the partner view shows', async () => {
    const res = await get('?area=modernWork');
    expect(res.status).toBe(200);
    const body = res.jsonBody as PartnerHistory;
    expect(body).toMatchObject({ partnerId: '4100002', statusDay: '2026-11-22', keptFrom: '2024-11-01' });
    const mw = body.areas[0]!;
    const past = backfillDays('2026-11-21');
    expect(mw.days.map((d) => d.day)).toEqual([...past, '2026-11-21', '2026-11-22']);
    expect(mw.days.map((d) => d.backfilled)).toEqual([...past.map(() => true), false, false]);
    // Modern Work qualifies from 2026-08-20 on (the August data, scored from the 20th): seen from the first day.
    expect(mw.days.find((d) => d.day === '2026-08-19')?.qualifies).toBe(false);
    expect(mw.days.find((d) => d.day === '2026-08-20')?.qualifies).toBe(true);

    const detail = (
      await getPartnerHandler(withCosmosRepos(store))(
        new HttpRequest({ method: 'GET', url: 'http://127.0.0.1/api/partners/4100002', params: { partnerId: '4100002' } }),
        context(),
      )
    ).jsonBody as PartnerDetail;
    const shown = detail.areas.find((a) => a.area === 'modernWork')!;
    expect(mw.monthlyMaxima).toEqual(shown.monthlyMaxima);
    expect(mw.monthlyMaxima.every((m) => m.maxTotal !== null)).toBe(true);
    // The first day's transition is the only one: none for the backfilled days.
    expect(detail.recentTransitions.map((t) => t.day)).toEqual(['2026-11-21']);
  });

  it('filters by day range, and answers 400 for a bad day and 404 for an unknown partner', async () => {
    const body = (await get('?from=2026-11-21&to=2026-11-21')).jsonBody as PartnerHistory;
    expect(body.areas).toHaveLength(6);
    expect(body.areas.every((a) => a.days.length === 1 && a.days[0]!.day === '2026-11-21' && !a.days[0]!.backfilled)).toBe(true);
    expect(await get('?from=21.11.2026')).toMatchObject({ status: 400, jsonBody: { parameter: 'from' } });
    expect((await get('', '9999999')).status).toBe(404);
  });
});

describe('through the local host', () => {
  let host: RunningHost;
  beforeAll(async () => {
    const { settings } = inject('stack');
    host = await startHost({
      settings: { ...settings, COSMOS_DATABASE: unique('history') },
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

  it('routes /api/partners/{id}/history and refuses an unknown parameter', async () => {
    const api = `${host.url}/api`;
    const res = await fetch(`${api}/partners/4100003/history?area=businessApplications&from=2026-11-01`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PartnerHistory;
    expect(body.areas.map((a) => a.area)).toEqual(['businessApplications']);
    expect(body.areas[0]!.days.map((d) => d.day)).toEqual([...backfillDays('2026-11-21').filter((d) => d >= '2026-11-01'), '2026-11-21']);

    const unknown = await fetch(`${api}/partners/4100003/history?since=2026-11-01`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: expect.stringMatching(/^since: /), parameter: 'since' });
  });
});
