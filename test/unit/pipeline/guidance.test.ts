// The nightly guidance (issue 7): forecasts, plans and at-risk areas computed by the nightly run (not on
// the change path), one at-risk mail per area per month, and the read API over them.
import type { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';

import { readPartnerDetail } from '../../../shared/api/partners.js';
import { forecastPartner } from '../../../shared/domain/guidance/forecast.js';
import { planArea } from '../../../shared/domain/guidance/plan.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { getPartnerForecastHandler, getPartnerRecommendationsHandler } from '../../../shared/handlers/getPartnerGuidance.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
import { factsAsScored } from '../../../shared/pipeline/stored-facts.js';
import type { Document } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';
import { liftMessage, RecordingBus, sampleMessages, TestClock } from './fakes.js';

async function liftedNorthwind() {
  const store = new MemoryStore();
  const bus = new RecordingBus();
  const clock = new TestClock('2026-11-21');
  const deps = withRepos(store, { bus, clock });
  for (const m of await sampleMessages('4100003')) await applyPartnerChanges(deps, m);
  await applyPartnerChanges(deps, await liftMessage());
  return deps;
}

const rules = currentRules();

describe('nightly guidance', () => {
  it('is not computed on the change path', async () => {
    const { store } = await liftedNorthwind();
    const repo = new PartnerRepository(withRepos(store));
    expect((await repo.readState('4100003'))!.doc.atRisk).toEqual({});
    expect(await repo.readGuidance('4100003')).toBeUndefined();
  });

  it('is stored packed (days and facts version in the clear) and read back whole; one stored unpacked still reads', async () => {
    const deps = await liftedNorthwind();
    const repo = new PartnerRepository(deps);
    await recomputePartner(deps, '4100003', { guidance: true, reason: 'nightly' });
    const raw = (await deps.store.collection('partners').read<Document>('guidance', '4100003'))!.doc;
    expect(Object.keys(raw).sort()).toEqual(['asOf', 'docType', 'factsVersion', 'id', 'packed', 'partnerId', 'today']);
    const guidance = (await repo.readGuidance('4100003'))!;
    expect(guidance).toMatchObject({ id: 'guidance', asOf: raw.asOf, today: raw.today, factsVersion: raw.factsVersion });
    expect(guidance.forecasts).toHaveLength(2);
    expect(Buffer.byteLength(JSON.stringify(raw))).toBeLessThan(Buffer.byteLength(JSON.stringify(guidance)) / 2);
    const { packed: _p, ...head } = raw;
    await deps.store.collection('partners').upsert({ ...head, ...guidance, id: 'guidance' });
    expect(await repo.readGuidance('4100003')).toEqual(guidance);
  });

  it('is rewritten only when its content changes: not on the nights the as-of day holds', async () => {
    const deps = await liftedNorthwind();
    const repo = new PartnerRepository(deps);
    const nightly = async (day: string) => {
      deps.clock.set(day);
      await recomputePartner(deps, '4100003', { guidance: true, reason: 'nightly' });
      const state = (await repo.readState('4100003'))!.doc;
      const guidance = (await repo.readGuidance('4100003'))!;
      return { scored: [state.scoring.today, state.scoring.asOf], guidance: [guidance.today, guidance.asOf] };
    };
    // December's data is complete on the 20th: from the 1st the scores stay as of 30 November.
    expect(await nightly('2026-12-02')).toEqual({ scored: ['2026-12-02', '2026-11-30'], guidance: ['2026-12-02', '2026-11-30'] });
    expect(await nightly('2026-12-03')).toEqual({ scored: ['2026-12-03', '2026-11-30'], guidance: ['2026-12-02', '2026-11-30'] });
    expect(await nightly('2026-12-21')).toEqual({ scored: ['2026-12-21', '2026-12-21'], guidance: ['2026-12-21', '2026-12-21'] });
  }, 20_000); // seeds, lifts and runs three nightly recomputes of a sample partner

  it('finds the area at risk, stores forecasts and plans, and queues one at-risk mail per area per month', async () => {
    const deps = await liftedNorthwind();
    const repo = new PartnerRepository(deps);
    await recomputePartner(deps, '4100003', { guidance: true, reason: 'nightly' });
    const state = (await repo.readState('4100003'))!.doc;
    const facts = factsAsScored(await repo.load('4100003'), '4100003', '').facts;
    const [next] = forecastPartner(facts, rules).forecasts;

    // Business Applications qualifies today (72.5) and next month's forecast falls below 70.
    expect(state.score.areas.businessApplications.qualifiesToday).toBe(true);
    expect(next!.areas.businessApplications.qualifiesToday).toBe(false);
    expect(state.atRisk?.businessApplications).toMatchObject({
      month: '2026-11',
      forecastAsOf: '2026-12-21',
      total: next!.areas.businessApplications.total,
      metric: 'intermediateCertifications',
    });
    const guidance = (await repo.readGuidance('4100003'))!;
    expect(guidance.forecasts.map((f) => f.asOf)).toEqual(['2026-12-21', '2027-01-21']);
    expect(guidance.plans.areas.businessApplications?.plan).toEqual([]);
    // The plan that would hold it is the gap analysis of next month's carried-forward facts.
    const hold = guidance.atRisk.businessApplications!.plan;
    expect(hold.plan?.length).toBeGreaterThan(0);
    expect(hold).toEqual(planArea(forecastPartner(facts, rules).facts[0]!, rules, 'businessApplications'));

    const atRiskIds = () => deps.bus.ids(QUEUES.notifications).filter((id) => id.includes(':at-risk:'));
    expect(atRiskIds()).toEqual(['4100003:businessApplications:at-risk:2026-11']);
    // Another nightly run in the same month: no second at-risk mail.
    deps.clock.nextDay();
    await recomputePartner(deps, '4100003', { guidance: true, reason: 'nightly' });
    expect(atRiskIds()).toEqual(['4100003:businessApplications:at-risk:2026-11']);

    const detail = await readPartnerDetail(deps, '4100003');
    expect(detail!.areas.find((a) => a.area === 'businessApplications')!.atRisk?.metric).toBe('intermediateCertifications');
    expect(detail!.areas.find((a) => a.area === 'modernWork')!.atRisk).toBeNull();
  }, 20_000); // seeds, lifts and runs three nightly recomputes of a sample partner
});

describe('recommendations and forecast API', () => {
  const request = (partnerId: string, query: Record<string, string> = {}) =>
    ({ params: { partnerId }, query: new URLSearchParams(query) }) as unknown as HttpRequest;
  const context = {} as InvocationContext;

  it('answers the gap analysis and forecast of the stored facts, 404 for an unknown partner, 400 for a bad area', async () => {
    const deps = await liftedNorthwind();
    const handlerDeps = { ...deps, dataCompleteDay: 20 };
    const facts = factsAsScored(await new PartnerRepository(deps).load('4100003'), '4100003', '').facts;

    const plans = await getPartnerRecommendationsHandler(handlerDeps)(request('4100003', { area: 'modernWork' }), context);
    expect(plans.status).toBe(200);
    const body = plans.jsonBody as { asOf: string; areas: Record<string, { plan: unknown; status: string }> };
    expect(Object.keys(body.areas)).toEqual(['modernWork']);
    expect(body.areas.modernWork).toMatchObject({ ...planArea(facts, rules, 'modernWork'), status: 'inProgress' });

    const forecast = await getPartnerForecastHandler(handlerDeps)(request('4100003'), context);
    expect(forecast.jsonBody).toEqual(forecastPartner(facts, rules).forecasts);

    expect((await getPartnerForecastHandler(handlerDeps)(request('9999999'), context)).status).toBe(404);
    const bad = await getPartnerRecommendationsHandler(handlerDeps)(request('4100003', { area: 'nope' }), context);
    expect(bad.status).toBe(400);
  });
});
