// The Partner Center Insights programmatic API (base PARTNER_INSIGHTS_API_URL, default
// https://api.partnercenter.microsoft.com/insights/v1/mpn), the calls the connector makes:
//   GET  /ScheduledDataset?datasetName=X                 selectableColumns, availableDateRanges
//   GET  /ScheduledQueries?queryName=N                   reuse a query by name
//   POST /ScheduledQueries {Name, Description, Query}    → value[0].queryId
//   POST /ScheduledReport {ReportName, QueryId, ExecuteNow, QueryStartTime, QueryEndTime, Format}
//   GET  /ScheduledReport/execution/{reportId}?executionStatus=Completed&getLatestExecution=true
//        404 until the first execution completed; then value[0].reportAccessSecureLink
// Responses are wrapped in { value: [...], statusCode, message }; a statusCode ≥ 400 in the body is an
// error too. 429 / 5xx are retried (http.ts); a 401 refreshes the access token once.
import { fetchWithRetry, type RetryOptions } from './http.js';

export interface InsightsApiOptions {
  baseUrl: string;
  accessToken: (force?: boolean) => Promise<string>;
  retry?: RetryOptions;
}

export interface DatasetInfo {
  selectableColumns: string[];
  availableDateRanges: string[];
}

export interface Execution {
  executionStatus: string;
  reportAccessSecureLink?: string;
  reportGeneratedTime?: string;
}

export class InsightsApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export class InsightsApi {
  constructor(private readonly options: InsightsApiOptions) {}

  private async call(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const url = `${this.options.baseUrl}${pathAndQuery}`;
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.accessToken(attempt > 0);
      const init: RequestInit = {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await fetchWithRetry(url, init, this.options.retry);
      if (response.status === 401 && attempt === 0) {
        await response.body?.cancel().catch(() => {});
        continue;
      }
      const text = await response.text();
      let json: Record<string, unknown>;
      try {
        json = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      } catch {
        json = { message: text.slice(0, 200) };
      }
      const inBody = typeof json.statusCode === 'number' ? json.statusCode : 200;
      return { status: response.ok && inBody >= 400 ? inBody : response.status, json };
    }
  }

  private fail(what: string, r: { status: number; json: Record<string, unknown> }): never {
    const message = typeof r.json.message === 'string' && r.json.message ? `: ${r.json.message.slice(0, 200)}` : '';
    throw new InsightsApiError(`${what}: HTTP ${r.status}${message}`, r.status);
  }

  private static first(json: Record<string, unknown>): Record<string, unknown> | undefined {
    const value = json.value;
    if (Array.isArray(value)) return value[0] as Record<string, unknown> | undefined;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  }

  /** The dataset's columns, or undefined when the API does not say (the preset's names are used then). */
  async dataset(name: string): Promise<DatasetInfo | undefined> {
    const r = await this.call('GET', `/ScheduledDataset?datasetName=${encodeURIComponent(name)}`);
    if (r.status >= 400) return undefined;
    const first = InsightsApi.first(r.json);
    const cols = first?.selectableColumns;
    if (!Array.isArray(cols) || cols.length === 0) return undefined;
    const ranges = Array.isArray(first?.availableDateRanges) ? (first.availableDateRanges as unknown[]).map(String) : [];
    return { selectableColumns: cols.map(String), availableDateRanges: ranges };
  }

  /** The query with this name (same text), else a new one; returns its id. */
  async ensureQuery(name: string, query: string, description: string): Promise<string> {
    const found = await this.call('GET', `/ScheduledQueries?queryName=${encodeURIComponent(name)}`);
    if (found.status < 400) {
      const list = Array.isArray(found.json.value) ? (found.json.value as Record<string, unknown>[]) : [];
      const same = list.find((q) => q.name === name || q.Name === name);
      const id = same?.queryId ?? same?.QueryId;
      if (typeof id === 'string' && id) return id;
    } else if (found.status !== 404) {
      this.fail(`GET /ScheduledQueries?queryName=${name}`, found);
    }
    const created = await this.call('POST', '/ScheduledQueries', { Name: name, Description: description, Query: query });
    if (created.status >= 400) this.fail('POST /ScheduledQueries', created);
    const id = InsightsApi.first(created.json)?.queryId;
    if (typeof id !== 'string' || !id) throw new InsightsApiError('POST /ScheduledQueries answered without a queryId', created.status);
    return id;
  }

  async createReport(body: {
    ReportName: string;
    Description: string;
    QueryId: string;
    QueryStartTime: string;
    QueryEndTime: string;
  }): Promise<string> {
    const r = await this.call('POST', '/ScheduledReport', { ...body, ExecuteNow: true, Format: 'CSV' });
    if (r.status >= 400) this.fail('POST /ScheduledReport', r);
    const id = InsightsApi.first(r.json)?.reportId;
    if (typeof id !== 'string' || !id) throw new InsightsApiError('POST /ScheduledReport answered without a reportId', r.status);
    return id;
  }

  /** The latest completed execution, or undefined while there is none (404 before the first success). */
  async completedExecution(reportId: string): Promise<Execution | undefined> {
    const r = await this.call(
      'GET',
      `/ScheduledReport/execution/${encodeURIComponent(reportId)}?executionStatus=Completed&getLatestExecution=true`,
    );
    if (r.status === 404) return undefined;
    if (r.status >= 400) this.fail(`GET /ScheduledReport/execution/${reportId}`, r);
    const list = Array.isArray(r.json.value) ? (r.json.value as Record<string, unknown>[]) : [];
    const done = list.find(
      (e) => String(e.executionStatus ?? '').toLowerCase() === 'completed' && typeof e.reportAccessSecureLink === 'string',
    );
    if (!done) return undefined;
    const execution: Execution = { executionStatus: 'Completed', reportAccessSecureLink: String(done.reportAccessSecureLink) };
    if (typeof done.reportGeneratedTime === 'string') execution.reportGeneratedTime = done.reportGeneratedTime;
    return execution;
  }
}
