// A local stand-in of the Entra token endpoint and the Partner Center Insights API (127.0.0.1, any
// port), serving CSVs generated from sample facts (sample.ts → csv.ts), with the real one's quirks:
// - refresh tokens rotate: every redemption returns a new refresh token and the used one stops working
//   (stricter than Entra, so a connector that keeps using an old token fails here);
// - access tokens expire after `accessTokenSeconds` (expires_in);
// - report executions answer 404 until the execution completes (`completeAfterMs` after the report);
// - the first execution poll answers 429 with Retry-After: 1, once;
// - downloads are at a "secure link" with a signature in the query (no Authorization header);
// - responses wrapped in { value, totalCount, message, statusCode }.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { PartnerFacts } from '../../shared/domain/facts/types.js';
import { datasetRows, SELECTABLE, toCsv } from './csv.js';
import { insightsSampleFacts } from './sample.js';

export interface InsightsStandInOptions {
  facts?: PartnerFacts;
  tenantId?: string;
  clientId?: string;
  /** The first refresh token (what an operator would put in the setting). */
  refreshToken?: string;
  accessTokenSeconds?: number;
  completeAfterMs?: number;
  port?: number;
}

export interface InsightsStandIn {
  url: string;
  apiUrl: string;
  authorityUrl: string;
  tenantId: string;
  clientId: string;
  /** The setting value pointing at this stand-in, for `partnerId`. */
  connections(partnerId?: string): string;
  /** The refresh token currently valid. */
  currentRefreshToken(): string;
  stats: {
    tokenRedemptions: number;
    rejectedGrants: number;
    queriesCreated: number;
    reportsCreated: number;
    executionPolls: number;
    notYet: number;
    throttled: number;
    downloads: number;
  };
  requests: Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
}

