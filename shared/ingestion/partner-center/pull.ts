// The pull use case (timer pullPartnerInsights): for every connection of PARTNER_INSIGHTS_CONNECTIONS,
// every dataset in parallel: pick the columns (GET /ScheduledDataset, names matched loosely), create or
// reuse the query by name (explicit columns, TIMESPAN LIFETIME), create a report with ExecuteNow and a
// 25-month QueryStartTime/QueryEndTime window, poll its executions every few seconds until Completed,
// download reportAccessSecureLink and stream-parse the CSV through the presets. Then the run's change
// events go through the same importer as a dropped file (importFile: same validation, per-partner
// messages with content-hash ids, so nothing is applied twice; the processor rescored as always), and
// one import report per connection names the skipped duplicates and the values the presets do not know.
//
// Failures: an invalid grant stops that connection only (reported in its status document, health and
// an import report, saying what to do); a dataset that fails is reported and retried at the next run,
// the others are imported. An unchanged result (same events as the last import) is not sent again.
import { createHash } from 'node:crypto';

import { changeSender } from '../../bus/partner-changes.js';
import {
  connectionKey,
  PARTNER_CENTER_DATASETS,
  type PartnerCenterDataset,
  type PartnerInsightsConnection,
} from '../../config/partner-insights.js';
import { canonicalJson } from '../../domain/changes/canonical.js';
import { CsvTokenizer } from '../../imports/csv.js';
import { decodeText } from '../../imports/decode.js';
import type { ImportReport } from '../../imports/report.js';
import { type Clock } from '../../ports/clock.js';
import { type DocumentStore } from '../../ports/documentStore.js';
import { type HealthProbe } from '../../ports/health.js';
import type { Logger } from '../../ports/logger.js';
import { type MessageBus } from '../../ports/messageBus.js';
import { PARTNER_INSIGHTS_STATUS_PK, type PartnerInsightsStatusQueries } from '../../ports/repositories.js';
import { importFile } from '../import-file.js';
import { type ImportOrigin, importReportId, type ImportReportRecord, logImportReport, saveImportReport } from '../import-reports.js';
import { InsightsApi } from './api.js';
import { fetchWithRetry, PARTNER_CENTER_DOWNLOAD_TIMEOUT_MS, redactUrl, type RetryOptions, sleep as realSleep } from './http.js';
import type { SecretStore } from './keyvault.js';
import { Accumulator, type DatasetStats, resolveColumns, type UnknownValue } from './mapping.js';
import { GrantError } from './oauth.js';
import { DATASET_PRESETS, type DatasetPreset } from './presets.js';
import { PartnerCenterTokens } from './tokens.js';

export { PARTNER_INSIGHTS_STATUS_PK };
/** Months of history asked for: scoring reads M−23 … M, the 12-month comparisons need ≥ 14. */
export const HISTORY_MONTHS = 25;

export interface PartnerInsightsDeps {
  store: DocumentStore;
  bus: MessageBus;
  clock: Clock;
  secrets?: SecretStore;
  fetch?: typeof fetch;
  /** Shared across runs so access tokens stay cached (a new one per run otherwise). */
  tokens?: PartnerCenterTokens;
}

export interface PartnerInsightsOptions {
  connections: readonly PartnerInsightsConnection[];
  apiUrl: string;
  authorityUrl: string;
  log: Logger;
  queue?: string;
  /** Between execution polls (default 3 s). */
  pollIntervalMs?: number;
  /** Give up waiting for an execution after this long (default 20 minutes); retried at the next run. */
  pollTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  retry?: Omit<RetryOptions, 'fetch' | 'sleep'>;
  logPrefix?: string;
}

export interface DatasetOutcome extends DatasetStats {
  status: 'read' | 'failed';
  error?: string;
}

export type ConnectionOutcome =
  | {
      connection: string;
      partnerId: string;
      status: 'imported';
      reportId: string;
      changes: number;
      messages: number;
      datasets: DatasetOutcome[];
      unknown: UnknownValue[];
    }
  | { connection: string; partnerId: string; status: 'unchanged'; datasets: DatasetOutcome[] }
  | {
      connection: string;
      partnerId: string;
      status: 'failed';
      error: string;
      grant: boolean;
      reportId?: string;
      datasets: DatasetOutcome[];
    };

