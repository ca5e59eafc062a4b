// Security: expectations computed by hand from the scoring contract.
// asOf 2026-11-21 → M = 2026-10, M−12 = 2025-10, TTM(M) = 2025-11 … 2026-10, TTM(M−12) = 2024-11 … 2025-10.
// All through the real CLI.
import { beforeAll, describe, it } from 'vitest';

import { area, az, type Doc, m365, metric, partner, person, type Result, scoreAll, tenant } from './harness.js';

const SEC = 'security';
const GATE1A = 'Azure Security Engineer Associate'; // retired 2026-08-31
const GATE1B = 'Cloud and AI Security Engineer Associate';
const GATE2 = 'Security Operations Analyst Associate';

const skilledSix = [
  person('p1', [GATE1A]),
  person('p2', [GATE1B]),
  person('p3', [GATE2]),
  person('p4', [GATE2]),
  person('p5', ['Cybersecurity Architect Expert']),
  person('p6', ['Cybersecurity Architect Expert']),
  person('p7', ['Identity and Access Administrator Associate']),
  person('p8', ['Identity and Access Administrator Associate']),
  person('p9', ['Information Security Administrator Associate']),
  person('p10', ['Information Security Administrator Associate']),
  person('p11', [['Information Protection Administrator Associate', '2024-01-01']]), // retired 2025-05-31: grace over
];

const a1 = tenant('a1', [az('2026-10', 'Sentinel', 3000), az('2026-01', 'Sentinel', 9500), az('2025-10', 'Sentinel', 500)]);
const m1 = tenant('m1', [m365('2026-10', 'Defender for Office 365', 400, 300), m365('2025-10', 'Defender for Office 365', 400, 40)]);
const m3 = tenant('m3', [m365('2025-10', 'Defender for Identity', 500, 50)]);

