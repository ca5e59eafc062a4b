// The Insights connector on in-memory ports and a fake fetch: the setting, change detection
// (304, same content), column mapping through the shared importer, and failed downloads.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../../shared/config/config.js';
import { type InsightsReport, parseInsightsReportsSetting } from '../../../shared/config/insights-reports.js';
import { partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { type ImportReportRecord } from '../../../shared/ingestion/import-reports.js';
import { INSIGHTS_CURSORS_PK, insightsFileName, pullInsightsReports } from '../../../shared/ingestion/insights.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { MemoryStore } from '../../support/memory-store.js';
import { fixedClock, MemoryLog, RecordingBus } from './fakes.js';

const CSV = [
  'Partner One ID,Customer Tenant ID,Customer Name,Association Type,Start Date,End Date,Report Generated',
  '4100007,aaaa-0001,"Fourth Coffee, Inc.",CSP_T1,2025-03-01,,2026-11-20',
  '4100007,aaaa-0002,Lamna,PAL,2025-13-01,,2026-11-20',
  '4100008,bbbb-0001,Relecloud,DPOR,2024-07-01,2026-06-30,2026-11-20',
].join('\r\n');

const REPORT: InsightsReport = {
  name: 'Customer associations',
  url: 'http://insights.test/reports/associations.csv',
  kind: 'association',
  columnMap: {
    'Partner One ID': 'partnerId',
    'Customer Tenant ID': 'tenantId',
    'Association Type': 'type',
    'Start Date': 'from',
    'End Date': 'to',
  },
  headers: { authorization: 'Bearer t0ken' },
};

describe('INSIGHTS_REPORTS setting', () => {
  it('reads a JSON array, or a file holding one; empty means none', () => {
    expect(parseInsightsReportsSetting('')).toEqual([]);
    const json = JSON.stringify([REPORT]);
    expect(parseInsightsReportsSetting(json)).toEqual([REPORT]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dt-insights-setting-'));
    const file = path.join(dir, 'reports.json');
    writeFileSync(file, json);
    expect(parseInsightsReportsSetting(file)).toEqual([REPORT]);
    expect(loadConfig({ INSIGHTS_REPORTS: file }).INSIGHTS_REPORTS).toEqual([REPORT]);
    expect(loadConfig({}).INSIGHTS_REPORTS).toEqual([]);
    expect(parseInsightsReportsSetting(JSON.stringify([{ ...REPORT, columnMap: undefined }]))[0]!.columnMap).toEqual({});
  });

  it('names what is wrong, without echoing the value (headers may hold tokens)', () => {
    const bad = JSON.stringify([{ ...REPORT, kind: 'orders', url: 'ftp://x' }, REPORT, REPORT]);
    expect(() => parseInsightsReportsSetting(bad)).toThrow(
      /\[0\]\.url: must be an http\(s\) URL.*\[0\]\.kind: must be one of association, usage/,
    );
    expect(() => parseInsightsReportsSetting(JSON.stringify([REPORT, REPORT]))).toThrow(/\[1\]\.name: same name as report 0/);
    expect(() => parseInsightsReportsSetting('/no/such/file.json')).toThrow(/no readable file/);
    try {
      loadConfig({ INSIGHTS_REPORTS: JSON.stringify([{ ...REPORT, kind: 'x' }]) });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/INSIGHTS_REPORTS: must be a JSON array of Insights reports.*\[0\]\.kind/);
      expect((err as Error).message).not.toContain('t0ken');
    }
  });

  it('gives the importer a file name whose first word is the kind', () => {
    expect(insightsFileName(REPORT)).toBe('insights/association.customer-associations.report.csv');
    expect(insightsFileName({ ...REPORT, kind: 'usage', url: 'https://x/a.ndjson' })).toBe(
      'insights/usage.customer-associations.report.ndjson',
    );
  });
});

interface Served {
  status?: number;
  body?: string;
  etag?: string;
  lastModified?: string;
}

function setup(serve: (req: Request) => Served) {
  const store = new MemoryStore();
  const bus = new RecordingBus();
  const clock = fixedClock('2026-11-21T08:00:00Z');
  const log = new MemoryLog();
  const requests: Request[] = [];
  const fakeFetch = (async (url: string, init: RequestInit) => {
    const req = new Request(url, init);
    requests.push(req);
    const s = serve(req);
    const headers = new Headers();
    if (s.etag) headers.set('etag', s.etag);
    if (s.lastModified) headers.set('last-modified', s.lastModified);
    return new Response(s.status === 304 ? null : (s.body ?? ''), { status: s.status ?? 200, headers });
  }) as unknown as typeof fetch;
  const pull = (reports: InsightsReport[] = [REPORT]) => pullInsightsReports({ store, bus, clock, fetch: fakeFetch }, { reports, log });
  const cursor = () => store.collection('operations').ofPartition(INSIGHTS_CURSORS_PK)[0];
  const reports = () => store.collection('operations').ofPartition(OPERATIONS_PK.importReports) as unknown as ImportReportRecord[];
  return { store, bus, clock, log, requests, pull, cursor, reports };
}

describe('pullInsightsReports', () => {
  it('maps the columns, imports through the shared importer and reports the bad row', async () => {
    const t = setup(() => ({ body: CSV, etag: '"r1"', lastModified: 'Fri, 20 Nov 2026 05:00:00 GMT' }));
    const [outcome] = await t.pull();
    expect(outcome).toMatchObject({ report: 'Customer associations', status: 'imported', rows: 3, accepted: 2, rejected: 1, messages: 2 });
    expect(t.requests[0]!.headers.get('authorization')).toBe('Bearer t0ken');

    const bodies = t.bus.sent.map((s) => partnerChangeMessageSchema.parse(s.message.body));
    expect(bodies.map((b) => b.partnerId)).toEqual(['4100007', '4100008']);
    expect(bodies[1]!.changes[0]).toMatchObject({
      fact: 'association',
      tenantId: 'bbbb-0001',
      type: 'DPOR',
      from: '2024-07-01',
      to: '2026-06-30',
      // No observedAt column: the report's Last-Modified time.
      observedAt: '2026-11-20T05:00:00.000Z',
    });
    const [report] = t.reports();
    expect(report).toMatchObject({
      file: 'insights/association.customer-associations.report.csv',
      etag: '"r1"',
      origin: { kind: 'insights', report: 'Customer associations' },
    });
    expect(report!.rejected).toEqual([{ line: 3, column: 'Start Date', reason: expect.any(String) }]);
    expect(t.cursor()).toMatchObject({ etag: '"r1"', lastModified: 'Fri, 20 Nov 2026 05:00:00 GMT', reportId: report!.id });
  });

  it('asks with If-None-Match / If-Modified-Since and skips a 304', async () => {
    let calls = 0;
    const t = setup((req) =>
      ++calls > 1 && req.headers.get('if-none-match') === '"r1"'
        ? { status: 304 }
        : { body: CSV, etag: '"r1"', lastModified: 'Fri, 20 Nov 2026 05:00:00 GMT' },
    );
    await t.pull();
    const [second] = await t.pull();
    expect(second).toEqual({ report: 'Customer associations', status: 'unchanged', how: 'not-modified' });
    expect(t.requests[1]!.headers.get('if-modified-since')).toBe('Fri, 20 Nov 2026 05:00:00 GMT');
    expect(t.bus.sent).toHaveLength(2);
    expect(t.reports()).toHaveLength(1);
  });

  it('without validators, downloads but does not import the same content again; new content is imported', async () => {
    let body = CSV;
    const t = setup(() => ({ body }));
    await t.pull();
    expect(await t.pull()).toEqual([{ report: 'Customer associations', status: 'unchanged', how: 'same-content' }]);
    expect(t.bus.sent).toHaveLength(2);
    expect(t.reports()).toHaveLength(1);

    body = CSV + '\r\n4100009,cccc-0001,Contoso,CSP_T2,2025-01-01,,2026-11-20';
    const [third] = await t.pull();
    expect(third).toMatchObject({ status: 'imported', messages: 3 });
    // Unchanged partners' messages have the same ids as before (dedupe drops them).
    const ids = t.bus.ids();
    expect(new Set(ids).size).toBe(3);
    expect(t.reports()).toHaveLength(2);
  });

  it('a failed download is logged, noted on the cursor, and retried next time', async () => {
    let status = 503;
    const t = setup(() => ({ status, body: 'busy' }));
    expect(await t.pull()).toEqual([{ report: 'Customer associations', status: 'failed', error: 'HTTP 503' }]);
    expect(t.cursor()).toMatchObject({ lastError: 'HTTP 503' });
    expect(t.log.text()).toMatch(/error: pullInsights: Customer associations: download failed/);
    status = 200;
    const t2 = setup(() => ({ status, body: CSV }));
    expect((await t2.pull())[0]!.status).toBe('imported');
  });

  it('a network error is a failed download, and the other reports still run', async () => {
    const t = setup((req) => {
      if (req.url.includes('broken')) throw new Error('ECONNREFUSED');
      return { body: CSV };
    });
    const outcomes = await t.pull([{ ...REPORT, name: 'broken', url: 'http://broken.test/a.csv' }, REPORT]);
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'imported']);
  });
});
