import type { InvocationContext, Timer } from '@azure/functions';

import { type InsightsReport } from '../config/insights-reports.js';
import { type InsightsDeps, type InsightsOptions, type InsightsOutcome, pullInsightsReports } from '../ingestion/insights.js';

/**
 * Timer (INSIGHTS_SCHEDULE) → pull each Partner Center Insights report of INSIGHTS_REPORTS that
 * changed and import it like an export file (shared/ingestion/insights.ts). Off while
 * INSIGHTS_REPORTS is empty: the function stays registered (the catalog reads no setting) and
 * returns at once.
 */
export function pullInsightsHandler(
  deps: InsightsDeps,
  settings: { INSIGHTS_REPORTS: readonly InsightsReport[] },
  options: Omit<InsightsOptions, 'reports' | 'log'> = {},
) {
  return async (_timer: Timer, context: InvocationContext): Promise<InsightsOutcome[]> => {
    if (settings.INSIGHTS_REPORTS.length === 0) return [];
    return pullInsightsReports(deps, { ...options, reports: settings.INSIGHTS_REPORTS, log: context });
  };
}
