// Partner Center Insights connector (timer pullInsights): downloads each configured report file
// when it changed, maps its columns onto ours with the report's column map, and imports it through
// the same importer and sending path as the blob exports (importFile → partner-changes).
//
// "Changed" is decided in two steps, both remembered per report in operations (pk insights-cursors):
// 1. A conditional GET with the last ETag / Last-Modified: a 304 costs no download at all.
// 2. A content hash: servers without validators (or that regenerate an identical file) are
//    downloaded, but an unchanged file is not imported again. To know the hash before sending
//    anything, the body is streamed to a temporary file while hashing (never held in memory), then
//    parsed from that file — so an unchanged hourly report does not re-send all its changes.
//
// A download that fails (network, HTTP error, too large) is logged and noted on the cursor
// document (lastError); the report is retried at the next run. Store or bus failures are thrown.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { changeSender } from '../bus/partner-changes.js';
import { type InsightsReport, reportSlug } from '../config/insights-reports.js';
import { type Clock } from '../ports/clock.js';
import { type DocumentStore, OPERATIONS_PK } from '../ports/documentStore.js';
import type { Logger } from '../ports/logger.js';
import { type MessageBus } from '../ports/messageBus.js';
import { isWriteConflict, writeOnEtag } from '../store/conditional.js';
import { importFile } from './import-file.js';
import { type ImportOrigin, recordImport } from './import-reports.js';

/** Partition of the operations container holding one cursor per Insights report. */
export const INSIGHTS_CURSORS_PK = OPERATIONS_PK.insightsCursors;

export interface InsightsCursorDoc {
  id: string;
  pk: typeof INSIGHTS_CURSORS_PK;
  type: 'insights-cursor';
  report: string;
  url: string;
  etag?: string;
  lastModified?: string;
  sha256?: string;
  reportId?: string;
  importedAt?: string;
  checkedAt: string;
  lastError?: string;
  [field: string]: unknown;
}

export interface InsightsDeps {
  store: DocumentStore;
  bus: MessageBus;
  clock: Clock;
  fetch?: typeof fetch;
}

/**
 * One report download may take this long (8 minutes): below host.json's functionTimeout (10 minutes), so a
 * slow download fails as a download rather than the host killing the function (test/unit/wiring/timeouts.test.ts).
 */
export const INSIGHTS_DOWNLOAD_TIMEOUT_MS = 8 * 60_000;

export interface InsightsOptions {
  reports: readonly InsightsReport[];
  log: Logger;
  queue?: string;
  progressEvery?: number;
  batchSize?: number;
  /** Per download (default INSIGHTS_DOWNLOAD_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Refuse bodies larger than this (default 2 GiB). */
  maxBytes?: number;
  tmpDir?: string;
  logPrefix?: string;
}

export type InsightsOutcome =
  | { report: string; status: 'imported'; reportId: string; rows: number; accepted: number; rejected: number; messages: number }
  | { report: string; status: 'unchanged'; how: 'not-modified' | 'same-content' }
  | { report: string; status: 'failed'; error: string };

export async function pullInsightsReports(deps: InsightsDeps, options: InsightsOptions): Promise<InsightsOutcome[]> {
  const outcomes: InsightsOutcome[] = [];
  for (const report of options.reports) outcomes.push(await pullReport(deps, options, report));
  return outcomes;
}

/** The file name the importer sees: its first word gives the kind; never ends in "snapshot". */
export function insightsFileName(report: InsightsReport): string {
  const format = report.format ?? (/\.(ndjson|jsonl)$/i.test(new URL(report.url).pathname) ? 'ndjson' : 'csv');
  return `insights/${report.kind}.${reportSlug(report.name)}.report.${format}`;
}