const docs: Doc[] = [
  partner('sec-nca', {
    customers: [
      tenant('t1', [az('2026-01', 'Key Vault', 300), az('2026-06', 'Key Vault', 300)]), // ttm(M) 600 → Q(M)
      tenant('t2', [az('2026-05', 'Sentinel', 599.99)]),
      tenant('t3', [az('2026-05', 'Azure Kubernetes Service', 1000)]), // not a security service
      tenant('t4', [az('2026-05', 'Key Vault', 1000, 'DPOR')]), // DPOR not in the Azure part
      tenant('t4b', [az('2026-05', 'Key Vault', 1000, 'PAL', { offer: 'trial' })]),
      tenant('t5', [m365('2026-03', 'Defender for Endpoint P2', 301, 0, 'CPOR')]), // ent band in a TTM month
      tenant('t6', [m365('2025-12', 'Intune', 5, 0, 'CSP_T1')]), // smb band (5 … 300)
      tenant('t7', [m365('2026-10', 'Intune', 4, 0, 'CSP_T1')]),
      tenant('t8', [m365('2026-10', 'Teams', 400, 0, 'CPOR')]), // not a security workload
      tenant('t9', [m365('2026-10', 'Intune', 400, 0, 'DPOR')]), // DPOR not in the M365 part
      tenant('t10', [az('2025-05', 'Key Vault', 700)]), // Q(M−12)
      tenant('t11', [az('2025-11', ' sentinel ', 600, 'CSP_T2')]), // case/trim, first month of TTM(M)
      tenant('t12', [az('2025-10', 'Key Vault', 600)]), // only TTM(M−12)
    ],
  }),
  partner('sec-ug-smb', {
    customers: [
      a1,
      tenant('a2', [az('2026-10', 'Key Vault', 1000, 'CSP_T1'), az('2025-10', 'Key Vault', 250, 'CSP_T1')]),
      m1,
      tenant('m2', [m365('2026-10', 'Intune', 100, 80, 'CSP_T1'), m365('2025-10', 'Intune', 100, 30, 'CSP_T1')]),
      m3,
    ],
  }),
  partner('sec-ug-ent', { customers: [a1, m1, m3] }),
  partner('sec-ug-clamp', { customers: [tenant('a1', [az('2026-10', 'Sentinel', 40000)])] }),
  partner('sec-ug-neg', { customers: [tenant('a1', [az('2026-10', 'Sentinel', 13000), az('2025-10', 'Sentinel', 20000)])] }),
  partner('sec-dep-bounds', {
    customers: [
      tenant('b1', [az('2026-05', 'Key Vault', 750)]),
      tenant('b2', [az('2026-05', 'Key Vault', 12000)]),
      tenant('b3', [az('2026-05', 'Key Vault', 749.99)]),
      tenant('b4', [m365('2026-10', 'Intune', 100, 15, 'CSP_T1')]),
      tenant('b5', [m365('2026-10', 'Intune', 100, 14, 'CSP_T1')]),
      tenant('b6', [m365('2026-10', 'Intune', 301, 301, 'CPOR')]),
      tenant('b7', [m365('2026-10', 'Intune', 100, 10, 'CSP_T1'), m365('2026-10', 'Defender for Endpoint P2', 100, 20, 'CSP_T1')]),
      tenant('b8', [az('2026-05', 'Key Vault', 1000), m365('2026-10', 'Intune', 50, 25, 'CSP_T1')]),
    ],
  }),
  partner('sec-once', {
    customers: [tenant('o1', [az('2026-05', 'Key Vault', 600), m365('2026-10', 'Intune', 400, 0, 'CPOR')])],
  }),
  partner('sec-skill-ent', { people: skilledSix }),
  partner('sec-skill-2distinct', {
    people: [
      person('p1', [GATE1A, GATE1B]),
      person('p2', [GATE2]),
      person('p3', [GATE2]),
      person('p4', ['Cybersecurity Architect Expert']),
    ],
  }),
  partner('sec-skill-ent-ok', {
    people: [
      person('p1', [GATE1A]),
      person('p2', [' cloud and ai security engineer associate ', GATE2]),
      person('p3', [GATE2]),
      person('p4', ['Cybersecurity Architect Expert']),
    ],
  }),
  partner('sec-skill-smb-gate1', {
    people: [
      person('p1', [GATE1B]),
      person('p2', ['Cybersecurity Architect Expert']),
      person('p3', ['Identity and Access Administrator Associate']),
      person('p4', ['Information Security Administrator Associate']),
    ],
  }),
  partner('sec-skill-smb-gate2', { people: [person('p1', [GATE2]), person('p2', ['Cybersecurity Architect Expert'])] }),
  partner('sec-qualify', {
    customers: [
      tenant('c1', [az('2026-01', 'Sentinel', 12001)]),
      tenant('c2', [az('2026-01', 'Sentinel', 12001)]),
      tenant('c4', [az('2026-01', 'Key Vault', 600)]),
      tenant('c5', [az('2026-01', 'Key Vault', 600)]),
      tenant('c6', [m365('2026-10', 'Defender for Office 365', 1300, 1250, 'CPOR')]),
    ],
    people: skilledSix,
  }),
  partner('sec-qualify-no', {
    customers: [
      tenant('c1', [az('2026-01', 'Sentinel', 12001)]),
      tenant('c2', [az('2026-01', 'Sentinel', 12001)]),
      tenant('c4', [az('2026-01', 'Key Vault', 600)]),
      tenant('c5', [az('2026-01', 'Key Vault', 600)]),
    ],
    people: skilledSix,
  }),
];

let R: Map<string, Result>;
beforeAll(() => {
  R = scoreAll(docs);
}, 60_000);

