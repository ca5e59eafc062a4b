// Rows of the Partner Center datasets → the product's change events, through the presets.
// One Accumulator per connection and run: every dataset's rows feed it (columns found by name, in the
// file's order), then `events()` gives the change events of the whole run:
// - usage records: rows with the same natural key in one month (a tenant's two subscriptions) add up;
//   business-applications usage takes its revenue from CustomersAndTenants (BilledRevenueUSD of a
//   Business Applications product) and its active users from DynamicsUsage / PowerBIUsage (ActiveSeats);
// - associations: the months a tenant appears under an attribution (in CustomersAndTenants, or in a
//   usage dataset) give from/to — one association per run of consecutive months, open (`to` empty)
//   when the run reaches the newest or the month before the newest month of the data; CPOR workloads
//   are CustomersAndTenants' `Product` (or the usage's workload);
// - people and certifications from TrainingCompletions (TrainingType = Certification only).
// Duplicate rows (IsDuplicateRowForPGA / IsACRDuplicateAtPGALevel = 1) are skipped and counted; values the
// presets do not know are counted per column and value (attributions: not scored; names: imported as
// written, so nothing is dropped silently).
import { nameKey } from '../../domain/rules/names.js';
import { normalizeHeader } from '../../imports/columns.js';
import {
  type Attribution,
  ATTRIBUTIONS,
  AZURE_SERVICES,
  businessApplicationsWorkloads,
  catalogCertificationNames,
  catalogWorkloadNames,
  CERTIFICATION_PREFIXES,
  CERTIFICATION_TYPES,
  type DatasetPreset,
  EMS_WORKLOADS,
  SEGMENT_PATTERNS,
  SKU_WORKLOAD_PREFIXES,
  WORKLOAD_ALIASES,
} from './presets.js';

export interface UnknownValue {
  dataset: string;
  column: string;
  value: string;
  count: number;
  /** What was done with those rows. */
  action: 'not scored' | 'imported as written' | 'skipped';
  firstLine: number;
}

export interface RowProblem {
  dataset: string;
  line: number;
  column: string | null;
  reason: string;
}

export interface DatasetStats {
  dataset: string;
  rows: number;
  used: number;
  skippedDuplicates: number;
  /** Rows that are not of interest (e.g. exams in TrainingCompletions). */
  skippedOther: number;
  /** Columns of the file the preset does not read. */
  ignoredColumns: string[];
}

const norm = (s: string) => normalizeHeader(s);
const lookup = <T>(record: Readonly<Record<string, T>>) => new Map(Object.entries(record).map(([k, v]) => [norm(k), v]));
const ATTRIBUTION_BY_NAME = lookup(ATTRIBUTIONS);
const WORKLOAD_BY_ALIAS = lookup(WORKLOAD_ALIASES);
const KNOWN_WORKLOADS = new Map(catalogWorkloadNames().map((w) => [nameKey(w), w]));
const BIZAPPS = new Set(businessApplicationsWorkloads().map(nameKey));
const KNOWN_SERVICES = new Set(AZURE_SERVICES.map(nameKey));
const KNOWN_CERTIFICATIONS = new Map(catalogCertificationNames().map((c) => [nameKey(c), c]));
const CERT_TYPES = new Set(CERTIFICATION_TYPES.map(norm));

export function attributionOf(value: string): Attribution | undefined {
  return ATTRIBUTION_BY_NAME.get(norm(value));
}

/** A Partner Center product / workload / SKU name → the catalog workload, or undefined. */
export function workloadOf(value: string): string | undefined {
  const alias = WORKLOAD_BY_ALIAS.get(norm(value));
  if (alias) return alias;
  const known = KNOWN_WORKLOADS.get(nameKey(value));
  if (known) return known;
  const lower = value.trim().toLowerCase();
  for (const prefix of SKU_WORKLOAD_PREFIXES) if (lower.startsWith(prefix.toLowerCase())) return WORKLOAD_ALIASES[prefix];
  return undefined;
}

export function certificationOf(title: string): { name: string; known: boolean } {
  let name = title.trim();
  for (const prefix of CERTIFICATION_PREFIXES)
    if (name.toLowerCase().startsWith(prefix.toLowerCase())) name = name.slice(prefix.length).trim();
  const known = KNOWN_CERTIFICATIONS.get(nameKey(name));
  return known ? { name: known, known: true } : { name, known: false };
}

