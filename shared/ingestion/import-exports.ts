// The export pull (timer importExports): every blob changed since the cursor, in order, streamed
// through the importer; each message goes to partner-changes with its content hash as messageId;
// each file leaves an import report; the cursor moves past each file as soon as it is done.
//
// Why this is safe to repeat and to overlap:
// - Message ids are content hashes, so importing a file twice (a crash before the cursor moved, a
//   re-dropped file, two runs at once) sends the same ids: Service Bus duplicate detection drops the
//   repeats, and the processor applies a change idempotently beyond the broker's window.
// - Report ids are (container, blob name, blob ETag) hashes: the same file version overwrites its report.
// - The cursor is saved after every file with the ETag it was read with. Two runs that start
//   together both import the first file (harmless, above); the slower one then fails the ETag
//   condition and stops, so at most one file is ever imported twice at once. (On Azure a timer
//   trigger is a singleton across instances anyway; this covers the local host and manual runs.)
// - A file that cannot be read gets a report saying so and the cursor moves past it — it is
//   recorded, not retried forever; touching/re-uploading the blob imports it again. A failure of the
//   bus or the store is different: it is thrown, the cursor stays, and the next run retries the file.
import { type ChangeSender, changeSender } from '../bus/partner-changes.js';
import { type Clock } from '../ports/clock.js';
import { type DocumentStore } from '../ports/documentStore.js';
import { advanceCursor, type ExportBlob, type ExportCursor, type ExportSource } from '../ports/exportSource.js';
import type { Logger } from '../ports/logger.js';
import { type MessageBus } from '../ports/messageBus.js';
import { readExportCursor, saveExportCursor } from './export-cursor.js';
import { importFile } from './import-file.js';
import { type ImportReportRecord, recordImport } from './import-reports.js';

export interface ExportImportDeps {
  store: DocumentStore;
  exports: ExportSource;
  bus: MessageBus;
  clock: Clock;
}

export interface ExportImportOptions {
  /** The blob container `exports` reads (names the cursor document). */
  container: string;
  log: Logger;
  /** Only blobs under this prefix. */
  prefix?: string;
  /** Queue for the messages (default partner-changes; tests use a queue of their own). */
  queue?: string;
  progressEvery?: number;
  batchSize?: number;
  readAttempts?: number;
  /** Stop after this many files (the rest wait for the next run); default all. */
  maxFiles?: number;
  logPrefix?: string;
}

export interface FileOutcome {
  name: string;
  etag: string;
  reportId: string;
  rows: number;
  accepted: number;
  rejected: number;
  messages: number;
  error?: string;
}

export interface ExportImportResult {
  files: FileOutcome[];
  /** Set when the run stopped early because another run moved the cursor. */
  stopped?: 'cursor-moved';
  cursor: ExportCursor | undefined;
}

export async function runExportImport(deps: ExportImportDeps, options: ExportImportOptions): Promise<ExportImportResult> {
  const prefix = options.logPrefix ?? 'importExports';
  const log = options.log;
  const stored = await readExportCursor(deps.store, options.container);
  let cursor = stored?.doc.cursor;
  let etag = stored?.etag;
  const listed = await deps.exports.listChangedSince(cursor, options.prefix === undefined ? {} : { prefix: options.prefix });
  const blobs = options.maxFiles === undefined ? listed : listed.slice(0, options.maxFiles);
  const files: FileOutcome[] = [];
  if (blobs.length === 0) return { files, cursor };
  log.log(
    `${prefix}: ${blobs.length} new or changed file(s) in ${options.container}${listed.length > blobs.length ? ` (${listed.length - blobs.length} left for the next run)` : ''}`,
  );

  const send = changeSender(deps.bus, options.queue);
  for (const blob of blobs) {
    const record = await importBlob(deps, options, blob, send, prefix);
    files.push(outcomeOf(blob, record));

    const next = advanceCursor(cursor, blob);
    const saved = await saveExportCursor(deps.store, options.container, next, etag, deps.clock.now());
    if (saved === null) {
      log.warn(
        `${prefix}: another run moved the cursor of ${options.container} while ${blob.name} was imported; stopping and leaving the rest to it`,
      );
      return { files, stopped: 'cursor-moved', cursor };
    }
    cursor = next;
    etag = saved;
  }
  log.log(`${prefix}: done, ${files.length} file(s); cursor at ${cursor?.lastModified ?? '—'}`);
  return { files, cursor };
}

/** One blob through the importer; its report stored and logged. */
async function importBlob(
  deps: ExportImportDeps,
  options: ExportImportOptions,
  blob: ExportBlob,
  send: ChangeSender,
  prefix: string,
): Promise<ImportReportRecord> {
  const origin = { kind: 'blob' as const, container: options.container, name: blob.name, etag: blob.etag, lastModified: blob.lastModified };
  const settings = {
    send,
    clock: deps.clock,
    log: options.log,
    logPrefix: prefix,
    ...(options.progressEvery !== undefined ? { progressEvery: options.progressEvery } : {}),
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    ...(options.readAttempts !== undefined ? { readAttempts: options.readAttempts } : {}),
  };
  // observedAt default = the blob's last-modified time (docs/export-formats.md §1).
  const result = await importFile(
    { fileName: blob.name, etag: blob.etag, defaultObservedAt: blob.lastModified, open: () => deps.exports.open(blob.name) },
    settings,
  );
  return recordImport(deps.store, options.log, prefix, origin, result);
}

function outcomeOf(blob: ExportBlob, record: ImportReportRecord): FileOutcome {
  const outcome: FileOutcome = {
    name: blob.name,
    etag: blob.etag,
    reportId: record.id,
    rows: record.rows,
    accepted: record.accepted,
    rejected: record.rejectedCount,
    messages: record.messages,
  };
  if (record.error !== undefined) outcome.error = record.error;
  return outcome;
}