export interface PartnerInsightsStatusDoc {
  id: string;
  pk: typeof PARTNER_INSIGHTS_STATUS_PK;
  type: 'partner-insights-status';
  partnerId: string;
  connection: string;
  checkedAt: string;
  ok: boolean;
  error?: string;
  /** What the user must do (a refused grant). */
  action?: string;
  importedSha256?: string;
  importedAt?: string;
  reportId?: string;
  datasets?: Array<{ dataset: string; status: string; error?: string }>;
  [field: string]: unknown;
}

export async function pullPartnerInsights(deps: PartnerInsightsDeps, options: PartnerInsightsOptions): Promise<ConnectionOutcome[]> {
  const sleep = options.sleep ?? realSleep;
  const retry: RetryOptions = { ...(options.retry ?? {}), sleep, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  const tokens =
    deps.tokens ??
    new PartnerCenterTokens({
      store: deps.store,
      authorityUrl: options.authorityUrl,
      retry,
      now: () => Date.now(),
      ...(deps.secrets ? { secrets: deps.secrets } : {}),
    });
  const outcomes: ConnectionOutcome[] = [];
  for (const connection of options.connections) outcomes.push(await pullConnection(deps, options, connection, tokens, retry, sleep));
  return outcomes;
}

async function pullConnection(
  deps: PartnerInsightsDeps,
  options: PartnerInsightsOptions,
  c: PartnerInsightsConnection,
  tokens: PartnerCenterTokens,
  retry: RetryOptions,
  sleep: (ms: number) => Promise<void>,
): Promise<ConnectionOutcome> {
  const prefix = options.logPrefix ?? 'pullPartnerInsights';
  const log = options.log;
  const name = c.name ?? c.partnerId;
  const key = connectionKey(c);
  const operations = deps.store.collection('operations');
  const previous = (await operations.read<PartnerInsightsStatusDoc>(key, PARTNER_INSIGHTS_STATUS_PK))?.doc;
  const now = () => deps.clock.now();
  const saveStatus = async (fields: Partial<PartnerInsightsStatusDoc>) => {
    const doc: PartnerInsightsStatusDoc = {
      ...(previous ?? {}),
      id: key,
      pk: PARTNER_INSIGHTS_STATUS_PK,
      type: 'partner-insights-status',
      partnerId: c.partnerId,
      connection: name,
      checkedAt: now().toISOString(),
      ok: true,
      ...fields,
    };
    for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
    await operations.upsert(doc);
  };

  // The grant first: without it no dataset can be read.
  try {
    await tokens.accessToken(c);
  } catch (err) {
    const grant = err instanceof GrantError;
    const error = err instanceof Error ? err.message : String(err);
    log.error(`${prefix}: ${name}: cannot get a Partner Center access token: ${error}`);
    const reportId = await recordFailure(deps, log, prefix, options.apiUrl, c, now(), `Partner Center sign-in failed: ${error}`);
    await saveStatus({ ok: false, error, action: grant ? (err as GrantError).action : 'retried at the next run', datasets: [], reportId });
    return { connection: name, partnerId: c.partnerId, status: 'failed', error, grant, reportId, datasets: [] };
  }

  const api = new InsightsApi({
    baseUrl: options.apiUrl,
    accessToken: (force) => (force ? (tokens.invalidate(c), tokens.accessToken(c)) : tokens.accessToken(c)),
    retry,
  });
  // Download: every dataset at once into one accumulator.
  const acc = new Accumulator();
  const download = await downloadDatasets(deps, options, c, api, acc, { now, retry, sleep });
  if ('grantError' in download) {
    const error = download.grantError.message;
    const reportId = await recordFailure(deps, log, prefix, options.apiUrl, c, now(), `Partner Center sign-in failed: ${error}`);
    await saveStatus({ ok: false, error, action: download.grantError.action, reportId });
    return { connection: name, partnerId: c.partnerId, status: 'failed', error, grant: true, datasets: [] };
  }
  const { results, generated } = download;

  const read = results.filter((r) => r.status === 'read');
  const datasetStatus = results.map((r) => ({ dataset: r.dataset, status: r.status, ...(r.error ? { error: r.error } : {}) }));
  if (read.length === 0) {
    const error = results.map((r) => `${r.dataset}: ${r.error}`).join('; ');
    await saveStatus({ ok: false, error, datasets: datasetStatus });
    return { connection: name, partnerId: c.partnerId, status: 'failed', error, grant: false, datasets: results };
  }

  // Observed when Partner Center generated the files (the newest), else now.
  const observedAt = newestTime(generated) ?? now().toISOString();
  const events = acc.events(c.partnerId, observedAt);
  const sha256 = importHash(events, results);
  if (previous?.importedSha256 === sha256) {
    log.log(`${prefix}: ${name}: same data as imported before; not imported again`);
    await saveStatus({ ok: true, error: undefined, action: undefined, datasets: datasetStatus });
    return { connection: name, partnerId: c.partnerId, status: 'unchanged', datasets: results };
  }

  // Import as a file of change events (the same importer as a dropped file), then the bookkeeping.
  const result = await importFile(
    {
      fileName: `partner-center/${key}.ndjson`,
      etag: `sha256:${sha256}`,
      defaultObservedAt: observedAt,
      open: async () =>
        (async function* () {
          for (const e of events) yield `${JSON.stringify(e)}\n`;
        })(),
    },
    { send: changeSender(deps.bus, options.queue), clock: deps.clock, log, logPrefix: prefix },
  );
  const { record, unknown } = await reportImport(deps, options, c, { result, results, acc, sha256 });
  const allRead = read.length === results.length;
  await saveStatus({
    ok: allRead && result.error === undefined,
    error: allRead
      ? result.error
      : results
          .filter((r) => r.error)
          .map((r) => `${r.dataset}: ${r.error}`)
          .join('; '),
    action: undefined,
    // A failed dataset leaves the hash unsaved, so the next run imports again once it is read.
    importedSha256: allRead && result.error === undefined ? sha256 : undefined,
    importedAt: now().toISOString(),
    reportId: record.id,
    datasets: datasetStatus,
  });
  return {
    connection: name,
    partnerId: c.partnerId,
    status: 'imported',
    reportId: record.id,
    changes: result.report.accepted,
    messages: result.report.messages,
    datasets: results,
    unknown,
  };
}

/** The downloads' outcomes and the times Partner Center generated the files, or the grant error that stops them all. */
type Download = { results: DatasetOutcome[]; generated: string[] } | { grantError: { message: string; action: GrantError['action'] } };

/** Reads every dataset of the connection in parallel into `acc`; a failed dataset is reported, a grant error stops all. */
async function downloadDatasets(
  deps: PartnerInsightsDeps,
  options: PartnerInsightsOptions,
  c: PartnerInsightsConnection,
  api: InsightsApi,
  acc: Accumulator,
  run: { now: () => Date; retry: RetryOptions; sleep: (ms: number) => Promise<void> },
): Promise<Download> {
  const prefix = options.logPrefix ?? 'pullPartnerInsights';
  const log = options.log;
  const name = c.name ?? c.partnerId;
  const datasets = (c.datasets ?? PARTNER_CENTER_DATASETS) as readonly PartnerCenterDataset[];
  const generated: string[] = [];
  try {
    const results = await Promise.all(
      datasets.map(async (dataset): Promise<DatasetOutcome> => {
        const preset = DATASET_PRESETS[dataset];
        const mapper = acc.dataset(preset);
        try {
          const at = await readDataset(api, preset, mapper, {
            now: run.now(),
            retry: run.retry,
            sleep: run.sleep,
            pollIntervalMs: options.pollIntervalMs ?? 3000,
            pollTimeoutMs: options.pollTimeoutMs ?? 20 * 60_000,
            fetch: deps.fetch,
          });
          if (at) generated.push(at);
          log.log(`${prefix}: ${name}: ${dataset}: ${mapper.stats.rows} row(s), ${mapper.stats.skippedDuplicates} duplicate(s) skipped`);
          return { ...mapper.stats, status: 'read' };
        } catch (err) {
          if (err instanceof GrantError) throw err;
          const error = err instanceof Error ? err.message : String(err);
          log.error(`${prefix}: ${name}: ${dataset}: failed, retried at the next run: ${error}`);
          return { ...mapper.stats, status: 'failed', error };
        }
      }),
    );
    return { results, generated };
  } catch (err) {
    return { grantError: { message: err instanceof Error ? err.message : String(err), action: (err as GrantError).action } };
  }
}

/**
 * What an import is known by: the events without their observedAt (a later run of the same data is the
 * same import) and each dataset's outcome (a run that read more datasets is not).
 */
function importHash(events: readonly Record<string, unknown>[], results: readonly DatasetOutcome[]): string {
  return createHash('sha256')
    .update(canonicalJson(events.map(({ observedAt: _o, ...rest }) => rest)))
    .update(`\n${results.map((r) => `${r.dataset}:${r.status}`).join(',')}`)
    .digest('hex');
}

/** The run's import report (saved and logged) and the values the presets do not know (logged). */
async function reportImport(
  deps: PartnerInsightsDeps,
  options: PartnerInsightsOptions,
  c: PartnerInsightsConnection,
  run: { result: Awaited<ReturnType<typeof importFile>>; results: DatasetOutcome[]; acc: Accumulator; sha256: string },
): Promise<{ record: ImportReportRecord; unknown: UnknownValue[] }> {
  const prefix = options.logPrefix ?? 'pullPartnerInsights';
  const log = options.log;
  const name = c.name ?? c.partnerId;
  const { result, results, acc, sha256 } = run;
  const origin: ImportOrigin = { kind: 'insights', report: `Partner Center ${name}`, url: options.apiUrl, sha256 };
  const unknown = acc.unknownValues();
  const record = withPartnerCenter(
    { id: importReportId(origin), origin, ...result.report, ...(result.error !== undefined ? { error: result.error } : {}) },
    c,
    results,
    unknown,
    acc,
  );
  await saveImportReport(deps.store, record);
  logImportReport(log, prefix, record);
  for (const u of unknown)
    log.warn(`${prefix}: ${name}: ${u.dataset}: ${u.column} "${u.value}" is not in the presets (${u.count} row(s), ${u.action})`);
  return { record, unknown };
}

function newestTime(values: string[]): string | undefined {
  const times = values.map((v) => Date.parse(v)).filter((t) => !Number.isNaN(t));
  return times.length === 0 ? undefined : new Date(Math.max(...times)).toISOString();
}

/** The import report plus what the Partner Center run adds: datasets, skipped duplicates, unknown values. */
function withPartnerCenter(
  record: ImportReportRecord,
  c: PartnerInsightsConnection,
  datasets: DatasetOutcome[],
  unknown: UnknownValue[],
  acc: Accumulator,
): ImportReportRecord {
  const rejected = [...record.rejected];
  let extra = 0;
  for (const p of acc.problems) rejected.push({ line: p.line, column: p.column, reason: `${p.dataset}: ${p.reason}` });
  extra += acc.problemCount;
  for (const u of unknown.filter((x) => x.action === 'not scored')) {
    rejected.push({
      line: u.firstLine,
      column: u.column,
      reason: `${u.dataset}: unknown attribution value "${u.value}" in ${u.count} row(s): not scored (add it to the preset's attributions if it should count)`,
    });
    extra += u.count;
  }
  for (const d of datasets.filter((x) => x.status === 'failed')) {
    rejected.push({ line: 0, column: null, reason: `${d.dataset}: not read, retried at the next run: ${d.error}` });
    extra += 1;
  }
  return {
    ...record,
    rejected: rejected.slice(0, 1000),
    rejectedCount: record.rejectedCount + extra,
    partnerCenter: {
      partnerId: c.partnerId,
      connection: c.name ?? c.partnerId,
      sourceRows: datasets.reduce((n, d) => n + d.rows, 0),
      skippedDuplicates: datasets.reduce((n, d) => n + d.skippedDuplicates, 0),
      datasets,
      unknown,
    },
  } as ImportReportRecord;
}

/** An import report for a connection that could not be read at all (one per connection, reason and day). */
async function recordFailure(
  deps: PartnerInsightsDeps,
  log: Logger,
  prefix: string,
  apiUrl: string,
  c: PartnerInsightsConnection,
  at: Date,
  reason: string,
): Promise<string> {
  const sha256 = createHash('sha256')
    .update(`failure\n${reason}\n${at.toISOString().slice(0, 10)}`)
    .digest('hex');
  const origin: ImportOrigin = { kind: 'insights', report: `Partner Center ${c.name ?? c.partnerId}`, url: apiUrl, sha256 };
  const report: ImportReport = {
    file: `partner-center/${connectionKey(c)}`,
    etag: null,
    startedAt: at.toISOString(),
    finishedAt: at.toISOString(),
    rows: 0,
    accepted: 0,
    rejected: [{ line: 0, column: null, reason }],
    rejectedCount: 1,
    partners: [c.partnerId],
    messages: 0,
    snapshots: [],
  };
  const record = {
    id: importReportId(origin),
    origin,
    ...report,
    error: reason,
    partnerCenter: { partnerId: c.partnerId, connection: c.name ?? c.partnerId },
  } as ImportReportRecord;
  await saveImportReport(deps.store, record);
  logImportReport(log, prefix, record);
  return record.id;
}

interface ReadOptions {
  now: Date;
  retry: RetryOptions;
  sleep: (ms: number) => Promise<void>;
  pollIntervalMs: number;
  pollTimeoutMs: number;
  fetch?: typeof fetch | undefined;
}

/** Month start, HISTORY_MONTHS − 1 months before this month, as yyyy-MM-ddTHH:mm:ssZ. */
export function historyWindow(now: Date): { QueryStartTime: string; QueryEndTime: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (HISTORY_MONTHS - 1), 1));
  const fmt = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  return { QueryStartTime: fmt(start), QueryEndTime: fmt(new Date(Math.floor(now.getTime() / 1000) * 1000)) };
}

