// Sources of change: the export pull (blob drops), the Partner Center Insights pull and the push
// endpoint. All three end in the same place: PartnerChangeMessages on partner-changes, with
// content-hash message ids, and (for files) an import report in operations.
export {
  INSIGHTS_KINDS,
  type InsightsKind,
  type InsightsReport,
  insightsReportSchema,
  parseInsightsReportsSetting,
  reportSlug,
} from '../config/insights-reports.js';
export { type ExportCursorDoc, readExportCursor, saveExportCursor } from './export-cursor.js';
export {
  type ExportImportDeps,
  type ExportImportOptions,
  type ExportImportResult,
  type FileOutcome,
  runExportImport,
} from './import-exports.js';
export { type FileImportResult, type FileImportSettings, type FileToImport, importFile, unreadableReport } from './import-file.js';
export {
  getImportReport,
  type ImportOrigin,
  importReportId,
  type ImportReportRecord,
  listImportReports,
  logImportReport,
  MAX_LIST_LIMIT,
  saveImportReport,
} from './import-reports.js';
export {
  INSIGHTS_CURSORS_PK,
  type InsightsCursorDoc,
  type InsightsDeps,
  insightsFileName,
  type InsightsOptions,
  type InsightsOutcome,
  pullInsightsReports,
} from './insights.js';
export type { IngestionLog } from './log.js';
export { type PushAnswer, type PushDeps, type PushOptions, receivePush } from './push.js';
export { LOCAL_DEV_WEBHOOK_SECRET, pushChanges, type PushClientOptions, type PushResult } from './push-client.js';
