// Facts → the CSV files Partner Center's Insights API would serve for them, with the documented column
// names (2023 data definitions), the quirks of real files: columns the connector does not read, a
// tenant's usage split over two subscriptions (rows that add up), duplicate rows flagged for the PGA, an
// attribution value no preset knows ("Advisor"), exams next to certifications, a "Microsoft Certified: "
// prefix on titles. Columns come in the order the query asked for them (the connector's SELECT list).
import type { PartnerFacts } from '../../shared/domain/facts/types.js';

const LABEL: Record<string, string> = {
  CSP_T1: 'CSP Tier 1',
  CSP_T2: 'CSP Tier 2',
  DPOR: 'DPOR',
  PAL: 'Partner Admin Link (PAL)',
  CPOR: 'CPOR',
};
const quote = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

type Row = Record<string, string | number>;

function monthsOf(from: string, to: string | null, last: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = to ? to.slice(0, 7) : last;
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) return out;
    out.push(month);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

/** All columns each dataset offers (what GET /ScheduledDataset lists as selectableColumns). */
export const SELECTABLE: Record<string, string[]> = {
  AzureUsage: [
    'PGAMpnID',
    'SubscriptionId',
    'Month',
    'ServiceLevel1',
    'ServiceLevel2',
    'CustomerName',
    'CustomerTenantId',
    'CustomerSegment',
    'MPNID',
    'PartnerAttributionType',
    'IsACRDuplicateAtPGALevel',
    'AdminType',
    'AssociationType',
    'ACR_USD',
  ],
  OfficeUsage: [
    'CustomerTenantId',
    'CustomerTpid',
    'WorkloadName',
    'Month',
    'PaidAvailableUnits',
    'MonthlyActiveUsers',
    'CustomerName',
    'CustomerSegment',
    'PartnerID',
    'PartnerAttributionType',
    'IsDuplicateRowForPGA',
  ],
  EMSUsage: [
    'SubscriptionId',
    'Month',
    'SKU',
    'CustomerTenantId',
    'CustomerSegment',
    'MPNId',
    'PartnerAttachType',
    'PaidAvailableUnits',
    'MonthlyActiveUsers',
    'AADPPaidAvailableUnits',
    'IntunePaidAvailableUnits',
    'AzipPaidAvailableUnits',
    'AADPMonthlyActiveUsers',
    'IntuneMonthlyActiveUsers',
    'AzipMonthlyActiveUsers',
  ],
  DynamicsUsage: [
    'PGAMpnId',
    'SubscriptionId',
    'Month',
    'RevSumCategoryName',
    'SKU',
    'CustomerTenantId',
    'CustomerSegment',
    'MPNId',
    'PartnerAttachType',
    'AvailableSeats',
    'AssignedSeats',
    'ActiveSeats',
  ],
  PowerBIUsage: [
    'PGAMpnId',
    'SubscriptionId',
    'Month',
    'SKU',
    'CustomerTenantId',
    'CustomerSegment',
    'MPNId',
    'PartnerAttachType',
    'AvailableSeats',
    'AssignedSeats',
    'ActiveSeats',
  ],
  CustomersAndTenants: [
    'PGAMpnId',
    'MpnId',
    'PartnerName',
    'CustomerName',
    'CustomerSegment',
    'CustomerTenantId',
    'Product',
    'Month',
    'PartnerAttributionType',
    'IsDuplicateRowForPGA',
    'AvailableSeats',
    'BilledRevenueUSD',
    'AzureConsumedRevenueUSD',
  ],
  TrainingCompletions: [
    'PGAMpnId',
    'TrainingActivityId',
    'TrainingTitle',
    'TrainingType',
    'Email',
    'TrainingCompletionDate',
    'ExpirationDate',
    'Month',
    'MCPID',
    'MpnId',
    'PartnerName',
  ],
};

