// The export pull's use case on in-memory ports: order, cursor, reports, dedupe, failures, overlap.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { partnerChangeMessageSchema } from '../../../shared/domain/changes/message.js';
import { type ExportImportOptions, runExportImport } from '../../../shared/ingestion/import-exports.js';
import { importReportId, type ImportReportRecord } from '../../../shared/ingestion/import-reports.js';
import { OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import { memoryKey, MemoryStore } from '../../support/memory-store.js';
import { fixedClock, MemoryExports, MemoryLog, RecordingBus } from './fakes.js';

const samplesDir = path.resolve(import.meta.dirname, '../../../samples/exports');
const sample = (name: string) => readFileSync(path.join(samplesDir, name));

function setup() {
  const store = new MemoryStore();
  const bus = new RecordingBus();
  const exports = new MemoryExports();
  const clock = fixedClock('2026-11-21T08:00:00Z');
  const log = new MemoryLog();
  const run = (options: Partial<ExportImportOptions> = {}) =>
    runExportImport({ store, bus, exports, clock }, { container: 'exports', log, ...options });
  const reports = () => store.collection('operations').ofPartition(OPERATIONS_PK.importReports) as unknown as ImportReportRecord[];
  const cursor = () => store.collection('operations').docs.get(memoryKey('exports', OPERATIONS_PK.blobCursors));
  return { store, bus, exports, clock, log, run, reports, cursor };
}

const assoc = (partner: string, tenant: string) =>
  `partnerId,tenantId,type,from,observedAt\n${partner},${tenant},CSP_T1,2025-01-01,2026-11-20T06:00:00Z\n`;

describe('runExportImport', () => {
  it('imports every sample file in order: messages keyed by content, reports with the known invalid rows, cursor at the end', async () => {
    const t = setup();
    const names = readdirSync(samplesDir).sort();
    names.forEach((name, i) => t.exports.put(name, sample(name), `2026-11-20T06:00:0${i}.000Z`));

    const result = await t.run();

    expect(result.files.map((f) => f.name)).toEqual(names);
    expect(result.stopped).toBeUndefined();
    // Every message went to partner-changes, with its own id as messageId, parseable by the processor.
    expect(t.bus.sent.length).toBeGreaterThan(6);
    for (const { queue, message } of t.bus.sent) {
      expect(queue).toBe(QUEUES.partnerChanges);
      const body = partnerChangeMessageSchema.parse(message.body);
      expect(message.messageId).toBe(body.id);
      expect(message.applicationProperties?.partnerId).toBe(body.partnerId);
    }
    expect(new Set(t.bus.ids()).size).toBe(t.bus.sent.length);

    const reports = t.reports();
    expect(reports).toHaveLength(names.length);
    const tailspin = reports.find((r) => r.file === 'tailspin-partner-tool-export.csv')!;
    expect(tailspin.rejected.map((r) => [r.line, r.column])).toEqual([
      [4, 'From'],
      [5, 'Type'],
      [6, 'Paid Seats'],
    ]);
    expect(tailspin.rejected[2]!.reason).toMatch(/≥ 0.*-5/);
    expect(tailspin.partners).toEqual(['4100006']);
    expect(reports.filter((r) => r.rejectedCount > 0).map((r) => r.file)).toEqual(['tailspin-partner-tool-export.csv']);
    const snapshot = reports.find((r) => r.file === 'people-4100005.snapshot.ndjson')!;
    expect(snapshot.snapshots).toEqual([expect.objectContaining({ partnerId: '4100005', kind: 'person', applied: true })]);

    // The cursor sits on the last file.
    expect(t.cursor()?.doc).toMatchObject({ type: 'blob-cursor', container: 'exports', cursor: { namesAtLastModified: [names.at(-1)] } });
    // Rejected rows are in the log too.
    expect(t.log.text()).toMatch(/tailspin-partner-tool-export\.csv line 6, column "Paid Seats": must be ≥ 0/);
  });

  it('a second run finds nothing: no message, no report touched', async () => {
    const t = setup();
    t.exports.put('associations-a.csv', assoc('1', 't1'), '2026-11-20T06:00:00.000Z');
    await t.run();
    const sent = t.bus.sent.length;
    const before = structuredClone(t.reports());
    const etagBefore = t.cursor()!.etag;

    const again = await t.run();
    expect(again.files).toEqual([]);
    expect(t.bus.sent.length).toBe(sent);
    expect(t.reports()).toEqual(before);
    expect(t.cursor()!.etag).toBe(etagBefore);
  });

  it('a re-dropped file (same content, new ETag and time) sends the same message ids and gets a report of its own', async () => {
    const t = setup();
    const content = assoc('1', 't1') + '2,t2,PAL,2024-05-01,2026-11-20T06:00:00Z\n';
    const first = t.exports.put('associations-a.csv', content, '2026-11-20T06:00:00.000Z');
    await t.run();
    const firstIds = t.bus.ids();
    expect(firstIds).toHaveLength(2); // one message per partner

    const second = t.exports.put('associations-a.csv', content, '2026-11-20T07:00:00.000Z');
    await t.run();
    expect(t.bus.ids().slice(2)).toEqual(firstIds);
    const ids = t
      .reports()
      .map((r) => r.id)
      .sort();
    const origin = (etag: string, lastModified: string) => ({
      kind: 'blob' as const,
      container: 'exports',
      name: 'associations-a.csv',
      etag,
      lastModified,
    });
    expect(ids).toEqual(
      [importReportId(origin(first.etag, first.lastModified)), importReportId(origin(second.etag, second.lastModified))].sort(),
    );
  });

  it('a report id depends on container, blob name and ETag only', () => {
    const a = { kind: 'blob' as const, container: 'exports', name: 'x.csv', etag: '"1"', lastModified: '2026-01-01T00:00:00Z' };
    expect(importReportId(a)).toBe(importReportId({ ...a, lastModified: '2027-01-01T00:00:00Z' }));
    expect(importReportId(a)).not.toBe(importReportId({ ...a, etag: '"2"' }));
    expect(importReportId(a)).not.toBe(importReportId({ ...a, container: 'other' }));
    expect(importReportId(a)).toMatch(/^imp-[0-9a-f]{40}$/);
  });

  it('an unreadable file is recorded with its error and the cursor moves past it; the next file is imported', async () => {
    const t = setup();
    t.exports.put('associations-a.csv', assoc('1', 't1'), '2026-11-20T06:00:00.000Z', { failOpens: 5 });
    t.exports.put('associations-b.csv', assoc('2', 't2'), '2026-11-20T06:00:01.000Z');

    const result = await t.run();
    expect(result.files.map((f) => [f.name, f.error ?? null])).toEqual([
      ['associations-a.csv', 'blob associations-a.csv is not readable'],
      ['associations-b.csv', null],
    ]);
    const failed = t.reports().find((r) => r.file === 'associations-a.csv')!;
    expect(failed.error).toBe('blob associations-a.csv is not readable');
    expect(failed.rejected).toEqual([{ line: 0, column: null, reason: 'file could not be read: blob associations-a.csv is not readable' }]);
    expect(t.cursor()!.doc.cursor).toMatchObject({ namesAtLastModified: ['associations-b.csv'] });
    expect(t.log.text()).toMatch(/error: importExports: associations-a\.csv: .*FAILED/);
    expect(await t.run()).toMatchObject({ files: [] });
  });

  it('retries a read that fails once (e.g. a dropped connection mid-file) and imports the file', async () => {
    const t = setup();
    const rows = Array.from({ length: 200 }, (_, i) => `${i % 3},t${i},CSP_T1,2025-01-01,2026-11-20T06:00:00Z`).join('\n');
    t.exports.put('associations-a.csv', `partnerId,tenantId,type,from,observedAt\n${rows}\n`, '2026-11-20T06:00:00.000Z', {
      failMidStream: 1,
    });
    const result = await t.run({ batchSize: 10 });
    expect(result.files[0]).toMatchObject({ rows: 200, accepted: 200, rejected: 0 });
    expect(result.files[0]!.error).toBeUndefined();
    expect(t.exports.opened).toEqual(['associations-a.csv', 'associations-a.csv']);
    // Messages sent before the failure were sent again with the same ids (dedupe drops them).
    const ids = t.bus.ids();
    expect(new Set(ids).size).toBe(21); // 3 partners × 7 batches
    expect(ids.length).toBeGreaterThan(21);
    expect(result.files[0]!.messages).toBe(21);
  });

  it('a bus failure stops the run without moving the cursor: the next run retries the file', async () => {
    const t = setup();
    t.exports.put('associations-a.csv', assoc('1', 't1'), '2026-11-20T06:00:00.000Z');
    t.bus.failWith = new Error('service bus unavailable');
    await expect(t.run()).rejects.toThrow('service bus unavailable');
    expect(t.cursor()).toBeUndefined();
    expect(t.reports()).toEqual([]);

    t.bus.failWith = undefined;
    expect((await t.run()).files).toHaveLength(1);
    expect(t.bus.sent).toHaveLength(1);
  });

  it('stops when another run moved the cursor meanwhile (ETag), after at most one file', async () => {
    const t = setup();
    t.exports.put('associations-a.csv', assoc('1', 't1'), '2026-11-20T06:00:00.000Z');
    t.exports.put('associations-b.csv', assoc('2', 't2'), '2026-11-20T06:00:01.000Z');
    // While this run reads the first file, another run saves the cursor.
    t.exports.onOpen = async () => {
      t.exports.onOpen = undefined;
      const ops = t.store.collection('operations');
      await ops.upsert({
        id: 'exports',
        pk: OPERATIONS_PK.blobCursors,
        type: 'blob-cursor',
        container: 'exports',
        cursor: { lastModified: '2026-11-20T06:00:00.000Z', namesAtLastModified: ['associations-a.csv'] },
        updatedAt: 'x',
      });
    };
    const result = await t.run();
    expect(result.stopped).toBe('cursor-moved');
    expect(result.files.map((f) => f.name)).toEqual(['associations-a.csv']);
    expect(t.log.text()).toMatch(/another run moved the cursor/);
  });

  it('two runs at once never import a file twice into different results: same ids, one cursor', async () => {
    const t = setup();
    for (let i = 0; i < 4; i++) t.exports.put(`associations-${i}.csv`, assoc(String(i), `t${i}`), `2026-11-20T06:00:0${i}.000Z`);
    const [a, b] = await Promise.all([t.run(), t.run()]);
    const stopped = [a, b].filter((r) => r.stopped === 'cursor-moved');
    expect(stopped.length).toBeGreaterThanOrEqual(1);
    // Whatever was sent twice carries the same id; every file's changes were sent.
    expect(new Set(t.bus.ids()).size).toBe(4);
    // A later run picks up whatever the stopped run left.
    await t.run();
    expect(new Set(t.bus.ids()).size).toBe(4);
    expect(t.reports()).toHaveLength(4);
    expect(t.cursor()!.doc.cursor).toMatchObject({ namesAtLastModified: ['associations-3.csv'] });
  });

  it('logs progress every N rows of a long file', async () => {
    const t = setup();
    const rows = Array.from({ length: 25 }, (_, i) => `1,t${i},CSP_T1,2025-01-01,2026-11-20T06:00:00Z`).join('\n');
    t.exports.put('associations-a.csv', `partnerId,tenantId,type,from,observedAt\n${rows}\n`, '2026-11-20T06:00:00.000Z');
    await t.run({ progressEvery: 10 });
    const progress = t.log.lines.filter((l) => l.text.includes('rows read'));
    expect(progress.map((l) => l.text.match(/(\d+) rows read/)?.[1])).toEqual(['10', '20']);
  });

  it('uses the blob time as observedAt for rows without one, and reads only the given prefix', async () => {
    const t = setup();
    t.exports.put('in/profiles-a.csv', 'partnerId,name\n7,Seven\n', '2026-11-19T10:00:00.000Z');
    t.exports.put('other/profiles-b.csv', 'partnerId,name\n8,Eight\n', '2026-11-19T10:00:00.000Z');
    await t.run({ prefix: 'in/' });
    expect(t.bus.sent).toHaveLength(1);
    const body = partnerChangeMessageSchema.parse(t.bus.sent[0]!.message.body);
    expect(body.changes[0]).toMatchObject({ partnerId: '7', observedAt: '2026-11-19T10:00:00.000Z' });
  });

  it('sends to another queue when told (tests isolate themselves this way)', async () => {
    const t = setup();
    t.exports.put('associations-a.csv', assoc('1', 't1'), '2026-11-20T06:00:00.000Z');
    await t.run({ queue: 'it-changes-1' });
    expect(t.bus.sent.map((s) => s.queue)).toEqual(['it-changes-1']);
  });
});
