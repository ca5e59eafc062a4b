// Import reports in the operations container (pk import-reports): one per imported file version.
// The id is a hash of where the file came from and which version it was (blob name + ETag, or
// Insights report + content hash), so a repeated import of the same version overwrites its report
// instead of adding one, and a new drop of a file gets a report of its own.
import { sha256Hex } from '../domain/changes/canonical.js';
import type { ImportReport } from '../imports/report.js';
import { type Document, type DocumentCollection, type DocumentStore, OPERATIONS_PK } from '../ports/documentStore.js';
import type { Logger } from '../ports/logger.js';
import { type ImportReportQueries } from '../ports/repositories.js';
import type { FileImportResult } from './import-file.js';

export type ImportOrigin =
  | { kind: 'blob'; container: string; name: string; etag: string; lastModified: string }
  | { kind: 'insights'; report: string; url: string; sha256: string; etag?: string; lastModified?: string };

export interface ImportReportRecord extends ImportReport {
  id: string;
  origin: ImportOrigin;
  /** Set when the file could not be read to its end (the rows before the failure were sent). */
  error?: string;
}

type ImportReportDoc = ImportReportRecord & Document & { pk: typeof OPERATIONS_PK.importReports; type: 'import-report' };

export function importReportId(origin: ImportOrigin): string {
  const key =
    origin.kind === 'blob' ? `blob\n${origin.container}\n${origin.name}\n${origin.etag}` : `insights\n${origin.report}\n${origin.sha256}`;
  return `imp-${sha256Hex(key).slice(0, 40)}`;
}

const reports = (store: DocumentStore): DocumentCollection => store.collection('operations');

export async function saveImportReport(store: DocumentStore, record: ImportReportRecord): Promise<void> {
  const doc: ImportReportDoc = { ...record, pk: OPERATIONS_PK.importReports, type: 'import-report' };
  await reports(store).upsert(doc);
}

/** Stores the report of one imported file version (replacing an earlier import of the same version) and logs it. */
export async function recordImport(
  store: DocumentStore,
  log: Logger,
  prefix: string,
  origin: ImportOrigin,
  result: FileImportResult,
): Promise<ImportReportRecord> {
  const record: ImportReportRecord = { id: importReportId(origin), origin, ...result.report };
  if (result.error !== undefined) record.error = result.error;
  await saveImportReport(store, record);
  logImportReport(log, prefix, record);
  return record;
}

/** The report without the document's own fields (the store's adapter already drops its system fields). */
function reportOf(doc: Document): ImportReportRecord {
  const { pk: _pk, type: _type, ...record } = doc;
  return record as unknown as ImportReportRecord;
}

export async function getImportReport(store: DocumentStore, id: string): Promise<ImportReportRecord | undefined> {
  const found = await reports(store).read<ImportReportDoc>(id, OPERATIONS_PK.importReports);
  return found ? reportOf(found.doc) : undefined;
}

export const MAX_LIST_LIMIT = 100;

/** The latest reports, newest (by finishedAt) first: one query (ImportReportQueries.latest). */
export async function listImportReports(reports: ImportReportQueries, limit: number): Promise<ImportReportRecord[]> {
  const top = Math.max(1, Math.min(MAX_LIST_LIMIT, Math.floor(limit)));
  return (await reports.latest(top)).slice(0, top).map(reportOf);
}

/** "3 partner(s): a, b, c" or "1200 partner(s), first a, b, c, d, e": a log line stays short at any size (the report has them all). */
export function partnersInBrief(partners: readonly string[], shown = 5): string {
  if (partners.length === 0) return '0 partners';
  const head = partners.slice(0, shown).join(', ');
  return partners.length <= shown ? `${partners.length} partner(s): ${head}` : `${partners.length} partner(s), first ${head}, …`;
}

/** Logs a report: one summary line, then the rejected rows (bounded; the rest are in the report). */
export function logImportReport(log: Logger, prefix: string, record: ImportReportRecord, maxRows = 50): void {
  const summary =
    `${prefix}: ${record.file}: ${record.rows} row(s), ${record.accepted} accepted, ${record.rejectedCount} rejected, ` +
    `${record.messages} message(s), ${partnersInBrief(record.partners)} (report ${record.id})`;
  if (record.error) log.error(`${summary}; FAILED: ${record.error}`);
  else log.log(summary);
  const shown = record.rejected.slice(0, maxRows);
  for (const row of shown) {
    log.warn(`${prefix}: ${record.file} line ${row.line}${row.column === null ? '' : `, column "${row.column}"`}: ${row.reason}`);
  }
  if (record.rejectedCount > shown.length) {
    log.warn(`${prefix}: ${record.file}: ${record.rejectedCount - shown.length} more rejected row(s) in GET /api/imports/${record.id}`);
  }
}
