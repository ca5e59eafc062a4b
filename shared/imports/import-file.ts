// The whole file import in one call, for the pull timer and the Insights connector: parse the
// stream, group per partner, hand each message to `send` (e.g. the Service Bus sender, with
// message.id as messageId), and return the import report.
import type { PartnerChangeMessage } from '../domain/changes/message.js';
import type { ExportSource } from './decode.js';
import { groupBatches, type GroupOptions } from './group.js';
import { parseExportBatches, type ParseOptions } from './parse.js';
import { type ImportReport, ImportReportBuilder } from './report.js';

export interface ImportOptions extends ParseOptions, Omit<GroupOptions, 'report' | 'file' | 'etag'> {
  etag?: string;
  /** Awaited for each message before reading on (back-pressure: a slow bus slows the reading). */
  send: (message: PartnerChangeMessage) => Promise<void>;
  now?: () => Date;
  maxRejectedInReport?: number;
}

export async function importExport(source: ExportSource, options: ImportOptions): Promise<ImportReport> {
  const now = options.now ?? (() => new Date());
  const report = new ImportReportBuilder(options.fileName, options.etag ?? null, now().toISOString(), options.maxRejectedInReport);
  const group: GroupOptions = { file: options.fileName, report };
  if (options.etag !== undefined) group.etag = options.etag;
  if (options.batchSize !== undefined) group.batchSize = options.batchSize;
  if (options.maxMessageBytes !== undefined) group.maxMessageBytes = options.maxMessageBytes;
  if (options.messageMarginBytes !== undefined) group.messageMarginBytes = options.messageMarginBytes;
  if (options.maxBufferedChanges !== undefined) group.maxBufferedChanges = options.maxBufferedChanges;
  if (options.progressEvery !== undefined) group.progressEvery = options.progressEvery;
  if (options.onProgress !== undefined) group.onProgress = options.onProgress;
  // A chunk of the file at a time: its messages are sent (awaited, one by one) before the next chunk is read.
  for await (const messages of groupBatches(parseExportBatches(source, options), group)) {
    for (const message of messages) await options.send(message);
  }
  return report.finish(now().toISOString());
}
