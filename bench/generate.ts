// Deterministic generator of realistic partner facts for the benchmark: tens of customers with 25
// months of usage across Azure, Microsoft 365 and Business Applications, tens of certified people.
import { monthText } from '../shared/domain/calendar/dates.js';
import { ASSOCIATION_TYPES } from '../shared/domain/facts/types.js';
import { CATALOG_2026_05 } from '../shared/domain/rules/catalog-2026-05.js';

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AZURE_SERVICES = [
  'Storage',
  'Azure Functions',
  'SQL Database',
  'Azure Kubernetes Service',
  'Virtual Machines',
  'App Service',
  'Key Vault',
  'Sentinel',
  'Azure Firewall',
  'Microsoft Defender for Cloud',
  'Cosmos DB',
  'Azure OpenAI',
];
const M365_WORKLOADS = [
  'Teams',
  'Exchange Online',
  'SharePoint Online',
  'Intune',
  'Teams Premium',
  'Defender for Office 365',
  'Microsoft 365 Apps',
];
const BIZ_WORKLOADS = ['Sales', 'Customer Service', 'Business Central', 'Power Apps', 'Power BI', 'Finance', 'Field Service'];
const CERTS = [
  ...CATALOG_2026_05.modernWork.intermediateCertifications.certifications,
  ...CATALOG_2026_05.businessApplications.intermediateCertifications.certifications,
  ...CATALOG_2026_05.azure.skilling.dataAi.intermediateCertifications.final.certifications,
  'Azure Administrator Associate',
  'Azure Solutions Architect Expert',
  'Security Operations Analyst Associate',
];

const MONTHS = Array.from({ length: 25 }, (_, i) => monthText(2024 * 12 + 9 + i)); // 2024-10 … 2026-10

export function generatePartner(index: number): Record<string, unknown> {
  const rnd = prng(index * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const customers = Array.from({ length: int(10, 40) }, (_, c) => {
    const kinds = { azure: rnd() < 0.7, m365: rnd() < 0.6, biz: rnd() < 0.3 };
    const services = Array.from({ length: int(1, 3) }, () => pick(AZURE_SERVICES));
    const workloads = Array.from({ length: int(1, 2) }, () => pick(M365_WORKLOADS));
    const bizWorkload = pick(BIZ_WORKLOADS);
    const azureAssociation = pick(['PAL', 'CSP_T1', 'DPOR'] as const);
    const seats = int(5, 900);
    const usage: Record<string, unknown>[] = [];
    for (const month of MONTHS) {
      if (kinds.azure)
        for (const service of services)
          usage.push({
            month,
            kind: 'azure',
            service,
            acrUsd: Math.round(rnd() * 300000) / 100,
            offer: rnd() < 0.95 ? 'standard' : 'trial',
            association: azureAssociation,
          });
      if (kinds.m365)
        for (const workload of workloads)
          usage.push({
            month,
            kind: 'm365',
            workload,
            paidSeats: seats,
            activeUsers: int(0, seats),
            association: pick(['CPOR', 'CSP_T1', 'DPOR'] as const),
          });
      if (kinds.biz)
        usage.push({
          month,
          kind: 'bizapps',
          workload: bizWorkload,
          revenueUsd: Math.round(rnd() * 800000) / 100,
          activeUsers: int(0, 60),
          association: pick(ASSOCIATION_TYPES),
          cporActivity: pick(['revrec', 'osu', 'osa'] as const),
        });
    }
    const associations =
      rnd() < 0.3
        ? null
        : [
            { type: azureAssociation, from: '2023-01-01', to: null },
            { type: 'CPOR', cporActivity: 'use-consume', workload: workloads[0], from: pick(['2024-06-01', '2025-12-15']), to: null },
            { type: 'CSP_T1', from: '2022-05-01', to: rnd() < 0.1 ? '2026-06-30' : null },
            { type: 'DPOR', from: '2024-02-01', to: null },
          ];
    return {
      tenantId: `t-${index}-${c}`,
      segment: rnd() < 0.5 ? 'smb' : 'enterprise',
      cloud: rnd() < 0.97 ? 'commercial' : 'government',
      associations,
      usage,
    };
  });
  const people = Array.from({ length: int(10, 50) }, (_, p) => ({
    id: `p-${index}-${p}`,
    linkedFrom: '2023-03-01',
    linkedTo: rnd() < 0.1 ? '2026-05-01' : null,
    certifications: Array.from({ length: int(1, 3) }, () => ({
      name: pick(CERTS),
      earned: pick(['2024-02-01', '2025-07-15', '2026-09-01']),
      expires: pick([null, '2026-08-01', '2027-08-01']),
    })),
  }));
  return {
    partnerId: `bench-${index}`,
    asOf: '2026-11-21',
    enrollment: { anniversary: '2026-03-15', areas: ['modernWork'], azureTrack: null },
    customers,
    people,
  };
}
