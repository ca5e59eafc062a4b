// The export pull against the real stand-ins: the sample files in a fresh Azurite container, the
// importExports handler, messages on a Service Bus queue of this file's own, reports in Cosmos and
// GET /api/imports over HTTP.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HttpServerHandle } from '../../../devtools/host/http.js';
import { partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { importExportsHandler } from '../../../shared/handlers/importExports.js';
import { listImportsHandler } from '../../../shared/handlers/listImports.js';
import { type ImportReportRecord, listImportReports } from '../../../shared/ingestion/import-reports.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { aTimer, type IngestionStack, ingestionStack, invocationContext, serveHttp } from './stack.js';

const samplesDir = path.resolve(import.meta.dirname, '../../../samples/exports');
const sampleNames = readdirSync(samplesDir).sort();

let s: IngestionStack;
let api: HttpServerHandle;
const lines: string[] = [];
let runImport: () => ReturnType<ReturnType<typeof importExportsHandler>>;

beforeAll(async () => {
  s = await ingestionStack('exports');
  const handler = importExportsHandler(
    { store: s.store, exports: s.exports, bus: s.bus, clock: s.clock },
    { EXPORTS_CONTAINER: s.containerName },
    { queue: s.queue },
  );
  runImport = () => handler(aTimer, invocationContext('importExports', lines));
  api = await serveHttp([
    {
      name: 'listImports',
      route: 'imports/{id?}',
      methods: ['GET'],
      handler: listImportsHandler({ store: s.store, repos: s.repos }) as never,
    },
  ]);
});
afterAll(async () => {
  await api?.close();
  await s?.close();
});

const allReports = async () => (await listImportReports(s.repos.importReports, 100)).sort((a, b) => a.id.localeCompare(b.id));

describe('importExports against Azurite, Cosmos and Service Bus', () => {
  let firstIdsByFile: Map<string, string[]>;

  it('imports the samples: messages on the queue, a report per file with the three invalid rows, the cursor at the end', async () => {
    for (const name of sampleNames) await s.upload(name, readFileSync(path.join(samplesDir, name)));
    const sentBefore = s.bus.sentIds.length;
    const result = await runImport();

    expect(result.files.map((f) => f.name).sort()).toEqual(sampleNames);
    const received = await s.drain();
    const ids = received.map((m) => m.messageId);
    expect(ids.sort()).toEqual(s.bus.sentIds.slice(sentBefore).sort());
    expect(received.length).toBe(result.files.reduce((n, f) => n + f.messages, 0));
    for (const m of received) expect(partnerChangeMessageSchema.parse(m.body).id).toBe(m.messageId);
    const partners = new Set(received.map((m) => (m.body as { partnerId: string }).partnerId));
    expect([...partners].sort()).toEqual(['4100001', '4100002', '4100003', '4100004', '4100005', '4100006']);

    firstIdsByFile = new Map();
    for (const m of received) {
      const file = String(m.applicationProperties?.file);
      firstIdsByFile.set(file, [...(firstIdsByFile.get(file) ?? []), String(m.messageId)]);
    }

    const reports = await allReports();
    expect(reports.map((r) => r.file).sort()).toEqual(sampleNames);
    const tailspin = reports.find((r) => r.file === 'tailspin-partner-tool-export.csv')!;
    expect(tailspin.rejected).toEqual([
      { line: 4, column: 'From', reason: expect.any(String) },
      { line: 5, column: 'Type', reason: expect.stringContaining('RESELLER') },
      { line: 6, column: 'Paid Seats', reason: expect.stringMatching(/≥ 0, got -5/) },
    ]);
    expect(reports.reduce((n, r) => n + r.rejectedCount, 0)).toBe(3);
    expect(tailspin.origin).toMatchObject({ kind: 'blob', container: s.containerName, name: 'tailspin-partner-tool-export.csv' });

    const cursor = await s.store
      .collection('operations')
      .read<{ id: string; cursor: { namesAtLastModified: string[] } }>(s.containerName, OPERATIONS_PK.blobCursors);
    expect(cursor!.doc.cursor.namesAtLastModified).toContain(result.files.at(-1)!.name);
    expect(lines.join('\n')).toMatch(/tailspin-partner-tool-export\.csv line 5, column "Type"/);
  });

  it('GET /api/imports lists the reports newest first with the rejected rows; /api/imports/{id} shows one', async () => {
    const res = await fetch(`${api.url}/api/imports?limit=3`);
    expect(res.status).toBe(200);
    const { imports } = (await res.json()) as { imports: ImportReportRecord[] };
    expect(imports).toHaveLength(3);
    const finished = imports.map((r) => r.finishedAt);
    expect([...finished].sort().reverse()).toEqual(finished);
    for (const r of imports) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['id', 'file', 'rows', 'accepted', 'rejected', 'rejectedCount', 'partners', 'origin']),
      );
      expect(Object.keys(r).some((k) => k.startsWith('_'))).toBe(false);
    }

    const all = (await (await fetch(`${api.url}/api/imports`)).json()) as { imports: ImportReportRecord[] };
    const tailspin = all.imports.find((r) => r.file === 'tailspin-partner-tool-export.csv')!;
    const one = await fetch(`${api.url}/api/imports/${tailspin.id}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(tailspin);

    expect((await fetch(`${api.url}/api/imports/imp-nope`)).status).toBe(404);
    const bad = await fetch(`${api.url}/api/imports?limit=0`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/limit/);
  });

  it('a second run imports nothing: no message, reports unchanged', async () => {
    const before = await allReports();
    const sent = s.bus.sentIds.length;
    const result = await runImport();
    expect(result.files).toEqual([]);
    expect(s.bus.sentIds.length).toBe(sent);
    expect(await s.drain(500)).toEqual([]);
    expect(await allReports()).toEqual(before);
  });

  it('re-dropping a file with the same content sends the same message ids, which the broker drops', async () => {
    const name = 'tailspin-partner-tool-export.csv';
    await new Promise((r) => setTimeout(r, 1100)); // blob times have whole seconds: be after the cursor
    await s.upload(name, readFileSync(path.join(samplesDir, name)));
    const sentBefore = s.bus.sentIds.length;
    const result = await runImport();
    expect(result.files.map((f) => f.name)).toEqual([name]);
    expect(s.bus.sentIds.slice(sentBefore).sort()).toEqual([...(firstIdsByFile.get(name) ?? ['?'])].sort());
    expect(await s.drain(500)).toEqual([]);
    // A new drop is a new report (another ETag); the first one stays.
    const reports = (await allReports()).filter((r) => r.file === name);
    expect(reports).toHaveLength(2);
    expect(reports[0]!.rejected).toEqual(reports[1]!.rejected);
  });

  it('an unreadable file is reported and passed; good files after it import', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    await s.upload('notes.txt', 'not an export');
    await s.upload(
      'associations-late.csv',
      'partnerId,tenantId,type,from,observedAt\n4100009,t-9,CSP_T1,2025-01-01,2026-11-20T06:00:00Z\n',
    );
    const result = await runImport();
    expect(result.files.map((f) => [f.name, f.rejected])).toEqual([
      ['associations-late.csv', 0],
      ['notes.txt', 1],
    ]);
    const notes = (await allReports()).find((r) => r.file === 'notes.txt')!;
    expect(notes.rejected[0]).toMatchObject({ line: 0, reason: expect.stringMatching(/unsupported file type/) });
    expect((await s.drain()).map((m) => (m.body as { partnerId: string }).partnerId)).toEqual(['4100009']);
    expect((await runImport()).files).toEqual([]);
  });
});