export async function startInsightsStandIn(options: InsightsStandInOptions = {}): Promise<InsightsStandIn> {
  const facts = options.facts ?? insightsSampleFacts();
  const tenantId = options.tenantId ?? 'b7000000-0000-4000-8000-00000000000a';
  const clientId = options.clientId ?? 'c7000000-0000-4000-8000-00000000000c';
  let refreshToken = options.refreshToken ?? 'stand-in-refresh-token-0';
  let generation = 0;
  const accessTokens = new Map<string, number>();
  const queries = new Map<string, { queryId: string; name: string; query: string }>();
  const reports = new Map<string, { reportId: string; queryId: string; createdAt: number; secret: string }>();
  const rows = datasetRows(facts);
  let throttledOnce = false;
  const stats = {
    tokenRedemptions: 0,
    rejectedGrants: 0,
    queriesCreated: 0,
    reportsCreated: 0,
    executionPolls: 0,
    notYet: 0,
    throttled: 0,
    downloads: 0,
  };
  const requests: InsightsStandIn['requests'] = [];
  let base = '';

  const body = (req: http.IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (text += c));
      req.on('end', () => resolve(text));
      req.on('error', reject);
    });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method: req.method ?? '', path: url.pathname, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
    };
    const wrap = (value: unknown[], status = 200) =>
      send(status, { value, nextLink: null, totalCount: value.length, message: '', statusCode: status, dataRedacted: false });
    try {
      // ---- token endpoint
      const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
      if (token && req.method === 'POST') {
        const form = new URLSearchParams(await body(req));
        if (token[1] !== tenantId || form.get('client_id') !== clientId)
          return send(400, { error: 'unauthorized_client', error_description: 'AADSTS700016: Application not found in the directory.' });
        if (form.get('grant_type') !== 'refresh_token' || !form.get('scope')?.includes('https://api.partnercenter.microsoft.com/'))
          return send(400, { error: 'invalid_request', error_description: 'AADSTS900144: bad request' });
        if (form.get('refresh_token') !== refreshToken) {
          stats.rejectedGrants++;
          return send(400, {
            error: 'invalid_grant',
            error_description:
              'AADSTS70000: The provided grant is invalid or expired (the stand-in rotates refresh tokens: use the newest).',
          });
        }
        stats.tokenRedemptions++;
        refreshToken = `stand-in-refresh-token-${++generation}`;
        const access = `stand-in-access-${randomUUID()}`;
        const seconds = options.accessTokenSeconds ?? 3600;
        accessTokens.set(access, Date.now() + seconds * 1000);
        return send(200, {
          token_type: 'Bearer',
          scope: form.get('scope'),
          expires_in: seconds,
          ext_expires_in: seconds,
          access_token: access,
          refresh_token: refreshToken,
        });
      }
      // ---- secure download link
      const download = /^\/downloads\/([^/]+)\.csv$/.exec(url.pathname);
      if (download && req.method === 'GET') {
        const report = reports.get(download[1]!);
        if (!report || url.searchParams.get('sig') !== report.secret) return send(403, { message: 'signature mismatch' });
        const query = [...queries.values()].find((q) => q.queryId === report.queryId)!;
        const m = /^SELECT\s+(.+?)\s+FROM\s+(\w+)/i.exec(query.query)!;
        const columns = m[1]!.split(',').map((s) => s.trim());
        stats.downloads++;
        requests.push({ method: 'GET', path: url.pathname, status: 200 });
        res.writeHead(200, { 'content-type': 'text/csv' }).end(toCsv(columns, rows[m[2]!] ?? []));
        return;
      }
      // ---- Insights API
      const api = /^\/insights\/v1\/mpn(\/.*)$/.exec(url.pathname);
      if (!api) return send(404, { message: 'not found' });
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const expiry = auth === undefined ? undefined : accessTokens.get(auth);
      if (expiry === undefined || expiry < Date.now()) return send(401, { message: 'invalid or expired access token', statusCode: 401 });
      const path = api[1]!;
      if (path === '/ScheduledDataset' && req.method === 'GET') {
        const name = url.searchParams.get('datasetName') ?? '';
        const cols = SELECTABLE[name];
        if (!cols) return wrap([], 404);
        return wrap([
          {
            datasetName: name,
            selectableColumns: cols,
            availableMetrics: [],
            availableDateRanges: ['LAST_MONTH', 'LAST_3_MONTHS', 'LAST_6_MONTHS', 'LAST_1_YEAR', 'LIFETIME'],
            minimumRecurrenceInterval: 4,
          },
        ]);
      }
      if (path === '/ScheduledQueries' && req.method === 'GET') {
        const name = url.searchParams.get('queryName');
        return wrap(
          [...queries.values()]
            .filter((q) => name === null || q.name === name)
            .map((q) => ({ queryId: q.queryId, name: q.name, query: q.query, type: 'userDefined' })),
        );
      }
      if (path === '/ScheduledQueries' && req.method === 'POST') {
        const b = JSON.parse(await body(req)) as { Name: string; Query: string };
        const m = /^SELECT\s+(.+?)\s+FROM\s+(\w+)(\s+TIMESPAN\s+\w+)?\s*$/i.exec(b.Query ?? '');
        if (!m || !SELECTABLE[m[2]!]) return wrap([], 400);
        const unknownCols = m[1]!
          .split(',')
          .map((s) => s.trim())
          .filter((c) => !SELECTABLE[m[2]!]!.some((s) => s.toLowerCase() === c.toLowerCase()));
        if (unknownCols.length > 0)
          return send(400, { value: [], message: `columns not in dataset: ${unknownCols.join(', ')}`, statusCode: 400 });
        const q = { queryId: randomUUID(), name: b.Name, query: b.Query };
        queries.set(q.queryId, q);
        stats.queriesCreated++;
        return wrap([{ queryId: q.queryId, name: q.name, query: q.query, type: 'userDefined' }]);
      }
      if (path === '/ScheduledReport' && req.method === 'POST') {
        const b = JSON.parse(await body(req)) as { QueryId: string; ExecuteNow?: boolean };
        if (!queries.has(b.QueryId)) return send(400, { value: [], message: 'unknown QueryId', statusCode: 400 });
        const r = { reportId: randomUUID(), queryId: b.QueryId, createdAt: Date.now(), secret: randomUUID().replace(/-/g, '') };
        reports.set(r.reportId, r);
        stats.reportsCreated++;
        return wrap([{ reportId: r.reportId, queryId: r.queryId, executeNow: b.ExecuteNow === true }]);
      }
      const exec = /^\/ScheduledReport\/execution\/([^/]+)$/.exec(path);
      if (exec && req.method === 'GET') {
        stats.executionPolls++;
        if (!throttledOnce) {
          throttledOnce = true;
          stats.throttled++;
          return send(429, { message: 'Too many requests', statusCode: 429 }, { 'retry-after': '1' });
        }
        const r = reports.get(exec[1]!);
        if (!r) return send(404, { value: [], message: 'no report', statusCode: 404 });
        if (Date.now() - r.createdAt < (options.completeAfterMs ?? 1500)) {
          stats.notYet++;
          return send(404, { value: [], message: 'No executions found', statusCode: 404 });
        }
        return wrap([
          {
            executionId: `${r.reportId}-1`,
            reportId: r.reportId,
            executionStatus: 'Completed',
            format: 'csv',
            reportAccessSecureLink: `${base}/downloads/${r.reportId}.csv?sv=2020-08-04&sig=${r.secret}`,
            reportExpiryTime: new Date(Date.now() + 86_400_000).toISOString(),
            reportGeneratedTime: new Date(r.createdAt + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          },
        ]);
      }
      return send(404, { message: `no such API ${req.method} ${path}`, statusCode: 404 });
    } catch (err) {
      send(500, { message: err instanceof Error ? err.message : String(err), statusCode: 500 });
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.unref();
  return {
    url: base,
    apiUrl: `${base}/insights/v1/mpn`,
    authorityUrl: base,
    tenantId,
    clientId,
    connections: (partnerId = facts.partnerId) =>
      JSON.stringify([
        {
          partnerId,
          tenantId,
          clientId,
          refreshToken: options.refreshToken ?? 'stand-in-refresh-token-0',
          name: 'Wingtip Insights (stand-in)',
        },
      ]),
    currentRefreshToken: () => refreshToken,
    stats,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