/** The rows of each dataset for `facts` (every column of SELECTABLE filled). */
export function datasetRows(facts: PartnerFacts, lastMonth = '2026-10'): Record<string, Row[]> {
  const rows: Record<string, Row[]> = {
    AzureUsage: [],
    OfficeUsage: [],
    EMSUsage: [],
    DynamicsUsage: [],
    PowerBIUsage: [],
    CustomersAndTenants: [],
    TrainingCompletions: [],
  };
  const mpn = facts.partnerId;
  const seg = (s: string | undefined) => (s === 'smb' ? 'SMB' : 'Enterprise');
  for (const c of facts.customers) {
    const base = {
      CustomerTenantId: c.tenantId,
      CustomerName: `Customer ${c.tenantId.slice(-4)}`,
      CustomerSegment: seg(c.segment),
      MPNID: mpn,
      MpnId: mpn,
      MPNId: mpn,
      PartnerID: mpn,
      PGAMpnId: mpn,
      PGAMpnID: mpn,
    };
    for (const a of c.associations ?? []) {
      for (const month of monthsOf(a.from, a.to, lastMonth)) {
        rows.CustomersAndTenants!.push({
          ...base,
          PartnerName: 'Wingtip Insights',
          Product: a.type === 'CPOR' ? (a.workload ?? '') : 'Azure',
          Month: `${month}-01`,
          PartnerAttributionType: LABEL[a.type]!,
          IsDuplicateRowForPGA: 0,
          AvailableSeats: 0,
          BilledRevenueUSD: 0,
          AzureConsumedRevenueUSD: 0,
        });
      }
    }
    for (const u of c.usage) {
      const month = `${u.month}-01`;
      if (u.kind === 'azure') {
        const half = Math.floor((u.acrUsd ?? 0) / 2);
        for (const [i, part] of [half, (u.acrUsd ?? 0) - half].entries()) {
          rows.AzureUsage!.push({
            ...base,
            SubscriptionId: `sub-${i}`,
            Month: month,
            ServiceLevel1: 'Azure',
            ServiceLevel2: u.service,
            PartnerAttributionType: LABEL[u.association]!,
            IsACRDuplicateAtPGALevel: 0,
            AdminType: '',
            AssociationType: LABEL[u.association]!,
            ACR_USD: part,
          });
        }
      } else if (u.kind === 'm365') {
        rows.OfficeUsage!.push({
          ...base,
          CustomerTpid: '1',
          WorkloadName: u.workload,
          Month: month,
          PaidAvailableUnits: u.paidSeats ?? 0,
          MonthlyActiveUsers: u.activeUsers ?? 0,
          PartnerAttributionType: LABEL[u.association]!,
          IsDuplicateRowForPGA: 0,
        });
      } else {
        rows.DynamicsUsage!.push({
          ...base,
          SubscriptionId: 'sub-d',
          Month: month,
          RevSumCategoryName: 'Dynamics',
          SKU: `Dynamics 365 ${u.workload}`,
          PartnerAttachType: LABEL[u.association]!,
          AvailableSeats: u.activeUsers ?? 0,
          AssignedSeats: u.activeUsers ?? 0,
          ActiveSeats: u.activeUsers ?? 0,
        });
        rows.CustomersAndTenants!.push({
          ...base,
          PartnerName: 'Wingtip Insights',
          Product: `Dynamics 365 ${u.workload}`,
          Month: month,
          PartnerAttributionType: LABEL[u.association]!,
          IsDuplicateRowForPGA: 0,
          AvailableSeats: 0,
          BilledRevenueUSD: u.revenueUsd ?? 0,
          AzureConsumedRevenueUSD: 0,
        });
      }
    }
  }
  // Quirks: a duplicate of the first Azure row (flagged, must be skipped), an unknown attribution.
  const firstAzure = rows.AzureUsage![0];
  if (firstAzure) rows.AzureUsage!.push({ ...firstAzure, SubscriptionId: 'sub-dup', IsACRDuplicateAtPGALevel: 1, ACR_USD: 99999 });
  const firstCustomer = rows.CustomersAndTenants![0];
  if (firstCustomer) {
    rows.CustomersAndTenants!.push({ ...firstCustomer, IsDuplicateRowForPGA: 1, PartnerAttributionType: 'DPOR' });
    rows.CustomersAndTenants!.push({
      ...firstCustomer,
      CustomerTenantId: 'a7000000-0000-4000-8000-0000000000ad',
      PartnerAttributionType: 'Advisor',
    });
    rows.CustomersAndTenants!.push({
      ...firstCustomer,
      CustomerTenantId: 'a7000000-0000-4000-8000-0000000000ad',
      PartnerAttributionType: 'Advisor',
      Month: '2026-09-01',
    });
  }
  let activity = 1;
  for (const p of facts.people) {
    for (const cert of p.certifications) {
      rows.TrainingCompletions!.push({
        PGAMpnId: mpn,
        TrainingActivityId: `ta-${activity++}`,
        TrainingTitle: `Microsoft Certified: ${cert.name}`,
        TrainingType: 'Certification',
        Email: '',
        TrainingCompletionDate: `${cert.earned}T00:00:00`,
        ExpirationDate: cert.expires ?? '',
        Month: `${cert.earned.slice(0, 7)}-01`,
        MCPID: p.id,
        MpnId: mpn,
        PartnerName: 'Wingtip Insights',
      });
      rows.TrainingCompletions!.push({
        PGAMpnId: mpn,
        TrainingActivityId: `ta-${activity++}`,
        TrainingTitle: 'AZ-104: Microsoft Azure Administrator',
        TrainingType: 'Exam',
        Email: '',
        TrainingCompletionDate: cert.earned,
        ExpirationDate: '',
        Month: `${cert.earned.slice(0, 7)}-01`,
        MCPID: p.id,
        MpnId: mpn,
        PartnerName: 'Wingtip Insights',
      });
    }
  }
  return rows;
}

/** A CSV of `rows` with exactly `columns` (header = the selected columns), CRLF line ends. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lower = (r: Row) => new Map(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));
  const lines = [columns.map(quote).join(',')];
  for (const r of rows) {
    const m = lower(r);
    lines.push(columns.map((c) => quote(m.get(c.toLowerCase()) ?? '')).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