async function pullReport(deps: InsightsDeps, options: InsightsOptions, report: InsightsReport): Promise<InsightsOutcome> {
  const prefix = options.logPrefix ?? 'pullInsights';
  const log = options.log;
  const operations = deps.store.collection('operations');
  const cursorId = reportSlug(report.name);
  const stored = await operations.read<InsightsCursorDoc>(cursorId, INSIGHTS_CURSORS_PK);
  // A report pointed at a new URL starts afresh.
  const previous = stored && stored.doc.url === report.url ? stored.doc : undefined;

  const saveCursor = async (fields: Partial<InsightsCursorDoc>) => {
    const doc: InsightsCursorDoc = {
      ...(previous ?? {}),
      id: cursorId,
      pk: INSIGHTS_CURSORS_PK,
      type: 'insights-cursor',
      report: report.name,
      url: report.url,
      checkedAt: deps.clock.now().toISOString(),
      ...fields,
    };
    for (const key of Object.keys(doc)) if (key.startsWith('_') || doc[key] === undefined) delete doc[key];
    try {
      await writeOnEtag(operations, doc, stored?.etag);
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
      log.warn(`${prefix}: ${report.name}: another run updated the report's cursor meanwhile; keeping its version`);
    }
  };
  const fail = async (error: string): Promise<InsightsOutcome> => {
    log.error(`${prefix}: ${report.name}: download failed, retried at the next run: ${error}`);
    await saveCursor({ lastError: error });
    return { report: report.name, status: 'failed', error };
  };

  const headers = new Headers(report.headers ?? {});
  if (previous?.etag) headers.set('if-none-match', previous.etag);
  if (previous?.lastModified) headers.set('if-modified-since', previous.lastModified);
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(report.url, {
      headers,
      signal: AbortSignal.timeout(options.timeoutMs ?? INSIGHTS_DOWNLOAD_TIMEOUT_MS),
    });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (response.status === 304) {
    log.log(`${prefix}: ${report.name}: not modified`);
    return { report: report.name, status: 'unchanged', how: 'not-modified' };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => {});
    return fail(`HTTP ${response.status} ${response.statusText}`.trim());
  }
  const etag = response.headers.get('etag') ?? undefined;
  const lastModifiedHeader = response.headers.get('last-modified') ?? undefined;
  const lastModifiedMs = lastModifiedHeader === undefined ? NaN : Date.parse(lastModifiedHeader);

  const dir = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'dt-insights-'));
  try {
    const file = path.join(dir, 'report');
    let sha256: string;
    try {
      sha256 = await download(response.body, file, options.maxBytes ?? 2 * 1024 ** 3);
    } catch (err) {
      return fail(err instanceof Error ? err.message : String(err));
    }
    const validators = { etag, lastModified: lastModifiedHeader };
    if (previous?.sha256 === sha256) {
      log.log(`${prefix}: ${report.name}: downloaded, same content as imported before; not imported again`);
      await saveCursor({ ...validators, lastError: undefined });
      return { report: report.name, status: 'unchanged', how: 'same-content' };
    }

    const origin: ImportOrigin = { kind: 'insights', report: report.name, url: report.url, sha256 };
    if (etag !== undefined) origin.etag = etag;
    if (lastModifiedHeader !== undefined) origin.lastModified = lastModifiedHeader;
    const result = await importFile(
      {
        fileName: insightsFileName(report),
        etag: etag ?? `sha256:${sha256}`,
        // Rows without observedAt were observed when Partner Center produced the file, else now.
        defaultObservedAt: new Date(Number.isNaN(lastModifiedMs) ? deps.clock.now().getTime() : lastModifiedMs).toISOString(),
        columnMap: report.columnMap,
        open: async () => createReadStream(file),
      },
      {
        send: changeSender(deps.bus, options.queue),
        clock: deps.clock,
        log,
        logPrefix: prefix,
        ...(options.progressEvery !== undefined ? { progressEvery: options.progressEvery } : {}),
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
      },
    );
    const record = await recordImport(deps.store, log, prefix, origin, result);
    await saveCursor({ ...validators, sha256, reportId: record.id, importedAt: deps.clock.now().toISOString(), lastError: result.error });
    return {
      report: report.name,
      status: 'imported',
      reportId: record.id,
      rows: record.rows,
      accepted: record.accepted,
      rejected: record.rejectedCount,
      messages: record.messages,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Streams the body to `file`, hashing as it goes; returns the SHA-256 hex. */
async function download(body: ReadableStream<Uint8Array>, file: string, maxBytes: number): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) return callback(new Error(`report larger than ${maxBytes} bytes`));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>), tap, createWriteStream(file));
  return hash.digest('hex');
}
