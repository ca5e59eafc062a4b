import { describe, expect, it } from 'vitest';

import type { PartnerChangeMessage } from '../../../shared/domain/changes/message.js';
import { groupByPartner } from '../../../shared/imports/group.js';
import { importExport } from '../../../shared/imports/import-file.js';
import { parseExportStream } from '../../../shared/imports/parse.js';
import { type ImportProgress, ImportReportBuilder } from '../../../shared/imports/report.js';

const defaultObservedAt = '2026-11-20T08:00:00Z';

function peopleCsv(rows: Array<[partner: string, person: string]>, extra = ''): string {
  return ['partnerId,personId,linkedFrom', ...rows.map(([p, id]) => `${p},${id},2025-01-01`)].join('\n') + extra;
}

async function run(csv: string, fileName: string, options: Parameters<typeof groupByPartner>[1] = {}) {
  const messages: PartnerChangeMessage[] = [];
  for await (const m of groupByPartner(parseExportStream([csv], { fileName, defaultObservedAt }), { file: fileName, ...options }))
    messages.push(m);
  return messages;
}

describe('groupByPartner', () => {
  it('batches per partner with a bounded batch size, in a deterministic order', async () => {
    const rows: Array<[string, string]> = [];
    for (let i = 0; i < 7; i++) rows.push(['P1', `a${i}`], ['P2', `b${i}`]);
    const messages = await run(peopleCsv(rows), 'people.csv', { batchSize: 3 });
    expect(messages.map((m) => [m.partnerId, m.changes.length, m.source.line])).toEqual([
      ['P1', 3, 2],
      ['P2', 3, 3],
      ['P1', 3, 8],
      ['P2', 3, 9],
      ['P1', 1, 14],
      ['P2', 1, 15],
    ]);
    for (const m of messages) expect(new Set(m.changes.map((c) => c.partnerId))).toEqual(new Set([m.partnerId]));
  });

  it('sends the fullest buffer early when too many changes are held across partners', async () => {
    const rows: Array<[string, string]> = [];
    for (let i = 0; i < 4; i++) for (const p of ['P1', 'P2', 'P3']) rows.push([p, `x${i}`]);
    const messages = await run(peopleCsv(rows), 'people.csv', { batchSize: 100, maxBufferedChanges: 5 });
    expect(messages.reduce((n, m) => n + m.changes.length, 0)).toBe(12);
    expect(messages[0]).toMatchObject({ partnerId: 'P1' });
    expect(messages.length).toBeGreaterThan(3);
  });

  it('re-dropping the same file gives the same message ids', async () => {
    const csv = peopleCsv([
      ['P1', 'a'],
      ['P2', 'b'],
      ['P1', 'c'],
    ]);
    const first = await run(csv, 'people.csv');
    const second = await run(csv, 'people-copy.csv');
    expect(second.map((m) => m.id)).toEqual(first.map((m) => m.id));
    const later = await collectIds(csv, '2026-11-21T00:00:00Z');
    expect(later).not.toEqual(first.map((m) => m.id)); // a newer blob is a newer observation
  });

  it('sends a snapshot marker after the partner’s rows, only when no row was rejected', async () => {
    const good = await run(
      peopleCsv([
        ['P1', 'a'],
        ['P1', 'b'],
      ]),
      'people-P1.snapshot.csv',
    );
    expect(good.map((m) => [m.changes.length, m.snapshot])).toEqual([
      [2, undefined],
      [0, { kind: 'person', observedAt: '2026-11-20T08:00:00.000Z', rows: 2 }],
    ]);
    const report = new ImportReportBuilder('people-P1.snapshot.csv', null, defaultObservedAt);
    const bad = await run(peopleCsv([['P1', 'a']], '\nP1,b,2025-02-30\n'), 'people-P1.snapshot.csv', { report });
    expect(bad.some((m) => m.snapshot)).toBe(false);
    expect(report.finish(defaultObservedAt).snapshots).toEqual([
      expect.objectContaining({ partnerId: 'P1', applied: false, reason: expect.stringMatching(/rejected rows/) }),
    ]);
  });

  it('reports progress every N rows', async () => {
    const progress: ImportProgress[] = [];
    const rows: Array<[string, string]> = Array.from({ length: 10 }, (_, i) => ['P1', `p${i}`]);
    await run(peopleCsv(rows), 'people.csv', { progressEvery: 4, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.rows)).toEqual([4, 8]);
  });
});

async function collectIds(csv: string, observedAt: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const m of groupByPartner(parseExportStream([csv], { fileName: 'people.csv', defaultObservedAt: observedAt }))) ids.push(m.id);
  return ids;
}

describe('importExport', () => {
  it('sends every message and returns the import report with bounded rejected rows', async () => {
    const lines = ['partnerId,personId,linkedFrom', 'P1,a,2025-01-01', 'P2,b,2025-01-01'];
    for (let i = 0; i < 5; i++) lines.push(`P1,x${i},not-a-date`);
    const sent: PartnerChangeMessage[] = [];
    let tick = 0;
    const report = await importExport([lines.join('\n')], {
      fileName: 'people-2026-11.csv',
      etag: '"0x1"',
      defaultObservedAt,
      send: async (m) => {
        sent.push(m);
      },
      now: () => new Date(Date.UTC(2026, 10, 21, 0, 0, tick++)),
      maxRejectedInReport: 3,
    });
    expect(sent.map((m) => m.partnerId)).toEqual(['P1', 'P2']);
    expect(report).toEqual({
      file: 'people-2026-11.csv',
      etag: '"0x1"',
      startedAt: '2026-11-21T00:00:00.000Z',
      finishedAt: '2026-11-21T00:00:01.000Z',
      rows: 7,
      accepted: 2,
      rejected: [
        { line: 4, column: 'linkedFrom', reason: 'not a real date "not-a-date" (expected YYYY-MM-DD)' },
        { line: 5, column: 'linkedFrom', reason: 'not a real date "not-a-date" (expected YYYY-MM-DD)' },
        { line: 6, column: 'linkedFrom', reason: 'not a real date "not-a-date" (expected YYYY-MM-DD)' },
      ],
      rejectedCount: 5,
      partners: ['P1', 'P2'],
      messages: 2,
      snapshots: [],
    });
    expect(sent[0]?.source).toEqual({ file: 'people-2026-11.csv', etag: '"0x1"', line: 2 });
  });
});
