// Presets for the Partner Center downloads that have no Insights API dataset (column lists:
// Business applications revenue, Business applications usage, CPOR – Microsoft 365 usage; the data
// definitions page, see docs/partner-center.md §4). A CSV dropped in the `exports` container whose
// header matches one of them imports with no column map (shared/imports/header-presets.ts).
//
// Kept as data, like presets.ts: per preset the columns read (each field with the names it has had,
// the documented one first; names compare case-insensitively with spaces, underscores, hyphens and
// dots ignored, as live names drift), which are required (a header matches when all are present;
// the best match — most columns recognized — wins). Values reuse the connector's maps: attribution →
// association type (ATTRIBUTIONS), workload names (WORKLOAD_ALIASES plus DOWNLOAD_WORKLOAD_ALIASES).
// Rows become usage records through the connector's Accumulator (mapping.ts): rows of one key
// (partner, tenant, month, workload, association, CPOR activity) add up. Only usage records are
// produced: a download covers a slice of the data, so association runs are not derived from it.
import { nameKey } from '../../domain/rules/names.js';
import { normalizeHeader } from '../../imports/columns.js';
import type { HeaderPreset, HeaderPresetReader, PresetOutcome, PresetRowProblem } from '../../imports/header-presets.js';
import { Accumulator, attributionOf, dateOf, numberOf, resolveColumns, type ResolvedColumns, workloadOf } from './mapping.js';
import type { ColumnSpec } from './presets.js';

export interface DownloadPreset {
  id: string;
  /** The report's name in Partner Center. */
  title: string;
  /** What the rows become: bizapps usage with revenueUsd, bizapps usage with activeUsers, m365 usage with paidSeats and activeUsers. */
  produces: 'bizapps-revenue' | 'bizapps-usage' | 'm365-cpor';
  columns: readonly ColumnSpec[];
}

const TENANT: ColumnSpec = { field: 'tenantId', names: ['CustomerTenantID', 'TenantId', 'CustomerTenant'], required: true };
const GLOBAL_PARTNER: ColumnSpec = {
  field: 'partnerId',
  names: ['GlobalPartnerID', 'PartnerGlobalID', 'PGAPartnerID', 'PartnerID'],
  required: true,
};
const FISCAL_MONTH: ColumnSpec = { field: 'month', names: ['FiscalMonthName', 'FiscalMonth', 'Month', 'MonthKey'], required: true };
const ASSOCIATION: ColumnSpec = {
  field: 'attribution',
  names: ['PartnerAssociationType', 'PartnerAttributionType', 'AssociationType', 'PartnerAttachType'],
  required: true,
};

export const DOWNLOAD_PRESETS: readonly DownloadPreset[] = [
  {
    id: 'partner-center/bizapps-revenue',
    title: 'Business applications revenue',
    produces: 'bizapps-revenue',
    columns: [
      FISCAL_MONTH,
      GLOBAL_PARTNER,
      ASSOCIATION,
      TENANT,
      { field: 'workload', names: ['Workloads', 'Workload'], required: true },
      {
        field: 'revenueUsd',
        names: ['AdjustedRevenueAmtCD', 'AdjustedRevenueAmt', 'AdjustedRevenueUSD', 'AdjustedRevenue'],
        required: true,
      },
      { field: 'workloadCategory', names: ['WorkloadCategory'] },
      { field: 'subscriptionId', names: ['SubscriptionId'] },
      { field: 'customerName', names: ['CustomerName'] },
    ],
  },
  {
    id: 'partner-center/bizapps-usage',
    title: 'Business applications usage',
    produces: 'bizapps-usage',
    columns: [
      FISCAL_MONTH,
      GLOBAL_PARTNER,
      ASSOCIATION,
      TENANT,
      { field: 'workload', names: ['Workload', 'Workloads'], required: true },
      // MAU = monthly active users; PAMAU (partner-attached MAU) only when the file has no MAU. MAC (capacity) is not read.
      // Not `MonthlyActiveUsers`: that would make an OfficeUsage download look like this report.
      { field: 'activeUsers', names: ['MAU', 'PAMAU'], required: true },
      { field: 'metricType', names: ['MetricType'] },
      { field: 'workloadCategory', names: ['WorkloadCategory'] },
      { field: 'skuGroup', names: ['SkuGroup'] },
      { field: 'subscriptionId', names: ['SubscriptionID'] },
      { field: 'customerName', names: ['CustomerName'] },
    ],
  },
  {
    id: 'partner-center/cpor-m365-usage',
    title: 'CPOR – Microsoft 365 usage',
    produces: 'm365-cpor',
    columns: [
      { field: 'month', names: ['Date', 'Month', 'MonthKey'], required: true },
      { field: 'partnerId', names: ['MpnId', 'PartnerID', 'GlobalPartnerID'], required: true },
      { field: 'attribution', names: ['PartnerAttributionType', 'AssociationType', 'PartnerAssociationType'], required: true },
      { field: 'tenantId', names: ['CustomerTenantId', 'TenantId'], required: true },
      { field: 'workload', names: ['WorkloadName', 'Workload'], required: true },
      { field: 'paidSeats', names: ['PaidAvailableUnits', 'PAU'], required: true },
      { field: 'activeUsers', names: ['MonthlyActiveUsers', 'MAU'], required: true },
      // The column that tells this report from an OfficeUsage download (which has the others).
      { field: 'claimId', names: ['ClaimId', 'CPORClaimId'], required: true },
      { field: 'dateAssociated', names: ['DateAssociated'] },
      { field: 'customerName', names: ['CustomerName'] },
    ],
  },
];

