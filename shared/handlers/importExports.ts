import type { InvocationContext, Timer } from '@azure/functions';

import { type ExportImportDeps, type ExportImportOptions, type ExportImportResult, runExportImport } from '../ingestion/import-exports.js';

/**
 * Timer → import every export blob changed since the cursor (shared/ingestion/import-exports.ts):
 * messages to partner-changes, an import report per file, the cursor moved with an ETag condition.
 */
export function importExportsHandler(
  deps: ExportImportDeps,
  settings: { EXPORTS_CONTAINER: string },
  options: Omit<ExportImportOptions, 'container' | 'log'> = {},
) {
  return async (_timer: Timer, context: InvocationContext): Promise<ExportImportResult> =>
    runExportImport(deps, { ...options, container: settings.EXPORTS_CONTAINER, log: context });
}
