// Export file import: streaming CSV/NDJSON parsing into change events, per-partner batching into
// bus messages, import reports, and the column map for foreign report formats.
export { parseExportStream, type ParseItem, type ParseOptions, type SnapshotDeclaration } from './parse.js';
export { groupByPartner, type GroupOptions } from './group.js';
export { MESSAGE_SIZE, bodyBudget, jsonBytes } from './message-size.js';
export { importExport, type ImportOptions } from './import-file.js';
export { ImportReportBuilder, type ImportReport, type ImportProgress, type RejectedRow, type SnapshotOutcome } from './report.js';
export { mapColumns, normalizeHeader, FIELDS, type Field } from './columns.js';
export { describeExportFile, type ExportFileInfo } from './file-name.js';
export { CsvTokenizer, detectDelimiter, type CsvRecord } from './csv.js';
export type { ExportSource } from './decode.js';
