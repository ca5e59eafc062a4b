import { describe, expect, it } from 'vitest';

import { azure, cert, customer, M, M1, M12, m365, people, person, score } from './builders.js';

const sec = (facts: Record<string, unknown>) => score(facts).areas.security;

describe('Security: net customer adds', () => {
  it('counts tenants with ≥ 600 USD security ACR over TTM(M) (PAL / CSP, listed services)', () => {
    const customers = [
      customer('a', [azure(M, 'Key Vault', 300), azure('2026-01', 'Sentinel', 300)]),
      customer('b', [azure(M, 'Key Vault', 599.99)]),
      customer('dpor', [azure(M, 'Key Vault', 5000, 'DPOR')]),
      customer('unlisted', [azure(M, 'Storage', 5000)]),
      customer('trial', [azure(M, 'Sentinel', 5000, 'CSP_T1', { offer: 'trial' })]),
    ];
    const area = sec({ customers });
    // smb also earns usage growth: a and b have 0 < TTM ≤ 12,000, (300 + 599.99) / 750 points
    expect(area.trackTotals.enterprise).toBe(2);
    expect(area.trackTotals.smb).toBeCloseTo(4 + 899.99 / 750, 10);
    expect(area.track).toBe('smb');
    expect(area.metrics.netCustomerAdds).toEqual({ value: 1, points: 4, maxPoints: 20 });
  });
  it('counts tenants in the band in some month of TTM (smb 5 … 300: 5 yes, 4 no; enterprise > 300)', () => {
    const customers = [
      customer('five', [m365('2026-01', 'Intune', 5, 0, 'CPOR')]),
      customer('four', [m365(M, 'Intune', 4, 0, 'CPOR')]),
      customer('big', [m365(M, 'Defender for Office 365', 301, 0, 'CSP_T1')]),
      customer('dpor', [m365(M, 'Intune', 301, 0, 'DPOR')]),
      customer('other', [m365(M, 'Teams', 301, 0, 'CPOR')]),
    ];
    expect(sec({ customers }).trackTotals).toEqual({ enterprise: 2, smb: 4 });
  });
  it('counts a tenant once and subtracts TTM(M−12)', () => {
    const customers = [
      customer('both', [azure(M, 'Key Vault', 700), m365(M, 'Intune', 10, 0, 'CPOR')]),
      customer('old', [azure(M12, 'Key Vault', 700)]),
    ];
    expect(sec({ customers }).metrics.netCustomerAdds?.value).toBe(0);
  });
});

describe('Security: usage growth', () => {
  it('enterprise: 1 point per 1,250 USD growth (TTM > 12,000) plus 1 per 125 protected users (> 300 seats)', () => {
    const customers = [
      customer('az', [azure(M, 'Sentinel', 7000), azure(M1, 'Sentinel', 6000), azure(M12, 'Sentinel', 5750)]),
      customer('m', [m365(M, 'Intune', 400, 525, 'CPOR'), m365(M12, 'Intune', 400, 400, 'CPOR')]),
    ];
    const area = sec({ customers });
    expect(area.trackTotals.enterprise).toBeDefined();
    const ent = score({ customers }).areas.security;
    expect(ent.track).toBe('enterprise');
    expect(ent.metrics.usageGrowth).toEqual({ value: 2, points: 2, maxPoints: 20 });
  });
  it('smb: 1 point per 750 USD (0 < TTM ≤ 12,000) plus 1 per 50 protected users (5 … 300 seats)', () => {
    const customers = [
      customer('az', [azure(M, 'Sentinel', 1750), azure(M12, 'Sentinel', 1000)]),
      customer('m', [m365(M, 'Intune', 100, 150, 'CPOR'), m365(M12, 'Intune', 100, 100, 'CPOR')]),
    ];
    const area = sec({ customers });
    expect(area.track).toBe('smb');
    expect(area.metrics.usageGrowth).toEqual({ value: 2, points: 2, maxPoints: 20 });
  });
  it('value is the unclamped point sum; points clamp to 0 … 20', () => {
    const loss = [customer('m', [m365(M, 'Intune', 100, 0, 'CPOR'), m365(M12, 'Intune', 100, 100, 'CPOR')])];
    const smbTotals = score({ customers: loss }).areas.security;
    expect(smbTotals.metrics.usageGrowth).toEqual({ value: 0, points: 0, maxPoints: 20 }); // enterprise: not in band
    const gain = [customer('m', [m365(M, 'Intune', 300, 2000, 'CPOR')])];
    const smb = score({ customers: gain }).areas.security;
    expect(smb.track).toBe('smb');
    expect(smb.metrics.usageGrowth).toEqual({ value: 40, points: 20, maxPoints: 20 });
  });
});

