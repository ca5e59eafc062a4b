// Export file import: streaming CSV/NDJSON parsing into change events, per-partner batching into
// bus messages, import reports, and the column map for foreign report formats.
export { abandonedMessage } from './bulk-id.js';
export { type Field, FIELDS, mapColumns, normalizeHeader } from './columns.js';
export { type CsvRecord, CsvTokenizer, detectDelimiter } from './csv.js';
export type { ExportSource } from './decode.js';
export { describeExportFile, type ExportFileInfo } from './file-name.js';
export { groupByPartner, type GroupOptions } from './group.js';
export { importExport, type ImportOptions } from './import-file.js';
export { bodyBudget, jsonBytes, MESSAGE_SIZE } from './message-size.js';
export { parseExportStream, type ParseItem, type ParseOptions, type SnapshotDeclaration } from './parse.js';
export { type ImportProgress, type ImportReport, ImportReportBuilder, type RejectedRow, type SnapshotOutcome } from './report.js';
