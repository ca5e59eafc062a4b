// One test per dataset preset: a file with the documented columns (in another order, with extra
// columns) → the change events the preset promises.
import { describe, expect, it } from 'vitest';

import { parsePartnerInsightsConnections } from '../../../../shared/config/partner-insights.js';
import { retryAfterMs } from '../../../../shared/ingestion/partner-center/http.js';
import { Accumulator, attributionOf, certificationOf } from '../../../../shared/ingestion/partner-center/mapping.js';
import { DATASET_PRESETS } from '../../../../shared/ingestion/partner-center/presets.js';

const AT = '2026-11-20T00:00:00.000Z';
function run(dataset: keyof typeof DATASET_PRESETS, header: string[], rows: string[][]) {
  const acc = new Accumulator();
  const m = acc.dataset(DATASET_PRESETS[dataset]);
  expect(m.header(header)).toEqual([]);
  rows.forEach((r, i) => m.row(i + 2, r));
  return { acc, stats: m.stats, events: acc.events('p1', AT) };
}

describe('Partner Center presets', () => {
  it('attribution values map to association types; others are unknown', () => {
    expect(attributionOf('CSP Tier 1')).toEqual({ type: 'CSP_T1', cporActivity: null });
    expect(attributionOf('partner admin link (pal)')?.type).toBe('PAL');
    expect(attributionOf('PAL')?.type).toBe('PAL');
    expect(attributionOf('CPOR OSA')).toEqual({ type: 'CPOR', cporActivity: 'osa' });
    expect(attributionOf('Advisor')).toBeUndefined();
  });

  it('AzureUsage: ServiceLevel2 + ACR_USD, two subscriptions add up, duplicates skipped, unknown attribution reported', () => {
    const { acc, stats, events } = run(
      'AzureUsage',
      ['ACR_USD', 'Extra', 'ServiceLevel2', 'CustomerTenantId', 'Month', 'PartnerAttributionType', 'IsACRDuplicateAtPGALevel'],
      [
        ['100.5', 'x', 'Storage', 't1', '2026-10-01', 'Partner Admin Link (PAL)', '0'],
        ['50', 'x', 'Storage', 't1', '2026-10-01', 'Partner Admin Link (PAL)', '0'],
        ['999', 'x', 'Storage', 't1', '2026-10-01', 'Partner Admin Link (PAL)', '1'],
        ['10', 'x', 'Storage', 't2', '2026-10-01', 'Advisor', '0'],
      ],
    );
    expect(stats.skippedDuplicates).toBe(1);
    expect(events).toContainEqual(
      expect.objectContaining({
        fact: 'usage',
        kind: 'azure',
        tenantId: 't1',
        month: '2026-10',
        service: 'Storage',
        association: 'PAL',
        acrUsd: 150.5,
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ fact: 'association', tenantId: 't1', type: 'PAL', from: '2026-10-01', to: null }),
    );
    expect(acc.unknownValues()).toEqual([
      expect.objectContaining({ column: 'PartnerAttributionType', value: 'Advisor', count: 1, action: 'not scored' }),
    ]);
  });

  it('OfficeUsage: WorkloadName, PaidAvailableUnits, MonthlyActiveUsers', () => {
    const { events } = run(
      'OfficeUsage',
      [
        'WorkloadName',
        'CustomerTenantId',
        'Month',
        'PaidAvailableUnits',
        'MonthlyActiveUsers',
        'PartnerAttributionType',
        'IsDuplicateRowForPGA',
      ],
      [['Microsoft Teams', 't1', '2026-09-01', '120', '80', 'CSP Tier 1', '0']],
    );
    expect(events).toContainEqual(
      expect.objectContaining({ fact: 'usage', kind: 'm365', workload: 'Teams', paidSeats: 120, activeUsers: 80, association: 'CSP_T1' }),
    );
  });

  it('EMSUsage: the per-workload columns become Entra ID P1, Intune and Purview usage', () => {
    const { events } = run(
      'EMSUsage',
      [
        'CustomerTenantId',
        'Month',
        'PartnerAttachType',
        'AADPPaidAvailableUnits',
        'AADPMonthlyActiveUsers',
        'IntunePaidAvailableUnits',
        'IntuneMonthlyActiveUsers',
      ],
      [['t1', '2026-09-01', 'CSP Tier 2', '50', '40', '30', '20']],
    );
    expect(events).toContainEqual(
      expect.objectContaining({ workload: 'Microsoft Entra ID P1', paidSeats: 50, activeUsers: 40, association: 'CSP_T2' }),
    );
    expect(events).toContainEqual(expect.objectContaining({ workload: 'Intune', paidSeats: 30, activeUsers: 20 }));
  });

  it('DynamicsUsage and PowerBIUsage: ActiveSeats per SKU workload; CustomersAndTenants gives the revenue of the same record', () => {
    const acc = new Accumulator();
    const d = acc.dataset(DATASET_PRESETS.DynamicsUsage);
    d.header(['SKU', 'CustomerTenantId', 'Month', 'ActiveSeats', 'PartnerAttachType']);
    d.row(2, ['Dynamics 365 Business Central Essentials', 't1', '2026-09-01', '11', 'CSP Tier 1']);
    const p = acc.dataset(DATASET_PRESETS.PowerBIUsage);
    p.header(['SKU', 'CustomerTenantId', 'Month', 'ActiveSeats', 'PartnerAttachType']);
    p.row(2, ['Power BI Pro', 't1', '2026-09-01', '7', 'CSP Tier 1']);
    const c = acc.dataset(DATASET_PRESETS.CustomersAndTenants);
    c.header(['Product', 'BilledRevenueUSD', 'CustomerTenantId', 'Month', 'PartnerAttributionType', 'CustomerSegment']);
    c.row(2, ['Dynamics 365 Business Central', '1200', 't1', '2026-09-01', 'CSP Tier 1', 'SMB']);
    const events = acc.events('p1', AT);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'bizapps', workload: 'Business Central', revenueUsd: 1200, activeUsers: 11 }),
    );
    // No revenue row for Power BI: its record carries the active users only (revenue is not zeroed).
    const powerBi = events.find((e) => e.kind === 'bizapps' && e.workload === 'Power BI');
    expect(powerBi).toMatchObject({ activeUsers: 7 });
    expect(powerBi).not.toHaveProperty('revenueUsd');
    expect(events).toContainEqual(expect.objectContaining({ fact: 'customer', tenantId: 't1', segment: 'smb' }));
  });

  it('CustomersAndTenants: months under an attribution give from/to; Product is the CPOR workload', () => {
    const { events } = run(
      'CustomersAndTenants',
      ['CustomerTenantId', 'Month', 'PartnerAttributionType', 'Product'],
      [
        ['t1', '2025-01-01', 'CPOR', 'Microsoft Teams'],
        ['t1', '2025-02-01', 'CPOR', 'Microsoft Teams'],
        ['t2', '2026-10-01', 'CSP Tier 1', 'Office 365 E3'],
      ],
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        fact: 'association',
        tenantId: 't1',
        type: 'CPOR',
        workload: 'Teams',
        from: '2025-01-01',
        to: '2025-02-28',
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ fact: 'association', tenantId: 't2', type: 'CSP_T1', workload: null, from: '2026-10-01', to: null }),
    );
  });

  it('TrainingCompletions: certifications only, "Microsoft Certified: " dropped, people linked', () => {
    const { stats, events } = run(
      'TrainingCompletions',
      ['TrainingTitle', 'TrainingType', 'MCPID', 'TrainingCompletionDate', 'ExpirationDate'],
      [
        ['Microsoft Certified: Azure Administrator Associate', 'Certification', 'm1', '2025-03-04T00:00:00', '2026-03-04'],
        ['AZ-104', 'Exam', 'm1', '2025-03-01', ''],
      ],
    );
    expect(stats.skippedOther).toBe(1);
    expect(events).toContainEqual(
      expect.objectContaining({
        fact: 'certification',
        personId: 'm1',
        name: 'Azure Administrator Associate',
        earned: '2025-03-04',
        expires: '2026-03-04',
      }),
    );
    expect(events).toContainEqual(expect.objectContaining({ fact: 'person', personId: 'm1', linkedFrom: '2025-03-04' }));
    expect(certificationOf('Something New').known).toBe(false);
  });

  it('settings: http only on loopback is a URL matter; plain tokens refused on Azure; Retry-After read', () => {
    const entry = { partnerId: 'p', tenantId: 't', clientId: 'c7000000-0000-4000-8000-00000000000c', refreshToken: 'x' };
    expect(parsePartnerInsightsConnections(JSON.stringify([entry]))).toHaveLength(1);
    expect(() => parsePartnerInsightsConnections(JSON.stringify([entry]), { azure: true })).toThrow(/Key Vault/);
    expect(retryAfterMs('2')).toBe(2000);
  });
});
