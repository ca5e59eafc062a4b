// One file through the shared importer (shared/imports importExport), for both pulls: the blob
// exports and the Insights reports. It adds what a job around the parser needs:
// - sending each message as it is produced (back-pressure: a slow bus slows the reading);
// - progress lines for long files;
// - telling "the file could not be read" (recorded in a report, the job moves on) apart from
//   "the bus or the store failed" (thrown: the job stops and the next run retries the file).
import type { Readable } from 'node:stream';

import type { ChangeSender } from '../bus/partner-changes.js';
import type { PartnerChangeMessage } from '../domain/changes/message.js';
import { abandonedMessage } from '../imports/bulk-id.js';
import { importExport, type ImportOptions } from '../imports/import-file.js';
import type { ImportReport } from '../imports/report.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { DOWNLOAD_HEADER_PRESETS } from './partner-center/download-presets.js';

export interface FileToImport {
  fileName: string;
  etag?: string;
  defaultObservedAt?: string;
  columnMap?: Readonly<Record<string, string>>;
  /** Opens the file for streaming; called again for a retry. */
  open: () => Promise<Readable | AsyncIterable<Buffer | Uint8Array | string>>;
}

export interface FileImportSettings {
  send: ChangeSender;
  clock: Clock;
  log: Logger;
  /** Prefix of log lines, e.g. the function name. */
  logPrefix: string;
  /** Log a progress line every this many rows (default 10,000). */
  progressEvery?: number;
  /** Changes per message (default 500, the importer's). */
  batchSize?: number;
  /** Reads of a file before it counts as unreadable (default 2: one retry for a dropped connection). */
  readAttempts?: number;
}

export interface FileImportResult {
  report: ImportReport;
  /** Why the file could not be read to its end; undefined when it was. */
  error?: string;
}

/** Wraps a failure of the bus so it is not mistaken for a failure to read the file. */
class SendFailure extends Error {
  constructor(readonly original: unknown) {
    super('sending to the bus failed');
  }
}

export async function importFile(file: FileToImport, settings: FileImportSettings): Promise<FileImportResult> {
  const attempts = Math.max(1, settings.readAttempts ?? 2);
  const now = () => settings.clock.now();
  let sent = 0; // in the current attempt
  // Bulk files: the partners that got messages, so a file given up halfway still gets them recomputed.
  const bulkPartners = new Map<string, NonNullable<PartnerChangeMessage['bulk']>>();
  const send = async (message: PartnerChangeMessage) => {
    try {
      await settings.send([message]);
    } catch (err) {
      throw new SendFailure(err);
    }
    sent++;
    if (message.bulk) bulkPartners.set(message.partnerId, message.bulk);
  };
  let lastError = 'unknown error';
  const startedAt = now().toISOString();
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const options: ImportOptions = {
      fileName: file.fileName,
      // A CSV whose header is a Partner Center download's imports with no column map.
      headerPresets: DOWNLOAD_HEADER_PRESETS,
      send,
      now,
      progressEvery: settings.progressEvery ?? 10_000,
      onProgress: (p) =>
        settings.log.log(
          `${settings.logPrefix}: ${p.file}: ${p.rows} rows read (${p.accepted} accepted, ${p.rejected} rejected), ${p.messages} message(s) sent so far`,
        ),
    };
    if (file.etag !== undefined) options.etag = file.etag;
    if (file.defaultObservedAt !== undefined) options.defaultObservedAt = file.defaultObservedAt;
    if (file.columnMap !== undefined) options.columnMap = file.columnMap;
    if (settings.batchSize !== undefined) options.batchSize = settings.batchSize;
    sent = 0;
    try {
      const stream = await file.open();
      return { report: await importExport(stream, options) };
    } catch (err) {
      if (err instanceof SendFailure) throw err.original;
      lastError = err instanceof Error ? err.message : String(err);
      settings.log.warn(`${settings.logPrefix}: ${file.fileName}: read attempt ${attempt} of ${attempts} failed: ${lastError}`);
      // A retry re-sends the rows before the failure with the same message ids: harmless.
    }
  }
  const abandoned = [...bulkPartners].map(([partnerId, bulk]) => abandonedMessage(partnerId, bulk));
  if (abandoned.length > 0) await settings.send(abandoned);
  const report = unreadableReport(file, `file could not be read: ${lastError}`, startedAt, now().toISOString());
  report.messages = sent + abandoned.length;
  return { report, error: lastError };
}

/** The report of a file that could not be read: one line-0 rejection saying why. */
export function unreadableReport(
  file: Pick<FileToImport, 'fileName' | 'etag'>,
  reason: string,
  startedAt: string,
  finishedAt: string,
): ImportReport {
  return {
    file: file.fileName,
    etag: file.etag ?? null,
    startedAt,
    finishedAt,
    rows: 0,
    accepted: 0,
    rejected: [{ line: 0, column: null, reason }],
    rejectedCount: 1,
    partners: [],
    messages: 0,
    snapshots: [],
  };
}
