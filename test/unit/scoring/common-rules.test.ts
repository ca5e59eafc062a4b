// Rules shared by all areas: attribution through associations, counting people on day D, names.
import { describe, expect, it } from 'vitest';

import { AS_OF, azure, biz, cert, customer, M, m365, person, score } from './builders.js';

describe('association matching', () => {
  const cpor = (extra: Record<string, unknown>) => ({ type: 'CPOR', from: '2020-01-01', to: null, ...extra });
  const teams = (extra: Record<string, unknown> = {}) => m365(M, 'Teams', 400, 0, 'CPOR', extra);
  const ncaValue = (associations: unknown[], record = teams()) =>
    score({ customers: [customer('t', [record], { associations })] }).areas.modernWork.metrics.netCustomerAdds?.value;

  it('a CPOR association naming a workload matches only that workload (case-insensitive)', () => {
    expect(ncaValue([cpor({ workload: ' teams ' })])).toBe(1);
    expect(ncaValue([cpor({ workload: 'Intune' })])).toBe(0);
    expect(ncaValue([cpor({})])).toBe(1);
  });
  it('activities must be equal when both the association and the record give one', () => {
    expect(ncaValue([cpor({ cporActivity: 'osu' })], teams({ cporActivity: 'use-consume' }))).toBe(0);
    expect(ncaValue([cpor({ cporActivity: 'osu' }), cpor({ cporActivity: 'use-consume' })], teams({ cporActivity: 'use-consume' }))).toBe(
      1,
    );
    expect(ncaValue([cpor({})], teams({ cporActivity: 'use-consume' }))).toBe(1);
  });
  it('workload and activity on a non-CPOR association are ignored', () => {
    const dpor = { type: 'DPOR', workload: 'Intune', cporActivity: 'osu', from: '2020-01-01', to: null };
    expect(ncaValue([dpor], m365(M, 'Teams', 400, 0, 'DPOR'))).toBe(1);
  });
  it('an association is active from the last day of the month and through its `to` (inclusive)', () => {
    expect(ncaValue([cpor({ from: '2026-10-31' })])).toBe(1);
    expect(ncaValue([cpor({ from: '2026-11-01' })])).toBe(0);
    expect(ncaValue([cpor({ from: '2020-01-01', to: '2026-10-01' })])).toBe(1);
    expect(ncaValue([cpor({ from: '2020-01-01', to: '2026-09-30' })])).toBe(0);
  });
  it('a record counts once even when several associations match', () => {
    const two = [cpor({}), cpor({ workload: 'Teams' })];
    const s = score({ customers: [customer('t', [m365(M, 'Teams', 400, 200, 'CPOR')], { associations: two })] });
    expect(s.areas.modernWork.metrics.usageGrowth?.value).toBe(200);
  });
  it('an Azure record’s service is its workload for CPOR matching', () => {
    const associations = [{ type: 'PAL', from: '2020-01-01', to: null }, cpor({ workload: 'Key Vault' })];
    const s = score({
      customers: [customer('t', [azure(M, 'Key Vault', 2000, 'PAL'), azure(M, 'Sentinel', 1, 'CPOR')], { associations })],
    });
    expect(s.areas.dataAi.metrics.netCustomerAdds?.value).toBe(1);
  });
  it('BA: activity from the matched association decides eligibility', () => {
    const associations = [cpor({ cporActivity: 'revrec', workload: 'Sales' })];
    const s = score({ customers: [customer('t', [biz(M, 'Sales', 300, 0, 'CPOR')], { associations })] });
    expect(s.areas.businessApplications.metrics.netCustomerAdds?.value).toBe(1);
  });
});

describe('people on day D', () => {
  const admin = 'Azure Administrator Associate';
  const smb = { anniversary: '2026-01-01', areas: ['dataAi'], azureTrack: 'smb' };
  const gatePoints = (p: unknown[], asOf = AS_OF) =>
    score({ enrollment: smb, people: p }, { asOf }).areas.dataAi.metrics.intermediateCertifications?.points;

  it('counts a person linked on D (linkedFrom ≤ D, linkedTo after D)', () => {
    expect(gatePoints([person('x', [cert(admin)], { linkedFrom: AS_OF })])).toBe(4);
    expect(gatePoints([person('x', [cert(admin)], { linkedFrom: '2026-11-22' })])).toBe(0);
    expect(gatePoints([person('x', [cert(admin)], { linkedTo: AS_OF })])).toBe(0);
    expect(gatePoints([person('x', [cert(admin)], { linkedTo: '2026-11-22' })])).toBe(4);
  });
  it('counts a certification earned on or before D and not expired on D', () => {
    expect(gatePoints([person('x', [cert(admin, AS_OF)])])).toBe(4);
    expect(gatePoints([person('x', [cert(admin, '2026-11-22')])])).toBe(0);
    expect(gatePoints([person('x', [cert(admin, '2025-01-01', AS_OF)])])).toBe(0);
    expect(gatePoints([person('x', [cert(admin, '2025-01-01', '2026-11-22')])])).toBe(4);
  });
  it('counts a retired certification through retirement + 1 year, if earned before retirement', () => {
    // Azure AI Engineer Associate retired 2026-06-30
    const ppl = [
      person('a', [cert(admin)]),
      person('s', [cert('Azure Solutions Architect Expert')]),
      person('f', [cert('Azure AI Engineer Associate', '2026-06-29')]),
    ];
    expect(gatePoints(ppl, '2027-06-30')).toBe(12);
    expect(gatePoints(ppl, '2027-07-01')).toBe(8);
    const onDay = [ppl[0], ppl[1], person('f', [cert('Azure AI Engineer Associate', '2026-06-30')])];
    expect(gatePoints(onDay, '2026-12-01')).toBe(8);
  });
  it('compares names case-insensitively, trims them and accepts the "Microsoft Certified: " prefix', () => {
    expect(gatePoints([person('x', [cert('  azure administrator ASSOCIATE ')])])).toBe(4);
    expect(gatePoints([person('x', [cert('Microsoft Certified: Azure Administrator Associate')])])).toBe(4);
    expect(gatePoints([person('x', [cert('Azure Administrator')])])).toBe(0);
  });
  it('counts a person once per step even with several certifications of it', () => {
    const gate1 = 'Cloud and AI Security Engineer Associate';
    const p = [person('x', [cert(gate1), cert('Azure Security Engineer Associate')])];
    const s = score({ people: p });
    expect(s.areas.security.trackTotals.smb).toBe(4);
    expect(s.areas.security.trackTotals.enterprise).toBe(0);
  });
});