/** Query text with explicit columns (there is no SELECT *). */
export function queryText(dataset: string, columns: readonly string[], ranges: readonly string[]): string {
  const span = ranges.length === 0 || ranges.some((r) => r.toUpperCase() === 'LIFETIME') ? 'LIFETIME' : 'LAST_1_YEAR';
  return `SELECT ${columns.join(',')} FROM ${dataset} TIMESPAN ${span}`;
}

/** One dataset: columns, query, report, executions, download, parse. Returns the report's generated time. */
async function readDataset(
  api: InsightsApi,
  preset: DatasetPreset,
  mapper: ReturnType<Accumulator['dataset']>,
  o: ReadOptions,
): Promise<string | undefined> {
  const info = await api.dataset(preset.dataset);
  let columns: string[];
  if (info) {
    const resolved = resolveColumns(preset, info.selectableColumns);
    if (resolved.missingRequired.length > 0) throw new Error(`the dataset offers no column for ${resolved.missingRequired.join(', ')}`);
    columns = [...new Set(resolved.names.values())];
  } else {
    columns = preset.columns.map((s) => s.names[0]!);
  }
  const text = queryText(preset.dataset, columns, info?.availableDateRanges ?? []);
  const queryName = `designation-tracker ${preset.dataset} ${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
  const queryId = await api.ensureQuery(queryName, text, 'designation-tracker: Partner Capability Score inputs');
  const reportId = await api.createReport({
    ReportName: `designation-tracker ${preset.dataset} ${o.now.toISOString().slice(0, 16)}`,
    Description: 'designation-tracker pull (ExecuteNow)',
    QueryId: queryId,
    ...historyWindow(o.now),
  });
  const deadline = Date.now() + o.pollTimeoutMs;
  let execution = await api.completedExecution(reportId);
  while (!execution) {
    if (Date.now() > deadline)
      throw new Error(`report ${reportId} had no completed execution after ${Math.round(o.pollTimeoutMs / 1000)} s`);
    await o.sleep(o.pollIntervalMs);
    execution = await api.completedExecution(reportId);
  }
  const link = execution.reportAccessSecureLink!;
  // The secure link carries its own signature: no Authorization header.
  const response = await fetchWithRetry(
    link,
    { headers: { accept: 'text/csv' } },
    { ...o.retry, timeoutMs: PARTNER_CENTER_DOWNLOAD_TIMEOUT_MS },
  );
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`download of ${redactUrl(link)}: HTTP ${response.status}`);
  }
  const tokenizer = new CsvTokenizer();
  let header = false;
  const handle = (records: ReturnType<CsvTokenizer['push']>) => {
    for (const record of records) {
      if (record.error) continue;
      if (!header) {
        header = true;
        const missing = mapper.header(record.fields);
        if (missing.length > 0) throw new Error(`the file has no column for ${missing.join(', ')} (header: ${record.fields.join(', ')})`);
        continue;
      }
      mapper.row(record.line, record.fields);
    }
  };
  for await (const chunk of decodeText(response.body as unknown as AsyncIterable<Uint8Array>)) handle(tokenizer.push(chunk));
  handle(tokenizer.end());
  if (!header) throw new Error('the downloaded file is empty (no header row)');
  return execution.reportGeneratedTime;
}

/** Health: fails while a connection's last run could not sign in (or read anything), naming what to do. */
export function partnerInsightsProbe(statuses: PartnerInsightsStatusQueries): HealthProbe {
  return {
    name: 'partnerInsights',
    async check() {
      const bad = ((await statuses.all()) as PartnerInsightsStatusDoc[]).filter((d) => !d.ok && d.action);
      if (bad.length > 0) throw new Error(bad.map((d) => `${d.connection}: ${d.action}`).join('; '));
    },
  };
}