describe('Security: deployments', () => {
  it('M365: in the band with ≥ 0.15 active (15 of 100 yes, 14 no), 20/6 points each', () => {
    const customers = [customer('a', [m365(M, 'Intune', 100, 15, 'CPOR')]), customer('b', [m365(M, 'Intune', 100, 14, 'CPOR')])];
    const area = sec({ customers });
    expect(area.track).toBe('smb');
    expect(area.metrics.deployments?.value).toBe(1);
    expect(area.metrics.deployments?.points).toBeCloseTo(20 / 6, 10);
  });
  it('Azure: enterprise TTM > 12,000, smb 750 … 12,000', () => {
    const customers = [
      customer('big', [azure(M, 'Sentinel', 12000.01)]),
      customer('edge', [azure(M, 'Sentinel', 12000)]),
      customer('small', [azure(M, 'Sentinel', 750)]),
      customer('tiny', [azure(M, 'Sentinel', 749.99)]),
    ];
    const s = score({ customers }).areas.security;
    // enterprise: NCA 4 × 2, usage growth 12,000.01 / 1,250 (big only), deployments 1 × 20/6
    expect(s.trackTotals.enterprise).toBeCloseTo(8 + 12000.01 / 1250 + 20 / 6, 10);
    // smb: NCA 4 × 4, usage growth (12,000 + 750 + 749.99) / 750, deployments 2 × 20/6 (edge, small)
    expect(s.trackTotals.smb).toBeCloseTo(16 + 13499.99 / 750 + 40 / 6, 10);
    expect(s.track).toBe('smb');
    expect(s.metrics.deployments?.value).toBe(2);
  });
});

describe('Security: skilling', () => {
  const gate1 = 'Cloud and AI Security Engineer Associate';
  const gate2 = 'Security Operations Analyst Associate';
  const final = 'Information Security Administrator Associate';
  it('enterprise: 2 + 2 gate people, 40/6 per final person, 6 people reach 40', () => {
    const ppl = [...people('a', 2, gate1), ...people('b', 2, gate2), ...people('f', 6, final)];
    expect(sec({ people: ppl }).trackTotals.enterprise).toBe(40);
    const three = [...people('a', 2, gate1), ...people('b', 2, gate2), ...people('f', 3, final)];
    expect(sec({ people: three }).trackTotals.enterprise).toBe(20);
  });
  it('smb: 4 per met gate, 8 per final person when both gates are met, max 40', () => {
    const ppl = [...people('a', 1, gate1), ...people('f', 3, final)];
    expect(sec({ people: ppl }).trackTotals.smb).toBe(4);
    const both = [...people('a', 1, gate1), ...people('b', 1, gate2), ...people('f', 3, final)];
    expect(sec({ people: both }).trackTotals.smb).toBe(32);
    const full = [...people('a', 1, 'Azure Security Engineer Associate'), ...people('b', 1, gate2), ...people('f', 5, final)];
    expect(sec({ people: full }).trackTotals.smb).toBe(40);
  });
  it('Information Protection Administrator Associate (retired 2025-05-31) counts through 2026-05-31', () => {
    const ppl = [
      person('x', [cert('Information Protection Administrator Associate', '2024-01-01')]),
      ...people('a', 1, gate1),
      ...people('b', 1, gate2),
    ];
    expect(score({ people: ppl }, { asOf: '2026-05-31' }).areas.security.trackTotals.smb).toBe(16);
    expect(score({ people: ppl }, { asOf: '2026-06-01' }).areas.security.trackTotals.smb).toBe(8);
  });
});