/** Workload names seen in the downloads (older product names) → catalog workloads; tried before WORKLOAD_ALIASES. */
export const DOWNLOAD_WORKLOAD_ALIASES: Readonly<Record<string, string>> = {
  'Dynamics 365 for Sales': 'Sales',
  'Dynamics 365 for Customer Service': 'Customer Service',
  'Dynamics 365 for Field Service': 'Field Service',
  'Dynamics 365 for Finance': 'Finance',
  'Dynamics 365 for Supply Chain Management': 'Supply Chain',
  'D365 Business Central': 'Business Central',
  PowerApps: 'Power Apps',
  'Microsoft Flow': 'Power Automate',
  'Power Virtual Agents': 'Copilot Studio',
  'Skype for Business': 'Skype for Business',
};
const DOWNLOAD_WORKLOAD_BY_NAME = new Map(Object.entries(DOWNLOAD_WORKLOAD_ALIASES).map(([k, v]) => [normalizeHeader(k), v]));

export function downloadWorkloadOf(value: string): string | undefined {
  return DOWNLOAD_WORKLOAD_BY_NAME.get(normalizeHeader(value)) ?? workloadOf(value);
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `YYYY-MM-01`, `YYYY-MM`, a date or timestamp (its month), or a month name and year ("October 2026", "Oct-2026") → `YYYY-MM`. */
export function monthOf(value: string): string | undefined {
  const day = dateOf(value);
  if (day) return day.slice(0, 7);
  const m = /^([a-z]{3,9})[\s\-,]+(\d{4})$/i.exec(value.trim());
  if (!m) return undefined;
  const index = MONTH_NAMES.indexOf(m[1]!.slice(0, 3).toLowerCase());
  if (index < 0) return undefined;
  return `${m[2]}-${String(index + 1).padStart(2, '0')}`;
}

/** A download preset as a header preset of the importer. */
export function headerPresetOf(preset: DownloadPreset): HeaderPreset {
  return {
    id: preset.id,
    title: preset.title,
    match(header) {
      const resolved = resolveColumns(preset, header);
      return resolved.missingRequired.length === 0 ? resolved.index.size : null;
    },
    open(header) {
      return new DownloadReader(preset, resolveColumns(preset, header));
    },
  };
}

/** The importer's default header presets (parseExportStream). */
export const DOWNLOAD_HEADER_PRESETS: readonly HeaderPreset[] = DOWNLOAD_PRESETS.map(headerPresetOf);

class DownloadReader implements HeaderPresetReader {
  /** Unknown values of the whole file (the per-partner accumulators hold the usage). */
  private readonly report = new Accumulator();
  private readonly partners = new Map<string, Accumulator>();
  private readonly firstLine = new Map<string, number>();
  private rows = 0;
  private used = 0;

  constructor(
    private readonly preset: DownloadPreset,
    private readonly columns: ResolvedColumns,
  ) {}

  private col(field: string): string {
    return this.columns.names.get(field) ?? field;
  }

  row(line: number, fields: readonly string[]): PresetRowProblem | undefined {
    this.rows++;
    const get = (field: string): string => {
      const i = this.columns.index.get(field);
      return i === undefined ? '' : (fields[i] ?? '').trim();
    };
    const bad = (field: string, reason: string): PresetRowProblem => ({ column: this.col(field), reason });
    const partnerId = get('partnerId');
    if (!partnerId) return bad('partnerId', 'required partner id is empty');
    const tenantId = get('tenantId');
    if (!tenantId) return bad('tenantId', 'required customer tenant id is empty');
    const month = monthOf(get('month'));
    if (!month) return bad('month', `not a month: ${JSON.stringify(get('month'))} (expected YYYY-MM-01 or YYYY-MM)`);
    const attributionText = get('attribution');
    const attribution = attributionOf(attributionText);
    if (!attribution) {
      this.report.noteUnknown(this.preset.id, this.col('attribution'), attributionText || '(empty)', 'not scored', line);
      return bad(
        'attribution',
        `unknown attribution value ${JSON.stringify(attributionText)}: not scored (add it to the attributions in presets.ts if it should count)`,
      );
    }
    const raw = get('workload');
    if (!raw) return bad('workload', 'required workload is empty');
    const amounts: Record<string, number> = {};
    const numberFields =
      this.preset.produces === 'bizapps-revenue'
        ? ['revenueUsd']
        : this.preset.produces === 'bizapps-usage'
          ? ['activeUsers']
          : ['paidSeats', 'activeUsers'];
    for (const field of numberFields) {
      const n = numberOf(get(field));
      if (n === undefined) return bad(field, `not a number: ${JSON.stringify(get(field))}`);
      amounts[field] = n;
    }
    let workload = downloadWorkloadOf(raw);
    if (!workload) {
      this.report.noteUnknown(this.preset.id, this.col('workload'), raw, 'imported as written', line);
      workload = raw;
    }
    const kind = this.preset.produces === 'm365-cpor' ? 'm365' : 'bizapps';
    let acc = this.partners.get(partnerId);
    if (!acc) {
      acc = new Accumulator();
      this.partners.set(partnerId, acc);
    }
    acc.addUsage({
      kind,
      tenantId,
      month,
      name: workload,
      association: attribution.type,
      cporActivity: attribution.cporActivity,
      ...amounts,
    });
    const key = usageKey(partnerId, kind, tenantId, month, workload, attribution.type, attribution.cporActivity);
    if (!this.firstLine.has(key)) this.firstLine.set(key, line);
    this.used++;
    return undefined;
  }

  finish(observedAt: string | undefined): { events: Array<{ line: number; event: Record<string, unknown> }>; outcome: PresetOutcome } {
    const events: Array<{ line: number; event: Record<string, unknown> }> = [];
    for (const [partnerId, acc] of [...this.partners].sort((a, b) => a[0].localeCompare(b[0]))) {
      for (const event of acc.events(partnerId, observedAt ?? '')) {
        if (observedAt === undefined) delete event.observedAt;
        const e = event as {
          kind: string;
          tenantId: string;
          month: string;
          workload: string;
          association: string;
          cporActivity: string | null;
        };
        const line = this.firstLine.get(usageKey(partnerId, e.kind, e.tenantId, e.month, e.workload, e.association, e.cporActivity)) ?? 0;
        events.push({ line, event });
      }
    }
    events.sort((a, b) => a.line - b.line);
    const outcome: PresetOutcome = {
      id: this.preset.id,
      title: this.preset.title,
      sourceRows: this.rows,
      usedRows: this.used,
      columns: Object.fromEntries(this.columns.names),
      ignoredColumns: this.columns.ignored,
      unknown: this.report.unknownValues().map(({ dataset: _d, ...u }) => u),
    };
    return { events, outcome };
  }
}

function usageKey(
  partnerId: string,
  kind: string,
  tenantId: string,
  month: string,
  workload: string,
  association: string,
  cporActivity: string | null,
): string {
  return [partnerId, kind, tenantId.toLowerCase(), month, nameKey(workload), association, cporActivity ?? ''].join('\u0000');
}