export function segmentOf(value: string): 'enterprise' | 'smb' | undefined {
  return SEGMENT_PATTERNS.find((p) => p.pattern.test(value))?.segment;
}

/** `YYYY-MM-01`, `YYYY-MM`, an ISO timestamp or `M/D/YYYY` → `YYYY-MM-DD` (day 01 when only a month). */
export function dateOf(value: string): string | undefined {
  const text = value.trim();
  let m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ].*)?$/.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/.exec(text);
  if (m) return valid(Number(m[3]), Number(m[1]), Number(m[2]));
  return undefined;
}
function valid(y: number, mo: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A decimal cell: empty = 0; thousands separators tolerated. */
export function numberOf(value: string | undefined): number | undefined {
  const text = (value ?? '').trim().replace(/,/g, '');
  if (text === '') return 0;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

const isDuplicate = (value: string | undefined) => value !== undefined && /^(1|true|yes)$/i.test(value.trim());

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
const round = (n: number) => Math.round(n * 100) / 100;

type UsageFigures = Pick<UsageAcc, 'acrUsd' | 'paidSeats' | 'activeUsers' | 'revenueUsd'>;

interface UsageAcc {
  kind: 'azure' | 'm365' | 'bizapps';
  tenantId: string;
  month: string;
  name: string;
  association: Attribution['type'];
  cporActivity: Attribution['cporActivity'];
  acrUsd: number;
  paidSeats: number;
  activeUsers: number;
  revenueUsd: number;
  /** The figures some row gave: a bizapps record carries only those (the revenue and usage data come apart). */
  given: Set<keyof UsageFigures>;
}

/** The columns of a file resolved against a preset. */
export interface ResolvedColumns {
  index: Map<string, number>;
  /** Field → the column's name in the file. */
  names: Map<string, string>;
  missingRequired: string[];
  ignored: string[];
}

/** `preset`: any preset's column list (the dataset presets, and the download presets of download-presets.ts). */
export function resolveColumns(preset: Pick<DatasetPreset, 'columns'>, header: readonly string[]): ResolvedColumns {
  const positions = new Map<string, number>();
  header.forEach((h, i) => {
    const key = norm(h);
    if (!positions.has(key)) positions.set(key, i);
  });
  const index = new Map<string, number>();
  const names = new Map<string, string>();
  const used = new Set<number>();
  const missingRequired: string[] = [];
  for (const spec of preset.columns) {
    const hit = spec.names.map((n) => positions.get(norm(n))).find((p) => p !== undefined);
    if (hit === undefined) {
      if (spec.required) missingRequired.push(`${spec.field} (${spec.names.join(' / ')})`);
      continue;
    }
    index.set(spec.field, hit);
    names.set(spec.field, header[hit]!.trim());
    used.add(hit);
  }
  const ignored = header.filter((_, i) => !used.has(i)).map((h) => h.trim());
  return { index, names, missingRequired, ignored };
}

export class Accumulator {
  private readonly usage = new Map<string, UsageAcc>();
  private readonly associationMonths = new Map<
    string,
    { tenantId: string; attribution: Attribution; workload: string | null; months: Set<string> }
  >();
  private readonly segments = new Map<string, 'enterprise' | 'smb'>();
  private readonly people = new Map<string, string>();
  private readonly certifications = new Map<string, { personId: string; name: string; earned: string; expires: string | null }>();
  private readonly unknown = new Map<string, UnknownValue>();
  readonly problems: RowProblem[] = [];
  problemCount = 0;
  private newestMonth = '';

  /** A mapper for one dataset's file: call `header` once, then `row` for every record. */
  dataset(preset: DatasetPreset): DatasetMapper {
    return new DatasetMapper(this, preset);
  }

  noteUnknown(dataset: string, column: string, value: string, action: UnknownValue['action'], line: number): void {
    const key = `${dataset}\u0000${column}\u0000${value}`;
    const entry = this.unknown.get(key);
    if (entry) entry.count++;
    else this.unknown.set(key, { dataset, column, value, count: 1, action, firstLine: line });
  }

  problem(p: RowProblem): void {
    this.problemCount++;
    if (this.problems.length < 1000) this.problems.push(p);
  }

  unknownValues(): UnknownValue[] {
    return [...this.unknown.values()].sort(
      (a, b) =>
        a.dataset.localeCompare(b.dataset) || a.column.localeCompare(b.column) || b.count - a.count || a.value.localeCompare(b.value),
    );
  }

  seeMonth(month: string): void {
    if (month > this.newestMonth) this.newestMonth = month;
  }

  addUsage(
    u: Omit<UsageAcc, 'acrUsd' | 'paidSeats' | 'activeUsers' | 'revenueUsd' | 'given'> &
      Partial<Pick<UsageAcc, 'acrUsd' | 'paidSeats' | 'activeUsers' | 'revenueUsd'>>,
  ): void {
    const key = [u.kind, u.tenantId.toLowerCase(), u.month, nameKey(u.name), u.association, u.cporActivity ?? ''].join('\u0000');
    let acc = this.usage.get(key);
    if (!acc) {
      acc = { ...u, acrUsd: 0, paidSeats: 0, activeUsers: 0, revenueUsd: 0, given: new Set() };
      this.usage.set(key, acc);
    }
    for (const f of ['acrUsd', 'paidSeats', 'activeUsers', 'revenueUsd'] as const) if (u[f] !== undefined) acc.given.add(f);
    acc.acrUsd += u.acrUsd ?? 0;
    acc.paidSeats += u.paidSeats ?? 0;
    acc.activeUsers += u.activeUsers ?? 0;
    acc.revenueUsd += u.revenueUsd ?? 0;
    this.seeMonth(u.month);
  }

  addAssociationMonth(tenantId: string, attribution: Attribution, workload: string | null, month: string): void {
    const key = [tenantId.toLowerCase(), attribution.type, attribution.cporActivity ?? '', workload === null ? '' : nameKey(workload)].join(
      '\u0000',
    );
    let entry = this.associationMonths.get(key);
    if (!entry) {
      entry = { tenantId, attribution, workload, months: new Set() };
      this.associationMonths.set(key, entry);
    }
    entry.months.add(month);
    this.seeMonth(month);
  }

  setSegment(tenantId: string, segment: 'enterprise' | 'smb'): void {
    this.segments.set(tenantId, segment);
  }

  addCertification(personId: string, name: string, earned: string, expires: string | null, seenFrom: string): void {
    const first = this.people.get(personId);
    if (first === undefined || seenFrom < first) this.people.set(personId, seenFrom);
    const key = `${personId}\u0000${nameKey(name)}\u0000${earned}`;
    const prev = this.certifications.get(key);
    if (!prev || (expires !== null && (prev.expires === null || expires > prev.expires)))
      this.certifications.set(key, { personId, name, earned, expires });
  }

  /** The run's change events for `partnerId`, observed at `observedAt`, in a deterministic order. */
  events(partnerId: string, observedAt: string): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const base = { partnerId, observedAt };
    const openFrom = this.newestMonth === '' ? '' : addMonths(this.newestMonth, -1);
    const associations = [...this.associationMonths.values()].sort((a, b) =>
      `${a.tenantId}|${a.attribution.type}|${a.workload ?? ''}|${a.attribution.cporActivity ?? ''}`.localeCompare(
        `${b.tenantId}|${b.attribution.type}|${b.workload ?? ''}|${b.attribution.cporActivity ?? ''}`,
      ),
    );
    for (const a of associations) {
      const months = [...a.months].sort();
      let start = months[0]!;
      let prev = start;
      const runs: Array<[string, string]> = [];
      for (const m of months.slice(1)) {
        if (m !== addMonths(prev, 1)) {
          runs.push([start, prev]);
          start = m;
        }
        prev = m;
      }
      runs.push([start, prev]);
      for (const [from, to] of runs) {
        const change: Record<string, unknown> = {
          fact: 'association',
          ...base,
          tenantId: a.tenantId,
          type: a.attribution.type,
          workload: a.attribution.type === 'CPOR' ? a.workload : null,
          from: `${from}-01`,
          to: to >= openFrom ? null : lastDay(to),
          cporActivity: a.attribution.cporActivity,
        };
        const segment = this.segments.get(a.tenantId);
        if (segment) change.segment = segment;
        out.push(change);
      }
    }
    for (const [tenantId, segment] of [...this.segments].sort((a, b) => a[0].localeCompare(b[0])))
      out.push({ fact: 'customer', ...base, tenantId, segment });
    const usage = [...this.usage.values()].sort((a, b) =>
      `${a.kind}|${a.tenantId}|${a.month}|${a.name}|${a.association}|${a.cporActivity ?? ''}`.localeCompare(
        `${b.kind}|${b.tenantId}|${b.month}|${b.name}|${b.association}|${b.cporActivity ?? ''}`,
      ),
    );
    for (const u of usage) {
      const common = {
        fact: 'usage',
        ...base,
        tenantId: u.tenantId,
        kind: u.kind,
        month: u.month,
        association: u.association,
        cporActivity: u.cporActivity,
      };
      if (u.kind === 'azure') out.push({ ...common, service: u.name, offer: 'standard', acrUsd: round(u.acrUsd) });
      else if (u.kind === 'm365')
        out.push({
          ...common,
          workload: u.name,
          paidSeats: Math.max(0, Math.round(u.paidSeats)),
          activeUsers: Math.max(0, Math.round(u.activeUsers)),
        });
      else
        out.push({
          ...common,
          workload: u.name,
          // Only the figures the data gave: a revenue-only record must not zero the active users (usage-figures.ts).
          ...(u.given.has('revenueUsd') ? { revenueUsd: round(u.revenueUsd) } : {}),
          ...(u.given.has('activeUsers') ? { activeUsers: Math.max(0, Math.round(u.activeUsers)) } : {}),
        });
    }
    for (const [personId, from] of [...this.people].sort((a, b) => a[0].localeCompare(b[0])))
      out.push({ fact: 'person', ...base, personId, linkedFrom: from, linkedTo: null });
    for (const c of [...this.certifications.values()].sort((a, b) =>
      `${a.personId}|${a.name}|${a.earned}`.localeCompare(`${b.personId}|${b.name}|${b.earned}`),
    )) {
      out.push({ fact: 'certification', ...base, personId: c.personId, name: c.name, earned: c.earned, expires: c.expires });
    }
    return out;
  }
}

export class DatasetMapper {
  private columns: ResolvedColumns | null = null;
  readonly stats: DatasetStats;

  constructor(
    private readonly acc: Accumulator,
    private readonly preset: DatasetPreset,
  ) {
    this.stats = { dataset: preset.dataset, rows: 0, used: 0, skippedDuplicates: 0, skippedOther: 0, ignoredColumns: [] };
  }

  /** Resolves the header; returns the required columns that are missing (the file cannot be read without them). */
  header(fields: readonly string[]): string[] {
    this.columns = resolveColumns(this.preset, fields);
    this.stats.ignoredColumns = this.columns.ignored;
    return this.columns.missingRequired;
  }

  private cell(fields: readonly string[], field: string): string | undefined {
    const i = this.columns!.index.get(field);
    if (i === undefined) return undefined;
    const v = fields[i];
    return v === undefined ? undefined : v.trim();
  }

  private col(field: string): string {
    return this.columns!.names.get(field) ?? field;
  }

  row(line: number, fields: readonly string[]): void {
    if (!this.columns) throw new Error('header first');
    const ds = this.preset.dataset;
    this.stats.rows++;
    const get = (f: string) => this.cell(fields, f);
    const bad = (field: string | null, reason: string) =>
      this.acc.problem({ dataset: ds, line, column: field === null ? null : this.col(field), reason });
    if (isDuplicate(get('duplicate'))) {
      this.stats.skippedDuplicates++;
      return;
    }

    if (this.preset.produces === 'training') {
      const type = get('type') ?? '';
      if (!CERT_TYPES.has(norm(type))) {
        this.stats.skippedOther++;
        return;
      }
      const personId = get('personId');
      const title = get('title');
      if (!personId) return bad('personId', 'required person id (MCPID) is empty');
      if (!title) return bad('title', 'required certification title is empty');
      const earned = dateOf(get('earned') ?? '');
      if (!earned) return bad('earned', `not a date: ${JSON.stringify(get('earned') ?? '')}`);
      const expiresText = get('expires') ?? '';
      let expires: string | null = null;
      if (expiresText !== '') {
        const e = dateOf(expiresText);
        if (!e) return bad('expires', `not a date: ${JSON.stringify(expiresText)}`);
        expires = e < earned ? null : e;
      }
      const cert = certificationOf(title);
      if (!cert.known) this.acc.noteUnknown(ds, this.col('title'), cert.name, 'imported as written', line);
      const month = dateOf(get('month') ?? '');
      this.acc.addCertification(personId, cert.name, earned, expires, month !== undefined && month < earned ? month : earned);
      this.stats.used++;
      return;
    }

    const tenantId = get('tenantId');
    if (!tenantId) return bad('tenantId', 'required customer tenant id is empty');
    const day = dateOf(get('month') ?? '');
    if (!day) return bad('month', `not a month: ${JSON.stringify(get('month') ?? '')} (expected YYYY-MM-01)`);
    const month = day.slice(0, 7);
    const attributionText = get('attribution') ?? '';
    const attribution = attributionOf(attributionText);
    if (!attribution) {
      this.acc.noteUnknown(ds, this.col('attribution'), attributionText || '(empty)', 'not scored', line);
      return;
    }
    const segmentText = get('segment');
    if (segmentText) {
      const segment = segmentOf(segmentText);
      if (segment) this.acc.setSegment(tenantId, segment);
      else this.acc.noteUnknown(ds, this.col('segment'), segmentText, 'skipped', line);
    }
    const num = (field: string): number | null => {
      const n = numberOf(get(field));
      if (n === undefined) {
        bad(field, `not a number: ${JSON.stringify(get(field))}`);
        return null;
      }
      return n;
    };

    // One usage row through the row's attribution and, unless `workload` is undefined, the month it shows the
    // association (naming the workload for CPOR).
    const addUsage = (kind: UsageAcc['kind'], name: string, figures: Partial<UsageFigures>, workload?: string | null) => {
      this.acc.addUsage({ kind, tenantId, month, name, association: attribution.type, cporActivity: attribution.cporActivity, ...figures });
      if (workload !== undefined) this.acc.addAssociationMonth(tenantId, attribution, workload, month);
    };
    switch (this.preset.produces) {
      case 'azure': {
        const service = get('service');
        if (!service) return bad('service', 'required service (ServiceLevel2) is empty');
        const acr = num('acrUsd');
        if (acr === null) return;
        if (!KNOWN_SERVICES.has(nameKey(service))) this.acc.noteUnknown(ds, this.col('service'), service, 'imported as written', line);
        addUsage('azure', service, { acrUsd: acr }, null);
        break;
      }
      case 'm365': {
        const raw = get('workload');
        if (!raw) return bad('workload', 'required workload is empty');
        const paid = num('paidSeats');
        const active = num('activeUsers');
        if (paid === null || active === null) return;
        const workload = this.workload(raw, 'workload', line);
        addUsage('m365', workload, { paidSeats: paid, activeUsers: active }, workload);
        break;
      }
      case 'ems': {
        let any = false;
        for (const w of EMS_WORKLOADS) {
          if (!this.columns.index.has(w.paid) && !this.columns.index.has(w.active)) continue;
          const paid = num(w.paid);
          const active = num(w.active);
          if (paid === null || active === null) return;
          any = true;
          if (paid === 0 && active === 0) continue;
          addUsage('m365', w.workload, { paidSeats: paid, activeUsers: active }, w.workload);
        }
        if (!any) {
          const sku = get('sku') ?? '';
          const paid = num('paidSeats');
          const active = num('activeUsers');
          if (paid === null || active === null) return;
          const workload = this.workload(sku || '(empty)', 'sku', line);
          addUsage('m365', workload, { paidSeats: paid, activeUsers: active }, workload);
        }
        break;
      }
      case 'bizapps-seats': {
        const sku = get('sku');
        if (!sku) return bad('sku', 'required SKU is empty');
        const active = num('activeUsers');
        if (active === null) return;
        const workload = this.workload(sku, 'sku', line);
        addUsage('bizapps', workload, { activeUsers: active }, workload);
        break;
      }
      case 'customers': {
        const product = get('product') ?? '';
        const workload = product === '' ? null : (workloadOf(product) ?? null);
        if (product !== '' && workload === null && attribution.type === 'CPOR')
          this.acc.noteUnknown(ds, this.col('product'), product, 'imported as written', line);
        this.acc.addAssociationMonth(tenantId, attribution, attribution.type === 'CPOR' ? (workload ?? (product || null)) : null, month);
        if (workload !== null && BIZAPPS.has(nameKey(workload)) && this.columns.index.has('revenueUsd')) {
          const revenue = num('revenueUsd');
          if (revenue === null) return;
          addUsage('bizapps', workload, { revenueUsd: revenue });
        }
        break;
      }
    }
    this.stats.used++;
  }

  private workload(raw: string, field: string, line: number): string {
    const w = workloadOf(raw);
    if (w) return w;
    this.acc.noteUnknown(this.preset.dataset, this.col(field), raw, 'imported as written', line);
    return raw;
  }
}
