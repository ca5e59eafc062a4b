// Azure areas (dataAi, infrastructure, digitalAppInnovation): expectations computed by hand from the
// scoring contract. asOf 2026-11-21 → M = 2026-10, M−1 = 2026-09, M−12 = 2025-10, M−13 = 2025-09,
// TTM(M) = 2025-11 … 2026-10. All through the real CLI (one run for the whole file).
import { beforeAll, describe, expect, it } from 'vitest';

import { area, assoc, az, AZURE_AREAS, type Doc, metric, partner, person, type Result, scoreAll, tenant } from './harness.js';

const S = 'Azure Kubernetes Service';
const docs: Doc[] = [
  // NCA uses X and X−1; floor 1,000 on enterprise.
  partner('az-nca-ent', {
    customers: [
      tenant('t1', [az('2026-10', S, 1000)]), // S(M) via M
      tenant('t2', [az('2026-09', S, 1000)]), // S(M) via M−1
      tenant('t3', [az('2026-10', S, 999.99)]), // below floor
      tenant('t4', [az('2025-10', S, 1000)]), // S(M−12) via M−12
      tenant('t5', [az('2025-09', S, 1000)]), // S(M−12) via M−13
      tenant('t6', [az('2026-08', S, 1000)]), // M−2: in neither
      tenant('t7', [az('2026-10', S, 5000)]), // S(M)
    ],
  }),
  // 80 % rule over tenants with ACR(t,M) > 0: s1..s4 smb + e1 enterprise = exactly 80 % → smb.
  partner('az-smb-80', {
    customers: [
      ...['s1', 's2', 's3', 's4'].map((id) => tenant(id, [az('2026-10', 'Storage', 500)], { segment: 'smb' })),
      tenant('e1', [az('2026-10', 'Storage', 500)], { segment: 'enterprise' }),
      tenant('e2', [az('2026-10', 'Storage', -100)]), // credit: ACR(M) < 0, not in the ratio
      tenant('e3', [az('2025-10', 'Storage', 2000)]), // only M−12
      tenant('e4', [az('2026-10', 'Storage', 100, 'PAL', { offer: 'trial' })]), // not eligible
    ],
  }),
  // 3 of 4 = 75 % → enterprise (floor 1,000 → nobody in S(M)).
  partner('az-track-75', {
    customers: [
      ...['s1', 's2', 's3'].map((id) => tenant(id, [az('2026-10', 'Storage', 500)], { segment: 'smb' })),
      tenant('e1', [az('2026-10', 'Storage', 500)]),
    ],
  }),
  // no tenant with ACR(t,M) > 0 → enterprise; TTM(M) = 0 < 1,000 → usage growth 0 points.
  partner('az-track-none', { customers: [tenant('s1', [az('2025-10', 'Storage', 600)], { segment: 'smb' })] }),
  // government tenants count for nothing, also not for the track ratio.
  partner('az-gov-track', {
    customers: [
      ...['g1', 'g2', 'g3', 'g4'].map((id) => tenant(id, [az('2026-10', 'Storage', 5000)], { segment: 'smb', cloud: 'government' })),
      tenant('e1', [az('2026-10', 'Storage', 700)]),
    ],
  }),
  // azureTrack frozen when enrolled in an Azure area.
  partner('az-frozen-smb', {
    enrollment: { anniversary: '2026-03-15', areas: ['dataAi'], azureTrack: 'smb' },
    customers: [tenant('e1', [az('2026-10', 'Storage', 600)]), tenant('e2', [az('2026-10', 'Backup', 600)])],
  }),
  // azureTrack set but not enrolled in an Azure area → not frozen.
  partner('az-notfrozen', {
    enrollment: { anniversary: '2026-03-15', areas: ['modernWork'], azureTrack: 'smb' },
    customers: [tenant('e1', [az('2026-10', 'Storage', 600)]), tenant('e2', [az('2026-10', 'Backup', 600)])],
  }),
  partner('az-frozen-ent', {
    enrollment: { anniversary: '2026-03-15', areas: ['infrastructure'], azureTrack: 'enterprise' },
    customers: [tenant('s1', [az('2026-10', 'Storage', 600)], { segment: 'smb' })],
  }),
  // offers, clouds and association types.
  partner('az-offers', {
    customers: [
      tenant('a', [az('2026-10', 'Key Vault', 5000)], { cloud: 'government' }),
      tenant('b', [
        az('2026-10', 'App Service', 5000, 'PAL', { offer: 'support' }),
        az('2026-10', 'Functions', 5000, 'PAL', { offer: 'internal' }),
        az('2026-10', 'Logic Apps', 5000, 'PAL', { offer: 'benefit' }),
        az('2026-10', 'Cosmos DB', 5000, 'PAL', { offer: 'trial' }),
      ]),
      tenant('c', [az('2026-10', 'Azure Monitor', 5000, 'CPOR')]),
      tenant('d', [az('2026-10', 'Azure SQL Database', 1000, 'DPOR', { offer: 'standard' })]),
      tenant('e', [az('2026-10', 'Storage', 1000, 'CSP_T1')]),
      tenant('f', [az('2026-10', 'Backup', 1000, 'CSP_T2')]),
      tenant('g', [az('2026-10', 'Event Hubs', 5000)], { cloud: 'china' }),
    ],
  }),
  // deployments: VM exclusions, case/trim, TTM window, zero sums, unknown names.
  partner('az-deploy', {
    customers: [
      tenant('t1', [
        az('2026-10', 'Virtual Machines', 1000),
        az('2026-10', ' virtual machines licenses ', 100),
        az('2026-10', 'VIRTUAL MACHINES', 100),
        az('2026-10', 'Key Vault', 100),
        az('2026-10', 'Made Up Service', 100),
        az('2026-10', 'Backup', 100),
        az('2026-05', ' key vault ', 100),
        az('2025-11', 'Azure Functions', 100),
        az('2025-10', 'Logic Apps', 100),
        az('2026-03', 'Event Grid', 100),
        az('2026-04', 'Event Grid', -100),
        az('2026-06', 'Azure Monitor', 50),
        az('2026-06', 'Azure Cosmos DB', 50),
      ]),
    ],
  }),
  // cents rounding on input.
  partner('az-cents', {
    customers: [
      tenant('t1', [az('2026-10', 'Storage', 333.334), az('2026-10', 'Storage', 333.334), az('2026-10', 'Storage', 333.334)]),
      tenant('t2', [az('2026-10', 'Storage', 499.996), az('2026-10', 'Storage', 499.996)]),
    ],
  }),
  // half a cent as written: 1.005 → 1.01 (half away from zero on the amount as written; its binary
  // double 1.00499999… must not round it down). 998.99 + 1.01 = 1000.00 ≥ 1000 → S(M).
  // −2.675 → −2.68 mirrors a charge. t2: 1000.01 − 0.005 → 1000.01 − 0.01 = 1000.00 ≥ 1000.
  partner('az-half-cent', {
    customers: [
      tenant('t1', [az('2026-10', 'Storage', 998.99), az('2026-10', 'Storage', 1.005)]),
      tenant('t2', [az('2026-10', 'Storage', 1000.01), az('2026-10', 'Storage', -0.005)]),
      tenant('t3', [az('2026-10', 'Storage', 998.99), az('2026-10', 'Storage', 1.004999)]), // 1.00 → 999.99
    ],
  }),
  partner('az-cents-ttm', {
    customers: [tenant('t1', [az('2026-10', 'Storage', 499.996), az('2026-10', 'Storage', 499.996)], { segment: 'smb' })],
  }),
  // negative growth.
  partner('az-negative', {
    customers: [tenant('t1', [az('2026-10', 'Storage', 1000), az('2025-10', 'Storage', 2000)])],
  }),
  // association matching.
  partner('az-assoc', {
    customers: [
      tenant('a1', [az('2026-10', 'Storage', 1000)], { associations: [assoc('PAL', '2026-10-31')] }),
      tenant('a2', [az('2026-10', 'Storage', 1000)], { associations: [assoc('PAL', '2026-11-01')] }),
      tenant('a3', [az('2026-10', 'Storage', 1000, 'DPOR')], { associations: [assoc('DPOR', '2024-01-01', '2026-10-01')] }),
      tenant('a4', [az('2026-10', 'Storage', 1000, 'DPOR')], { associations: [assoc('DPOR', '2024-01-01', '2026-09-30')] }),
      tenant('a5', [az('2026-10', 'Storage', 1000)], { associations: [] }),
      tenant('a6', [az('2026-10', 'Storage', 1000), az('2025-10', 'Storage', 1000)]),
      tenant('a7', [az('2026-10', 'Storage', 1000)], { associations: [assoc('DPOR', '2020-01-01')] }),
      tenant('a8', [az('2026-10', 'Storage', 1000)], { associations: null }),
      tenant('a9', [az('2026-10', 'Storage', 1000)], { associations: [assoc('PAL', '2020-01-01'), assoc('PAL', '2021-01-01')] }),
      tenant('a10', [az('2026-10', 'Storage', 1000)], { associations: [assoc('PAL', '2026-10-15', '2026-10-15')] }),
      tenant('a11', [az('2026-10', 'Storage', 1000)], {
        associations: [assoc('PAL', '2020-01-01', null, { workload: 'Teams', cporActivity: 'osu' })],
      }),
    ],
  }),
  // skilling, enterprise, gates met.
  partner('az-skill-ent', {
    people: [
      person('p1', ['Azure Administrator Associate', 'Azure Solutions Architect Expert']),
      person('p2', ['Azure Administrator Associate', 'Azure Database Administrator Associate']),
      person('p3', ['Azure Solutions Architect Expert']),
      person('p4', ['Power BI Data Analyst Associate', 'Fabric Data Engineer Associate']),
      person('p5', [' azure cosmos db developer specialty ']),
      person('p6', ['Azure Network Engineer Associate']),
      person('p7', ['Azure Virtual Desktop Specialty']),
      person('p8', ['GitHub Copilot']),
      person('p9', [['Azure Developer Associate', '2026-07-30']]), // retired 2026-07-31, earned before
      person('p10', [['Azure Developer Associate', '2026-07-31']]), // earned ON the retirement day
      person('p11', [['Power Platform Solution Architect Expert', '2026-06-30']]), // ON the retirement day
      person('p12', [['Azure AI Engineer Associate', '2025-05-01']]), // retired 2026-06-30, in grace
      person('p13', [['Azure Data Scientist Associate', '2026-06-01']]), // ON the retirement day
    ],
  }),
  // enterprise: gate 2 has only one person → 0; values still count final-step people.
  partner('az-skill-ent-gatefail', {
    people: [
      person('p1', ['Azure Administrator Associate']),
      person('p2', ['Azure Administrator Associate']),
      person('p3', ['Azure Solutions Architect Expert']),
      person('p4', ['Azure Database Administrator Associate']),
      person('p5', ['Azure Virtual Desktop Specialty']),
    ],
  }),
  // enterprise: a person with gate and final certs counts in both steps.
  partner('az-skill-ent-both', {
    people: [
      person('p1', ['Azure Administrator Associate', 'Azure Solutions Architect Expert', 'Fabric Analytics Engineer Associate']),
      person('p2', ['Azure Administrator Associate', 'Azure Solutions Architect Expert']),
    ],
  }),
  // smb (frozen): gate 1 met, gate 2 missing → 4 only.
  partner('az-skill-smb', {
    enrollment: { anniversary: '2026-03-15', areas: ['dataAi'], azureTrack: 'smb' },
    people: [
      person('p1', ['Azure Administrator Associate']),
      person('p2', ['Azure Database Administrator Associate']),
      person('p3', ['Fabric Data Engineer Associate']),
      person('p4', ['Power BI Data Analyst Associate']),
      ...['p5', 'p6', 'p7', 'p8', 'p9'].map((id) => person(id, ['Windows Server Hybrid Administrator Associate'])),
      person('p10', ['Azure for SAP Workloads Specialty']),
    ],
  }),
  // smb: a later gate met while the first is not still earns its 4.
  partner('az-skill-smb-gate2', {
    enrollment: { anniversary: '2026-03-15', areas: ['digitalAppInnovation'], azureTrack: 'smb' },
    people: [person('p1', ['Azure Solutions Architect Expert']), person('p2', ['Fabric Data Engineer Associate'])],
  }),
  // smb: both gates by one person who also holds a final cert; cap 40.
  partner('az-skill-smb-full', {
    enrollment: { anniversary: '2026-03-15', areas: ['dataAi'], azureTrack: 'smb' },
    people: [
      person('p1', ['Azure Administrator Associate', 'Azure Solutions Architect Expert', 'Azure Database Administrator Associate']),
      ...['p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((id) => person(id, ['SQL AI Developer Associate'])),
    ],
  }),
  // qualifiesToday: dataAi exactly 70 with every metric > 0.
  partner('az-qualify-70', {
    customers: [
      tenant('t1', [az('2026-10', 'Storage', 1000)]),
      tenant('t2', [az('2026-10', 'Key Vault', 1000)]),
      tenant('t3', [az('2026-10', 'Storage', 1000)]),
    ],
    people: [
      person('p1', ['Azure Administrator Associate', 'Azure Solutions Architect Expert']),
      person('p2', ['Azure Administrator Associate', 'Azure Solutions Architect Expert']),
      ...['p3', 'p4', 'p5', 'p6'].map((id) => person(id, ['Azure Database Administrator Associate'])),
    ],
  }),
  // infrastructure 80 with advancedCertifications at 0 → not qualified.
  partner('az-qualify-zero-metric', {
    customers: [
      tenant('t1', [az('2026-10', 'Storage', 1000), az('2026-10', 'Backup', 1), az('2026-10', 'Key Vault', 1)]),
      tenant('t2', [az('2026-10', 'Azure Monitor', 1000), az('2026-10', 'Event Hubs', 1)]),
      tenant('t3', [az('2026-10', 'Storage', 1000)]),
    ],
    people: [
      person('p1', ['Azure Administrator Associate']),
      person('p2', ['Azure Administrator Associate']),
      ...['p3', 'p4', 'p5', 'p6', 'p7'].map((id) => person(id, ['Azure Network Engineer Associate'])),
    ],
  }),
];

let R: Map<string, Result>;
beforeAll(() => {
  R = scoreAll(docs);
}, 60_000);

describe('Azure areas (contract audit)', () => {
  it('NCA uses X and X−1, floor 1,000 (enterprise); usage growth capped; deployments per service', () => {
    const r = R.get('az-nca-ent');
    for (const a of AZURE_AREAS) {
      // S(M) = {t1, t2, t7} = 3; S(M−12) = {t4, t5} = 2 → 1 → 10 points.
      metric(r, a, 'netCustomerAdds', 1, 10);
      // cur = 1000 + 999.99 + 5000 = 6999.99; base = 1000 → 599.999 % → 20.
      metric(r, a, 'usageGrowth', 599.999, 20);
      metric(r, a, 'deployments', 1, 2);
      area(r, a, 'enterprise', { enterprise: 32 }, 32);
    }
  });

  it('exactly 80 % smb among tenants with ACR(t,M) > 0 → smb, floor 500; credits lower ACR', () => {
    const r = R.get('az-smb-80');
    for (const a of AZURE_AREAS) {
      // S(M) = s1..s4, e1 = 5; S(M−12) = e3 = 1 → 4 → 40 → capped 30.
      metric(r, a, 'netCustomerAdds', 4, 30);
      // cur = 4×500 + 500 − 100 = 2400 (trial excluded); base = 2000 → 20 % → 20.
      metric(r, a, 'usageGrowth', 20, 20);
      metric(r, a, 'deployments', 1, 2);
      area(r, a, 'smb', { smb: 52 }, 52);
    }
  });

  it('75 % smb → enterprise; base 0 with cur > 0 → full points and value null', () => {
    const r = R.get('az-track-75');
    for (const a of AZURE_AREAS) {
      metric(r, a, 'netCustomerAdds', 0, 0); // floor 1,000: nobody
      metric(r, a, 'usageGrowth', null, 20); // cur 2000, base 0, TTM 2000 ≥ 1000
      area(r, a, 'enterprise', { enterprise: 22 }, 22);
    }
  });

  it('no tenant with ACR(M) > 0 → enterprise; TTM < 1,000 → 0 points', () => {
    const r = R.get('az-track-none');
    for (const a of AZURE_AREAS) {
      // LITERAL READING: value is growth % whenever base ≠ 0 (null only when base = 0):
      // cur 0, base 600 → −100 %; TTM(M) = 0 < 1000 → 0 points anyway.
      metric(r, a, 'usageGrowth', -100, 0);
      metric(r, a, 'netCustomerAdds', 0, 0); // 600 < 1000 in M−12
      metric(r, a, 'deployments', 0, 0); // only outside TTM(M)
      area(r, a, 'enterprise', { enterprise: 0 }, 0);
    }
  });

  it('government tenants count for nothing, not even for the track', () => {
    const r = R.get('az-gov-track');
    for (const a of AZURE_AREAS) {
      // only e1 (enterprise, 700): 0 % smb → enterprise, floor 1000 → S(M) empty.
      metric(r, a, 'netCustomerAdds', 0, 0);
      metric(r, a, 'usageGrowth', null, 0); // TTM 700 < 1000 → 0 points; base 0 → null
      metric(r, a, 'deployments', 1, 2);
      area(r, a, 'enterprise', { enterprise: 2 }, 2);
    }
  });

  it('azureTrack freezes all three Azure areas only when enrolled in an Azure area', () => {
    for (const a of AZURE_AREAS) {
      // frozen smb: floor 500 → S(M) = 2 → 20; usage growth base 0 → 20 (TTM 1200); 2 services → 4.
      metric(R.get('az-frozen-smb'), a, 'netCustomerAdds', 2, 20);
      area(R.get('az-frozen-smb'), a, 'smb', { smb: 44 }, 44);
      // not frozen: both tenants enterprise → enterprise, floor 1000 → 0.
      metric(R.get('az-notfrozen'), a, 'netCustomerAdds', 0, 0);
      area(R.get('az-notfrozen'), a, 'enterprise', { enterprise: 24 }, 24);
      // frozen enterprise although 100 % smb: floor 1000 → 600 does not count.
      metric(R.get('az-frozen-ent'), a, 'netCustomerAdds', 0, 0);
      expect(R.get('az-frozen-ent')!.areas[a]!.track).toBe('enterprise');
    }
  });

  it('offers other than standard, non-commercial clouds and CPOR are excluded', () => {
    const r = R.get('az-offers');
    for (const a of AZURE_AREAS) {
      metric(r, a, 'netCustomerAdds', 3, 30); // d, e, f
      metric(r, a, 'deployments', 3, 6); // Azure SQL Database, Storage, Backup
      metric(r, a, 'usageGrowth', null, 20);
      area(r, a, 'enterprise', { enterprise: 56 }, 56);
    }
  });

  it('deployments: VM names excluded (case/trim), names merged case-insensitively, TTM window, Σ > 0', () => {
    const r = R.get('az-deploy');
    for (const a of AZURE_AREAS) {
      // Key Vault, Made Up Service, Backup, Azure Functions, Azure Monitor, Azure Cosmos DB = 6 → 12 → cap 10.
      metric(r, a, 'deployments', 6, 10);
      // ACR(M) = 1000 + 100 + 100 + 100 + 100 + 100 = 1500 (VMs count for NCA/usage) → S(M) = 1.
      metric(r, a, 'netCustomerAdds', 1, 10);
      // base = 100 (Logic Apps 2025-10) → 1400 %.
      metric(r, a, 'usageGrowth', 1400, 20);
    }
  });

  it('amounts are rounded to cents on input, then summed', () => {
    const r = R.get('az-cents');
    for (const a of AZURE_AREAS) {
      // t1: 3 × 333.33 = 999.99 < 1000; t2: 2 × 500.00 = 1000.00 ≥ 1000 → S(M) = 1.
      metric(r, a, 'netCustomerAdds', 1, 10);
    }
    // AMBIGUITY (rounding mode not stated): half away from zero on the decimal amount as written.
    for (const a of AZURE_AREAS) metric(R.get('az-half-cent'), a, 'netCustomerAdds', 2, 20);
    // 2 × 499.996 → 2 × 500.00 = 1000.00 ≥ 1000 TTM → base 0, cur > 0 → full 20.
    for (const a of AZURE_AREAS) metric(R.get('az-cents-ttm'), a, 'usageGrowth', null, 20);
  });

  it('negative growth → negative value, 0 points', () => {
    for (const a of AZURE_AREAS) metric(R.get('az-negative'), a, 'usageGrowth', -50, 0);
  });

  it('association matching: from ≤ last day, to inclusive, [] vs omitted/null, type match, once only', () => {
    const r = R.get('az-assoc');
    for (const a of AZURE_AREAS) {
      // counted in M: a1, a3, a6, a8, a9, a10, a11 = 7; S(M−12) = a6 → value 6 → 30.
      metric(r, a, 'netCustomerAdds', 6, 30);
      // cur = 7000 (a9 once), base = 1000 → 600 %.
      metric(r, a, 'usageGrowth', 600, 20);
    }
  });

  it('enterprise skilling: gates of 2 distinct people, 4 per final-step person; retirement rules', () => {
    const r = R.get('az-skill-ent');
    // Data & AI: gates Admin {p1,p2}, Architect {p1,p3}; finals p2, p4 (once), p5 (case/trim), p12 (grace) = 4 → 16.
    metric(r, 'dataAi', 'intermediateCertifications', 4, 16);
    // Infrastructure: Admin gate met; final p6 → 4. Advanced: Architect gate met; p7 → 4.
    metric(r, 'infrastructure', 'intermediateCertifications', 1, 4);
    metric(r, 'infrastructure', 'advancedCertifications', 1, 4);
    // DAI: intermediate p9 (earned before retirement; p10 earned on it) → 1; advanced p8 (p11 on the day) → 1.
    metric(r, 'digitalAppInnovation', 'intermediateCertifications', 1, 4);
    metric(r, 'digitalAppInnovation', 'advancedCertifications', 1, 4);
    area(r, 'dataAi', 'enterprise', { enterprise: 16 }, 16);
  });

  it('enterprise: a gate with one person fails the metric (value still counts final-step people)', () => {
    const r = R.get('az-skill-ent-gatefail');
    metric(r, 'dataAi', 'intermediateCertifications', 1, 0);
    metric(r, 'infrastructure', 'advancedCertifications', 1, 0);
    metric(r, 'infrastructure', 'intermediateCertifications', 0, 0);
  });

  it('enterprise: a person holding gate and final certs counts in both steps', () => {
    metric(R.get('az-skill-ent-both'), 'dataAi', 'intermediateCertifications', 1, 4);
  });

  it('smb skilling: 4 per met gate, finals only when all gates met, cap', () => {
    const r = R.get('az-skill-smb');
    metric(r, 'dataAi', 'intermediateCertifications', 3, 4); // gate 1 only
    metric(r, 'infrastructure', 'intermediateCertifications', 5, 20); // 4 + 5×4 = 24 → 20
    metric(r, 'infrastructure', 'advancedCertifications', 1, 0); // no Architect
    metric(r, 'digitalAppInnovation', 'intermediateCertifications', 0, 4); // gate only
    const g2 = R.get('az-skill-smb-gate2');
    metric(g2, 'dataAi', 'intermediateCertifications', 1, 4); // gate 2 met, gate 1 not → 4
    metric(g2, 'infrastructure', 'advancedCertifications', 0, 4);
    metric(g2, 'digitalAppInnovation', 'advancedCertifications', 0, 4);
    metric(g2, 'infrastructure', 'intermediateCertifications', 0, 0);
    // p1 in both gates and final; finals p1..p8 = 8 → 4 + 4 + 32 = 40.
    metric(R.get('az-skill-smb-full'), 'dataAi', 'intermediateCertifications', 8, 40);
  });

  it('qualifiesToday: exactly 70 with every metric > 0; a metric at 0 blocks', () => {
    const q = R.get('az-qualify-70');
    // 30 + 16 + 20 + 4 = 70.
    metric(q, 'dataAi', 'deployments', 2, 4);
    area(q, 'dataAi', 'enterprise', { enterprise: 70 }, 70, true);
    area(q, 'infrastructure', 'enterprise', { enterprise: 54 }, 54, false);
    const z = R.get('az-qualify-zero-metric');
    // 30 + 20 (5 finals) + 0 (advanced) + 20 + 10 (5 services) = 80, advanced at 0 → false.
    area(z, 'infrastructure', 'enterprise', { enterprise: 80 }, 80, false);
  });
});
