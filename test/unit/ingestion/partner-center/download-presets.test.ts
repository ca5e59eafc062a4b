// One test per Partner Center download preset: a small CSV in the documented columns (shuffled, with
// an alias or drifted name) → the change events the preset promises, through parseExportStream.
import { describe, expect, it } from 'vitest';

import { detectHeaderPreset } from '../../../../shared/imports/header-presets.js';
import type { ParseItem } from '../../../../shared/imports/parse.js';
import { DOWNLOAD_HEADER_PRESETS, monthOf } from '../../../../shared/ingestion/partner-center/download-presets.js';
import { changesOf, collect, errorsOf } from '../../imports/helpers.js';

const AT = '2026-11-20T06:00:00.000Z';
const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
const presetOf = (items: ParseItem[]) => items.map((i) => ('preset' in i ? i.preset : undefined)).find((p) => p !== undefined);
const detect = (header: string) => detectHeaderPreset(header.split(','), DOWNLOAD_HEADER_PRESETS)?.id ?? null;

describe('Partner Center download presets', () => {
  it('Business applications revenue: Workload for Workloads, spaced/underscored names; rows of one key add up; unknown attribution and workload counted', async () => {
    const file = csv([
      [
        'AdjustedRevenueAmtCD',
        'Customer_Tenant_ID',
        'Workload',
        'Partner Association Type',
        'SubscriptionId',
        'Global Partner ID',
        'FiscalMonthName',
        'CustomerName',
        'Country',
      ],
      ['1200.50', 't1', 'Dynamics 365 Business Central', 'CSP Tier 1', 's1', '4100003', '2026-10-01', 'Contoso', 'NL'],
      ['300', 'T1', 'Business Central', 'CSP Tier 1', 's2', '4100003', '2026-10', 'Contoso', 'NL'],
      ['50', 't1', 'Business Central', 'CSP Tier 1', 's1', '4100003', '2026-09-01', 'Contoso', 'NL'],
      ['80', 't2', 'Contoso Widget', 'DPOR', 's3', '4100003', '2026-10-01', 'Fabrikam', 'NL'],
      ['99', 't3', 'Sales', 'Advisor', 's4', '4100003', '2026-10-01', 'Tailspin', 'NL'],
      ['99', 't3', 'Sales', 'Advisor', 's5', '4100003', '2026-10-01', 'Tailspin', 'NL'],
      ['abc', 't4', 'Sales', 'DPOR', 's6', '4100003', '2026-10-01', 'Tailspin', 'NL'],
    ]);
    const items = await collect([file], {
      fileName: 'downloads/BusinessApplicationsRevenue.csv',
      defaultObservedAt: AT,
      headerPresets: DOWNLOAD_HEADER_PRESETS,
    });
    const base = {
      fact: 'usage',
      partnerId: '4100003',
      observedAt: AT,
      deleted: false,
      kind: 'bizapps',
      cporActivity: null,
    };
    // Revenue only: the usage download gives the active users, and neither zeroes the other (usage-figures.ts).
    expect(changesOf(items)).toEqual([
      { line: 2, ...base, tenantId: 't1', month: '2026-10', workload: 'Business Central', association: 'CSP_T1', revenueUsd: 1500.5 },
      { line: 4, ...base, tenantId: 't1', month: '2026-09', workload: 'Business Central', association: 'CSP_T1', revenueUsd: 50 },
      { line: 5, ...base, tenantId: 't2', month: '2026-10', workload: 'Contoso Widget', association: 'DPOR', revenueUsd: 80 },
    ]);
    expect(errorsOf(items)).toEqual([
      { line: 6, column: 'Partner Association Type', error: expect.stringMatching(/unknown attribution value "Advisor": not scored/) },
      { line: 7, column: 'Partner Association Type', error: expect.stringMatching(/Advisor/) },
      { line: 8, column: 'AdjustedRevenueAmtCD', error: 'not a number: "abc"' },
    ]);
    const preset = presetOf(items)!;
    expect(preset).toMatchObject({
      id: 'partner-center/bizapps-revenue',
      title: 'Business applications revenue',
      sourceRows: 7,
      usedRows: 4,
    });
    expect(preset.columns).toMatchObject({ revenueUsd: 'AdjustedRevenueAmtCD', workload: 'Workload', partnerId: 'Global Partner ID' });
    expect(preset.ignoredColumns).toEqual(['Country']);
    expect(preset.unknown).toEqual([
      { column: 'Partner Association Type', value: 'Advisor', count: 2, action: 'not scored', firstLine: 6 },
      { column: 'Workload', value: 'Contoso Widget', count: 1, action: 'imported as written', firstLine: 5 },
    ]);
  });

  it('Business applications usage: PartnerAttributionType for PartnerAssociationType; activeUsers from MAU (not PAMAU or MAC); older workload names', async () => {
    const file = csv([
      [
        'MAC',
        'PAMAU',
        'Workload',
        'CustomerTenantID',
        'MetricType',
        'PartnerAttributionType',
        'MAU',
        'GlobalPartnerID',
        'FiscalMonthName',
        'SkuGroup',
      ],
      ['0', '7', 'Dynamics 365 for Customer Service', 't1', 'Users', 'CPOR RevRec', '12', '4100003', '2026-10-01', 'Enterprise'],
      ['0', '1', 'Customer Service', 't1', 'Users', 'CPOR RevRec', '3', '4100003', '2026-10-01', 'Enterprise'],
      ['5', '0', 'Power Apps per user', 't2', 'Capacity', 'CSP Tier 2', '', '4100003', '2026-10', 'Enterprise'],
      ['0', '0', 'Sales', 't2', 'Users', 'CSP Tier 2', '4', '4100003', 'last month', 'Enterprise'],
    ]);
    const items = await collect([file], {
      fileName: 'Business applications usage.csv',
      defaultObservedAt: AT,
      headerPresets: DOWNLOAD_HEADER_PRESETS,
    });
    const base = { fact: 'usage', partnerId: '4100003', observedAt: AT, deleted: false, kind: 'bizapps', month: '2026-10' }; // active users only
    expect(changesOf(items)).toEqual([
      { line: 2, ...base, tenantId: 't1', workload: 'Customer Service', association: 'CPOR', cporActivity: 'revrec', activeUsers: 15 },
      { line: 4, ...base, tenantId: 't2', workload: 'Power Apps', association: 'CSP_T2', cporActivity: null, activeUsers: 0 },
    ]);
    expect(errorsOf(items)).toEqual([
      { line: 5, column: 'FiscalMonthName', error: 'not a month: "last month" (expected YYYY-MM-01 or YYYY-MM)' },
    ]);
    expect(presetOf(items)).toMatchObject({ id: 'partner-center/bizapps-usage', sourceRows: 4, usedRows: 3, unknown: [] });
  });

  it('CPOR – Microsoft 365 usage: Mpn Id / Claim ID spelled differently, Date as the month; m365 paidSeats and activeUsers add up per workload', async () => {
    const file = csv([
      [
        'DateAssociated',
        'Claim ID',
        'PaidAvailableUnits',
        'CustomerName',
        'WorkloadName',
        'Mpn Id',
        'Date',
        'monthly_active_users',
        'PartnerAttributionType',
        'CustomerTenantId',
      ],
      ['2026-03-02', 'c-1', '300', 'Contoso', 'Microsoft Teams', '4100002', '2026-10-01', '250', 'CPOR OSA', 't1'],
      ['2026-03-02', 'c-2', '20', 'Contoso', 'Teams', '4100002', '2026-10-01', '10', 'CPOR OSA', 't1'],
      ['2026-03-02', 'c-3', '100', 'Contoso', 'Exchange', '4100002', '2026-09', '90', 'CPOR OSA', 't1'],
      ['2026-04-01', 'c-4', '40', 'Fabrikam', 'Viva Pulse Preview', '4100002', '2026-10-01', '5', 'CPOR Use & Consume', 't2'],
      ['2026-04-01', 'c-5', 'n/a', 'Fabrikam', 'Teams', '4100002', '2026-10-01', '5', 'CPOR OSA', 't2'],
    ]);
    const items = await collect([file], { fileName: 'cpor-m365.csv', defaultObservedAt: AT, headerPresets: DOWNLOAD_HEADER_PRESETS });
    const base = { fact: 'usage', partnerId: '4100002', observedAt: AT, deleted: false, kind: 'm365', association: 'CPOR' };
    expect(changesOf(items)).toEqual([
      { line: 2, ...base, tenantId: 't1', month: '2026-10', workload: 'Teams', cporActivity: 'osa', paidSeats: 320, activeUsers: 260 },
      {
        line: 4,
        ...base,
        tenantId: 't1',
        month: '2026-09',
        workload: 'Exchange Online',
        cporActivity: 'osa',
        paidSeats: 100,
        activeUsers: 90,
      },
      {
        line: 5,
        ...base,
        tenantId: 't2',
        month: '2026-10',
        workload: 'Viva Pulse Preview',
        cporActivity: 'use-consume',
        paidSeats: 40,
        activeUsers: 5,
      },
    ]);
    expect(errorsOf(items)).toEqual([{ line: 6, column: 'PaidAvailableUnits', error: 'not a number: "n/a"' }]);
    expect(presetOf(items)).toMatchObject({
      id: 'partner-center/cpor-m365-usage',
      unknown: [{ column: 'WorkloadName', value: 'Viva Pulse Preview', count: 1, action: 'imported as written', firstLine: 5 }],
    });
  });

  it('header matching: all required columns present, best match wins; our own formats, OfficeUsage and a column map are left alone', async () => {
    const usage =
      'FiscalMonthName,GlobalPartnerID,PartnerName,PartnerAssociationType,CustomerID,CustomerName,CustomerTenantID,CustomerTenantName,SubscriptionID,SubscriptionStartDate,MetricType,WorkloadCategory,Workload,SkuGroup,PAMAU,MAC,MAU';
    const revenue =
      'FiscalMonthName,GlobalPartnerID,PartnerName,PartnerAssociationType,CustomerID,CustomerName,CustomerTenantID,CustomerTenantName,SubscriptionId,SubscriptionStartDate,Country,WorkloadCategory,Workloads,AdjustedRevenueAmtCD';
    expect(detect(usage)).toBe('partner-center/bizapps-usage');
    expect(detect(revenue)).toBe('partner-center/bizapps-revenue');
    // Both amounts in one file: the preset that recognizes more columns wins.
    expect(detect(`${revenue},MAU,MetricType`)).toBe('partner-center/bizapps-usage');
    expect(
      detect(
        'CustomerTenantId,CustomerName,WorkloadName,MonthlyActiveUsers,PaidAvailableUnits,ClaimId,MpnId,DateAssociated,PartnerAttributionType,Date',
      ),
    ).toBe('partner-center/cpor-m365-usage');
    // A required column missing → no preset.
    expect(detect(revenue.replace(',AdjustedRevenueAmtCD', ''))).toBeNull();
    expect(
      detect(
        'CustomerTenantId,CustomerTpid,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,CustomerName,MPNId,PartnerAttributionType,IsDuplicateRowForPGA',
      ),
    ).toBeNull();
    expect(detect('partnerId,tenantId,kind,month,workload,association,paidSeats,activeUsers,revenueUsd,observedAt')).toBeNull();

    const mapped = await collect([`${revenue}\n2026-10-01,4100003,P,CSP Tier 1,c,C,t1,T,s,2025-01-01,NL,BA,Sales,10\n`], {
      fileName: 'usage-2026-10.csv',
      defaultObservedAt: AT,
      columnMap: { GlobalPartnerID: 'partnerId', CustomerTenantID: 'tenantId' },
      headerPresets: DOWNLOAD_HEADER_PRESETS,
    });
    expect(presetOf(mapped)).toBeUndefined();
  });

  it('months: YYYY-MM-01, YYYY-MM, a date, a month name and year', () => {
    expect(['2026-10-01', '2026-10', '10/15/2026', 'October 2026', 'Oct-2026', '2026-13', 'FY27'].map(monthOf)).toEqual([
      '2026-10',
      '2026-10',
      '2026-10',
      '2026-10',
      '2026-10',
      undefined,
      undefined,
    ]);
  });
});
