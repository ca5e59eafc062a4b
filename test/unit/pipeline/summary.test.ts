// The state document's summary (what the portfolio list filters and sorts on), written by every recompute:
// the profile name, per area status and rank, score figures, the nightly at-risk flag, anniversary and days.
import { describe, expect, it } from 'vitest';

import { AREAS } from '../../../shared/domain/facts/types.js';
import { STATUSES } from '../../../shared/domain/status/types.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { recomputePartner } from '../../../shared/pipeline/recompute.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';
import { RecordingBus, sampleMessages, TestClock } from './fakes.js';

describe('state document summary', () => {
  it('is written with the name, every area and nothing undefined; the nightly run sets at risk; the next day moves the days', async () => {
    const store = new MemoryStore();
    const clock = new TestClock('2026-11-21');
    const deps = withRepos(store, { bus: new RecordingBus(), clock });
    for (const m of await sampleMessages('4100006')) await applyPartnerChanges(deps, m);
    const repo = new PartnerRepository(withRepos(store));
    let state = (await repo.readState('4100006'))!.doc;
    expect(state.summary).toMatchObject({ name: 'Tailspin Data B.V.', nameLower: 'tailspin data b.v.', nextAnniversary: '2027-02-01' });
    expect(Object.keys(state.summary!.areas)).toEqual([...AREAS]);
    for (const area of AREAS) {
      const a = state.summary!.areas[area];
      for (const [field, value] of Object.entries(a)) expect(value, `${area}.${field}`).not.toBeUndefined();
      expect(a.status).toBe(state.designations.areas[area].status);
      expect(a.statusRank).toBe(STATUSES.indexOf(a.status));
      expect(a.total).toBe(state.score.areas[area].total);
      expect(a.atRisk).toBe(false); // no nightly run yet
    }
    expect(state.summary!.areas.dataAi).toMatchObject({
      status: 'enrolled',
      statusRank: 2,
      anniversary: '2027-02-01',
      daysUntilAnniversary: 72,
      track: 'enterprise',
    });
    expect(state.summary!.areas.security).toMatchObject({
      status: 'inProgress',
      statusRank: 0,
      anniversary: null,
      daysUntilAnniversary: null,
    });

    clock.set('2026-11-22');
    await recomputePartner(deps, '4100006', { guidance: true, reason: 'nightly' });
    state = (await repo.readState('4100006'))!.doc;
    expect(Object.keys(state.atRisk ?? {})).toEqual(['dataAi']);
    expect(state.summary!.areas.dataAi).toMatchObject({ atRisk: true, daysUntilAnniversary: 71 });
    expect(AREAS.filter((a) => state.summary!.areas[a].atRisk)).toEqual(['dataAi']);
  }, 30_000);
});