describe('Security (contract audit)', () => {
  it('NCA: ttm ≥ 600 or in the band in some month of TTM(X); eligible services/workloads/associations', () => {
    const r = R.get('sec-nca');
    // ent: Q(M) = t1, t5, t11 = 3; Q(M−12) = t10, t12 = 2 → 1 → 2 points.
    // smb: Q(M) = t1, t6, t11 = 3; Q(M−12) = 2 → 1 → 4 points. smb wins.
    metric(r, SEC, 'netCustomerAdds', 1, 4);
    area(r, SEC, 'smb', { enterprise: 2, smb: 4 }, 4);
  });

  it('usage growth and deployments, smb wins', () => {
    const r = R.get('sec-ug-smb');
    // smb: Azure a2 750/750 = 1; M365 m2 50/50 = 1 → 2.
    metric(r, SEC, 'usageGrowth', 2, 2);
    // smb Dep(M) = a2, m2 = 2; Dep(M−12) = m2 (0.30) → 1 → 20/6.
    metric(r, SEC, 'deployments', 1, 20 / 6);
    // smb Q(M) = a1, a2, m2 = 3; Q(M−12) = m2 → 2 → 8.
    metric(r, SEC, 'netCustomerAdds', 2, 8);
    // ent: NCA 2 + usage (2500/1250 + 260/125 = 4.08) + deployments 2 × 20/6.
    area(r, SEC, 'smb', { enterprise: 2 + 4.08 + 40 / 6, smb: 10 + 20 / 6 }, 10 + 20 / 6);
  });

  it('usage growth and deployments, enterprise wins', () => {
    const r = R.get('sec-ug-ent');
    metric(r, SEC, 'usageGrowth', 4.08, 4.08);
    metric(r, SEC, 'deployments', 2, 40 / 6); // a1 (ttm 12,500), m1 (0.75); Dep(M−12): m1 0.10, m3 0.10 → 0
    metric(r, SEC, 'netCustomerAdds', 0, 0); // Q(M) = a1, m1; Q(M−12) = m1, m3
    area(r, SEC, 'enterprise', { enterprise: 4.08 + 40 / 6, smb: 4 }, 4.08 + 40 / 6);
  });

  it('usage growth value is the unclamped point sum', () => {
    metric(R.get('sec-ug-clamp'), SEC, 'usageGrowth', 32, 20); // 40,000 / 1,250
    area(R.get('sec-ug-clamp'), SEC, 'enterprise', { enterprise: 22 + 20 / 6, smb: 4 }, 22 + 20 / 6);
    metric(R.get('sec-ug-neg'), SEC, 'usageGrowth', -5.6, 0); // −7,000 / 1,250
    area(R.get('sec-ug-neg'), SEC, 'enterprise', { enterprise: 0, smb: 0 }, 0);
  });

  it('deployments: smb 750 ≤ ttm ≤ 12,000 or smb band with ratio ≥ 0.15; once per tenant', () => {
    const r = R.get('sec-dep-bounds');
    metric(r, SEC, 'deployments', 5, 100 / 6); // b1, b2, b4, b7, b8
    metric(r, SEC, 'netCustomerAdds', 7, 20); // b1, b2, b3, b4, b5, b7, b8
    metric(r, SEC, 'usageGrowth', 1.68, 1.68); // (15 + 14 + 30 + 25) / 50
    // ent: NCA 5 (b1, b2, b3, b8, b6) → 10; usage 301/125 = 2.408; deployments b6 → 20/6.
    area(r, SEC, 'smb', { enterprise: 12.408 + 20 / 6, smb: 21.68 + 100 / 6 }, 21.68 + 100 / 6);
  });

  it('NCA: a tenant qualifying both ways counts once', () => {
    const r = R.get('sec-once');
    metric(r, SEC, 'netCustomerAdds', 1, 4); // smb: ttm 600
    area(r, SEC, 'smb', { enterprise: 2, smb: 4 }, 4); // ent: ttm 600 and band 400 → once → 2
  });

  it('skilling: enterprise 40/6 per final person after 2+2 gates; 6 people = exactly 40', () => {
    const r = R.get('sec-skill-ent');
    metric(r, SEC, 'intermediateCertifications', 6, 40);
    area(r, SEC, 'enterprise', { enterprise: 40, smb: 40 }, 40);
  });

  it('skilling: enterprise gates need 2 distinct people; smb 4 per gate + 8 per person', () => {
    const d = R.get('sec-skill-2distinct');
    metric(d, SEC, 'intermediateCertifications', 1, 16);
    area(d, SEC, 'smb', { enterprise: 0, smb: 16 }, 16);
    area(R.get('sec-skill-ent-ok'), SEC, 'smb', { enterprise: 40 / 6, smb: 16 }, 16);
    metric(R.get('sec-skill-smb-gate1'), SEC, 'intermediateCertifications', 3, 4);
    area(R.get('sec-skill-smb-gate1'), SEC, 'smb', { enterprise: 0, smb: 4 }, 4);
    metric(R.get('sec-skill-smb-gate2'), SEC, 'intermediateCertifications', 1, 4);
  });

  it('qualifiesToday: exactly 70 with all four metrics > 0 (exact fractions)', () => {
    const q = R.get('sec-qualify');
    metric(q, SEC, 'netCustomerAdds', 5, 10);
    metric(q, SEC, 'usageGrowth', 10, 10);
    metric(q, SEC, 'deployments', 3, 10);
    metric(q, SEC, 'intermediateCertifications', 6, 40);
    area(q, SEC, 'enterprise', { enterprise: 70, smb: 56 }, 70, true);
    area(R.get('sec-qualify-no'), SEC, 'smb', { enterprise: 48 + 40 / 6, smb: 56 }, 56, false);
  });
});
