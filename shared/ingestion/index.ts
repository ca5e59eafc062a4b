// Sources of change: the export pull (blob drops), the Partner Center Insights pull and the push
// endpoint. All three end in the same place: PartnerChangeMessages on partner-changes, with
// content-hash message ids, and (for files) an import report in operations.
export { runExportImport, type ExportImportDeps, type ExportImportOptions, type ExportImportResult, type FileOutcome } from './import-exports.js';
export { readExportCursor, saveExportCursor, type ExportCursorDoc } from './export-cursor.js';
export { importFile, unreadableReport, type FileToImport, type FileImportSettings, type FileImportResult } from './import-file.js';
export {
  getImportReport,
  importReportId,
  listImportReports,
  logImportReport,
  saveImportReport,
  MAX_LIST_LIMIT,
  type ImportOrigin,
  type ImportReportRecord,
} from './import-reports.js';
export { pullInsightsReports, insightsFileName, INSIGHTS_CURSORS_PK, type InsightsCursorDoc, type InsightsDeps, type InsightsOptions, type InsightsOutcome } from './insights.js';
export { INSIGHTS_KINDS, insightsReportSchema, parseInsightsReportsSetting, reportSlug, type InsightsKind, type InsightsReport } from './insights-settings.js';
export { receivePush, deliveryDocId, DEFAULT_MAX_PUSH_BYTES, type PushAnswer, type PushDeps, type PushOptions, type PushRequest, type WebhookDeliveryDoc } from './push.js';
export { pushChanges, LOCAL_DEV_WEBHOOK_SECRET, type PushClientOptions, type PushResult } from './push-client.js';
export { changeSender, toOutbound, type ChangeSender } from './send.js';
export type { IngestionLog } from './log.js';
