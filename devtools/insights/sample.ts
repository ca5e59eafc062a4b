// The stand-in's sample partner, as facts in the scoring contract's shape: 4100007 Wingtip Insights, a
// partner none of the export samples (4100001-4100006) touches, so `npm start` showing the connector does
// not move the scores the demo checks. Azure (PAL and CSP, 24 months, growing), a CPOR Teams customer,
// a Business Central customer, and linked people with certifications.
import type { PartnerFacts } from '../../shared/domain/facts/types.js';

export const INSIGHTS_SAMPLE_PARTNER = '4100007';
/** Month M of the sample (the data is written for scoring days in 2026-11 / 2026-12). */
const LAST = '2026-10';

function months(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) return out;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

export function insightsSampleFacts(): PartnerFacts {
  const window = months('2024-11', LAST);
  const azure = (_tenantId: string, association: 'PAL' | 'CSP_T1', services: Array<[string, number]>, growth: number) =>
    window.flatMap((month, i) =>
      services.map(([service, base]) => ({
        month,
        kind: 'azure' as const,
        service,
        offer: 'standard' as const,
        acrUsd: Math.round(base * (1 + (growth * i) / 23)),
        association,
        cporActivity: null,
      })),
    );
  const services: Array<[string, number]> = [
    ['Storage', 900],
    ['Azure Kubernetes Service', 700],
    ['SQL Database', 500],
    ['Azure Functions', 150],
    ['Key Vault', 60],
    ['Azure Cosmos DB', 300],
  ];
  return {
    partnerId: INSIGHTS_SAMPLE_PARTNER,
    asOf: '2026-11-21',
    enrollment: null,
    customers: [
      {
        tenantId: 'a7000000-0000-4000-8000-000000000001',
        segment: 'enterprise',
        cloud: 'commercial',
        associations: [{ type: 'PAL', workload: null, from: '2024-11-01', to: null, cporActivity: null }],
        usage: azure('a7000000-0000-4000-8000-000000000001', 'PAL', services, 0.8),
      },
      {
        tenantId: 'a7000000-0000-4000-8000-000000000002',
        segment: 'enterprise',
        cloud: 'commercial',
        associations: [{ type: 'CSP_T1', workload: null, from: '2024-11-01', to: null, cporActivity: null }],
        usage: azure('a7000000-0000-4000-8000-000000000002', 'CSP_T1', services.slice(0, 3), 0.4),
      },
      {
        tenantId: 'a7000000-0000-4000-8000-000000000003',
        segment: 'enterprise',
        cloud: 'commercial',
        associations: [{ type: 'PAL', workload: null, from: '2025-09-01', to: null, cporActivity: null }],
        usage: azure(
          'a7000000-0000-4000-8000-000000000003',
          'PAL',
          [
            ['Storage', 1400],
            ['App Service', 400],
          ],
          0,
        ).filter((u) => u.month >= '2025-09'),
      },
      {
        tenantId: 'a7000000-0000-4000-8000-000000000004',
        segment: 'smb',
        cloud: 'commercial',
        associations: [{ type: 'CPOR', workload: 'Teams', from: '2025-03-01', to: null, cporActivity: null }],
        usage: months('2025-03', LAST).map((month, i) => ({
          month,
          kind: 'm365' as const,
          workload: 'Teams',
          paidSeats: 120,
          activeUsers: 60 + i * 3,
          association: 'CPOR' as const,
          cporActivity: null,
        })),
      },
    ],
    people: [
      {
        id: 'mcp-700001',
        linkedFrom: '2023-04-01',
        linkedTo: null,
        certifications: [
          { name: 'Azure Administrator Associate', earned: '2023-04-12', expires: '2027-04-12' },
          { name: 'Azure Solutions Architect Expert', earned: '2024-02-20', expires: '2027-02-20' },
        ],
      },
      {
        id: 'mcp-700002',
        linkedFrom: '2024-06-01',
        linkedTo: null,
        certifications: [
          { name: 'Azure Administrator Associate', earned: '2024-06-03', expires: '2027-06-03' },
          { name: 'Azure Network Engineer Associate', earned: '2025-01-15', expires: '2027-01-15' },
        ],
      },
      {
        id: 'mcp-700003',
        linkedFrom: '2025-05-01',
        linkedTo: null,
        certifications: [{ name: 'Azure Database Administrator Associate', earned: '2025-05-09', expires: '2026-12-09' }],
      },
    ],
  } as unknown as PartnerFacts;
}
