// The Partner Center Insights connector against a local HTTP server (127.0.0.1, free port) that
// serves a report with Partner Center-like column names, ETag / If-None-Match like a real file
// host; the pullInsights handler, Cosmos and Service Bus stand-ins behind it. No internet.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { pullInsightsHandler } from '../../../shared/handlers/pullInsights.js';
import { listImportReports } from '../../../shared/ingestion/import-reports.js';
import { INSIGHTS_CURSORS_PK } from '../../../shared/ingestion/insights.js';
import { stackConfig } from '../helpers.js';
import { aTimer, type IngestionStack, ingestionStack, invocationContext } from './stack.js';

const HEADER = 'Partner One ID,Customer Tenant ID,Customer Name,Association Type,Start Date,End Date,Workload,Report Generated (UTC)';
const ROWS = [
  '4200001,aaaa0000-0000-4000-8000-000000000001,"Fourth Coffee, Inc.",CSP_T1,2025-03-01,,,2026-11-20',
  '4200001,aaaa0000-0000-4000-8000-000000000002,Lamna Healthcare,PAL,2025-13-01,,,2026-11-20',
  '4200002,bbbb0000-0000-4000-8000-000000000001,Relecloud,CPOR,2024-07-01,2026-06-30,Teams,2026-11-20',
];

let content = [HEADER, ...ROWS].join('\r\n') + '\r\n';
const requests: Array<{ auth: string | undefined; ifNoneMatch: string | undefined; status: number }> = [];
let server: http.Server;
let base: string;
let s: IngestionStack;
const lines: string[] = [];
let pull: () => ReturnType<ReturnType<typeof pullInsightsHandler>>;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const etag = `"${createHash('sha256').update(content).digest('hex').slice(0, 16)}"`;
    const record = (status: number) =>
      requests.push({ auth: req.headers.authorization, ifNoneMatch: req.headers['if-none-match'], status });
    if (req.headers.authorization !== 'Bearer insights-token') {
      record(401);
      res.writeHead(401).end('who are you');
    } else if (req.url !== '/reports/customer-associations.csv') {
      record(404);
      res.writeHead(404).end('no such report');
    } else if (req.headers['if-none-match'] === etag) {
      record(304);
      res.writeHead(304, { etag }).end();
    } else {
      record(200);
      res.writeHead(200, { 'content-type': 'text/csv', etag, 'last-modified': 'Fri, 20 Nov 2026 05:00:00 GMT' });
      // Written in two chunks so the body really streams.
      const half = Math.floor(content.length / 2);
      res.write(content.slice(0, half));
      setTimeout(() => res.end(content.slice(half)), 20);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  s = await ingestionStack('insights');
  // Through the real setting, as an operator would write it.
  const settings = stackConfig({
    INSIGHTS_REPORTS: JSON.stringify([
      {
        name: 'Customer associations',
        url: `${base}/reports/customer-associations.csv`,
        kind: 'association',
        columnMap: {
          'Partner One ID': 'partnerId',
          'Customer Tenant ID': 'tenantId',
          'Association Type': 'type',
          'Start Date': 'from',
          'End Date': 'to',
        },
        headers: { Authorization: 'Bearer insights-token' },
      },
      { name: 'Missing report', url: `${base}/reports/missing.csv`, kind: 'usage', headers: { Authorization: 'Bearer insights-token' } },
    ]),
  });
  const handler = pullInsightsHandler({ store: s.store, bus: s.bus, clock: s.clock }, settings, { queue: s.queue });
  pull = () => handler(aTimer, invocationContext('pullInsights', lines));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await s?.close();
});

describe('pullInsights against a local report server', () => {
  it('downloads the report, maps the columns and imports it like an export file; a missing report is a failure', async () => {
    const outcomes = await pull();
    expect(outcomes).toEqual([
      expect.objectContaining({ report: 'Customer associations', status: 'imported', rows: 3, accepted: 2, rejected: 1, messages: 2 }),
      { report: 'Missing report', status: 'failed', error: 'HTTP 404 Not Found' },
    ]);
    expect(requests.every((r) => r.auth === 'Bearer insights-token')).toBe(true);

    const received = await s.drain(1500, 2);
    const bodies = received.map((m) => partnerChangeMessageSchema.parse(m.body));
    expect(bodies.map((b) => b.partnerId).sort()).toEqual(['4200001', '4200002']);
    const cpor = bodies.find((b) => b.partnerId === '4200002')!.changes[0];
    expect(cpor).toMatchObject({
      fact: 'association',
      type: 'CPOR',
      workload: 'Teams',
      from: '2024-07-01',
      to: '2026-06-30',
      observedAt: '2026-11-20T05:00:00.000Z',
    });

    const [report] = (await listImportReports(s.repos.importReports, 10)).filter((r) => r.origin.kind === 'insights');
    expect(report!.rejected).toEqual([{ line: 3, column: 'Start Date', reason: expect.any(String) }]);
    expect(lines.join('\n')).toMatch(/line 3, column "Start Date"/);
    expect(lines.join('\n')).toMatch(/Missing report: download failed/);

    const cursor = await s.store
      .collection('operations')
      .read<{ id: string; etag: string; reportId: string }>('customer-associations', INSIGHTS_CURSORS_PK);
    expect(cursor!.doc).toMatchObject({ reportId: report!.id, etag: expect.stringMatching(/^"/) });
  });

  it('asks again with If-None-Match: an unchanged report is a 304, nothing imported', async () => {
    requests.length = 0;
    const [outcome] = await pull();
    expect(outcome).toEqual({ report: 'Customer associations', status: 'unchanged', how: 'not-modified' });
    expect(requests[0]).toMatchObject({ status: 304, ifNoneMatch: expect.stringMatching(/^"/) });
    expect(await s.drain(500)).toEqual([]);
  });

  it('a changed report is imported again; unchanged partners keep their message ids (dropped by the broker)', async () => {
    content += '4200003,cccc0000-0000-4000-8000-000000000001,Contoso,CSP_T2,2025-01-01,,,2026-11-21\r\n';
    const [outcome] = await pull();
    expect(outcome).toMatchObject({ status: 'imported', messages: 3 });
    const received = await s.drain(1000);
    expect(received.map((m) => (m.body as { partnerId: string }).partnerId)).toEqual(['4200003']);
    expect((await listImportReports(s.repos.importReports, 10)).filter((r) => r.origin.kind === 'insights')).toHaveLength(2);
  });
});
