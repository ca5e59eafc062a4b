import { Readable } from 'node:stream';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { mapColumns } from '../../../shared/imports/columns.js';
import { describeExportFile } from '../../../shared/imports/file-name.js';
import { changesOf, chunksOf, collect, errorsOf } from './helpers.js';

const defaultObservedAt = '2026-11-20T08:00:00Z';

describe('parseExportStream: CSV from other tools', () => {
  it('takes columns in any order, any case, with spaces/underscores; ignores extra columns', async () => {
    const csv = [
      'Month,Extra Column,ACR_USD,service,TENANT ID,partner id,Kind,association,offer',
      '2026-10,whatever,1234.5,Azure Kubernetes Service,t1,P1,azure,PAL,',
      '2026-09,,"1,5",Key Vault,t1,P1,azure,PAL,trial',
    ].join('\n');
    const items = await collect([csv], { fileName: 'usage-2026-10.csv', defaultObservedAt });
    expect(changesOf(items)).toEqual([
      {
        line: 2,
        fact: 'usage',
        partnerId: 'P1',
        tenantId: 't1',
        kind: 'azure',
        month: '2026-10',
        service: 'Azure Kubernetes Service',
        offer: 'standard',
        association: 'PAL',
        cporActivity: null,
        acrUsd: 1234.5,
        observedAt: '2026-11-20T08:00:00.000Z',
        deleted: false,
      },
    ]);
    expect(errorsOf(items)).toEqual([{ line: 3, column: 'ACR_USD', error: 'not a number: "1,5"' }]);
  });

  it('handles a BOM, CRLF, quoted commas and quotes, and blank lines', async () => {
    const csv = '\uFEFFpartnerId,personId,name,earned,expires\r\n\r\nP1,"p,1","Teams ""Administrator"" Associate",2025-01-01,\r\n\r\n';
    const items = await collect([Buffer.from(csv, 'utf8')], { fileName: 'certifications-1.csv', defaultObservedAt });
    expect(changesOf(items)).toEqual([
      expect.objectContaining({ line: 3, fact: 'certification', personId: 'p,1', name: 'Teams "Administrator" Associate', expires: null }),
    ]);
    expect(errorsOf(items)).toEqual([]);
  });

  it('gives the same items whatever the chunk boundaries: mid-row, mid-quote, mid-CRLF, mid-UTF-8 character (property)', async () => {
    const csv =
      '\uFEFFfact,partnerId,tenantId,type,workload,from,to,cporActivity,segment,observedAt\r\n' +
      'association,P1,tënant-ü,CPOR,"Teams",2026-01-01,,use-consume,smb,2026-11-01T00:00:00Z\r\n' +
      'association,P1,"t,2",PAL,,2025-01-01,2026-12-31,,,2026-11-01T00:00:00Z\r\n' +
      'association,P2,t3,NOPE,,2025-01-01,,,,2026-11-01T00:00:00Z\r\n' +
      'customer,P2,"日本",,,,,,enterprise,2026-11-01T00:00:00Z\r\n';
    const bytes = Buffer.from(csv, 'utf8');
    const whole = await collect([bytes], { fileName: 'mixed.csv' });
    expect(changesOf(whole).map((c) => c.line)).toEqual([2, 3, 5]);
    expect(errorsOf(whole)).toEqual([{ line: 4, column: 'type', error: expect.stringMatching(/unknown value "NOPE"/) }]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 15 }), async (cuts) => {
        expect(await collect(chunksOf(bytes, cuts), { fileName: 'mixed.csv' })).toEqual(whole);
      }),
      { numRuns: 150 },
    );
    // One byte at a time, through a Node Readable.
    expect(await collect(Readable.from([...bytes].map((b) => Buffer.from([b]))), { fileName: 'mixed.csv' })).toEqual(whole);
  });

  it('reports a bad row with line, column and reason and goes on', async () => {
    const csv = [
      'partnerId,tenantId,kind,month,workload,association,paidSeats,activeUsers',
      'P1,t1,m365,2026-10,Teams,CPOR,400,350',
      'P1,t1,m365,2026-10,Exchange Online,CPOR,-4,3',
      'P1,t1,m365,2026-13,Teams,CPOR,4,3',
      'P1,t1,m365,2026-09,Teams,CPOR,4,3.5',
      ',t1,m365,2026-09,Teams,CPOR,4,3',
      'P1,t1,m365,2026-08,Teams,CPOR,10,3',
    ].join('\r\n');
    const items = await collect([csv], { fileName: 'x/usage/m365.csv', defaultObservedAt });
    expect(changesOf(items).map((c) => c.line)).toEqual([2, 7]);
    expect(errorsOf(items)).toEqual([
      { line: 3, column: 'paidSeats', error: 'must be ≥ 0, got -4' },
      { line: 4, column: 'month', error: 'not a real month "2026-13" (expected YYYY-MM)' },
      { line: 5, column: 'activeUsers', error: 'expected a whole number, got 3.5' },
      { line: 6, column: 'partnerId', error: 'required partnerId is missing' },
    ]);
    const first = items.find((i) => 'error' in i);
    expect(first).toMatchObject({ file: 'x/usage/m365.csv' });
  });

  it('needs an observedAt from the row or the file', async () => {
    const csv = 'partnerId,personId,linkedFrom,observedAt\nP1,a,2025-01-01,\nP1,b,2025-01-01,2026-11-01T00:00:00+02:00\n';
    const items = await collect([csv], { fileName: 'people.csv' });
    expect(errorsOf(items)).toEqual([{ line: 2, column: 'observedAt', error: expect.stringMatching(/observedAt is missing/) }]);
    expect(changesOf(items)).toEqual([expect.objectContaining({ personId: 'b', observedAt: '2026-10-31T22:00:00.000Z' })]);
  });

  it('writes deletions with a deleted column', async () => {
    const csv =
      'partnerId,tenantId,type,from,deleted\nP1,t1,PAL,2025-01-01,true\nP1,t1,PAL,2025-02-01,1\nP1,t1,PAL,2025-03-01,\nP1,t1,PAL,2025-04-01,maybe\n';
    const items = await collect([csv], { fileName: 'associations.csv', defaultObservedAt });
    expect(changesOf(items).map((c) => c.deleted)).toEqual([true, true, false]);
    expect(errorsOf(items)).toEqual([{ line: 5, column: 'deleted', error: expect.stringMatching(/yes\/no/) }]);
  });

  it('reads profiles with flat enrollment columns: an empty anniversary means not enrolled', async () => {
    const csv = [
      'partnerId,name,contacts,preferredLanguage,anniversary,areas,azureTrack',
      'P1,Contoso,ops@contoso.example;ceo@contoso.example,en,2026-12-10,modernWork;security,',
      'P2,Fabrikam,,,,,',
      'P3,Litware,,,,dataAi,',
    ].join('\n');
    const items = await collect([csv], { fileName: 'profiles.csv', defaultObservedAt });
    const changes = changesOf(items);
    expect(changes[0]).toMatchObject({
      fact: 'profile',
      name: 'Contoso',
      contacts: ['ceo@contoso.example', 'ops@contoso.example'],
      enrollment: { anniversary: '2026-12-10', areas: ['modernWork', 'security'], azureTrack: null },
    });
    expect(changes[1]).toMatchObject({ partnerId: 'P2', enrollment: null });
    expect(changes[1]).not.toHaveProperty('contacts');
    expect(errorsOf(items)).toEqual([{ line: 4, column: 'anniversary', error: expect.stringMatching(/areas are given/) }]);
  });

  it('§3.4: the anniversary is the next one; a past one (its 30-day renewal window over when observed) is a rejected row', async () => {
    const csv = [
      'partnerId,anniversary,areas,observedAt',
      'P1,2026-10-03,modernWork,2026-11-01', // renewal window 2026-10-03 … 2026-11-01: still Renewal due
      'P2,2026-10-02,modernWork,2026-11-01', // window ended 2026-10-31
      'P3,2025-11-01,security,2026-11-01',
    ].join('\n');
    const items = await collect([csv], { fileName: 'profiles.csv', defaultObservedAt });
    expect(changesOf(items).map((c) => c.partnerId)).toEqual(['P1']);
    expect(errorsOf(items)).toEqual([
      {
        line: 3,
        column: 'anniversary',
        error: expect.stringMatching(/"2026-10-02" is past: its 30-day renewal window ended 2026-10-31.*next anniversary/),
      },
      { line: 4, column: 'anniversary', error: expect.stringMatching(/is past/) },
    ]);
  });

  it('stops at a header with none of our columns instead of failing every row', async () => {
    const items = await collect(['foo,bar\n1,2\n3,4\n'], { fileName: 'usage.csv', defaultObservedAt });
    expect(errorsOf(items)).toEqual([{ line: 1, column: undefined, error: expect.stringMatching(/no known columns/) }]);
  });

  it('rejects a file type it does not read', async () => {
    expect(errorsOf(await collect(['x'], { fileName: 'usage.xlsx' }))).toEqual([
      { line: 0, column: undefined, error: expect.stringMatching(/unsupported file type/) },
    ]);
  });
});

describe('parseExportStream: NDJSON', () => {
  it('reads one change per line, CRLF or LF, blank lines skipped, keys tolerant, bad lines reported', async () => {
    const nd = [
      '{"fact":"usage","partnerId":"P1","tenantId":"t1","kind":"bizapps","month":"2026-10","workload":"Business Central","revenueUsd":"1600","activeUsers":10,"association":"CPOR","cporActivity":"osu"}',
      '',
      '{"Partner ID":"P1","personId":"a","linkedFrom":"2025-01-01","linkedTo":null}',
      '[1,2]',
      '{"fact":"profile","partnerId":"P1","enrollment":{"anniversary":"2026-12-10","areas":["modernWork"]}}',
      '{"fact":"profile","partnerId":"P1","enrollment":null',
    ].join('\r\n');
    const bytes = Buffer.from(nd);
    const items = await collect(chunksOf(bytes, [5, 100, 101, 250]), { fileName: 'push/people-and-more.ndjson', defaultObservedAt });
    expect(changesOf(items).map((c) => [c.line, c.fact])).toEqual([
      [1, 'usage'],
      [3, 'person'],
      [5, 'profile'],
    ]);
    expect(changesOf(items)[0]).toMatchObject({ revenueUsd: 1600 });
    expect(errorsOf(items)).toEqual([
      { line: 4, column: undefined, error: 'expected a JSON object on each line' },
      { line: 6, column: undefined, error: expect.stringMatching(/^not JSON/) },
    ]);
  });
});

describe('snapshots', () => {
  it('NDJSON: a first-line declaration, rows take its observedAt, other partners/kinds rejected, marker last', async () => {
    const nd = [
      '{"snapshot":{"partnerId":"P1","kind":"association","observedAt":"2026-11-20T00:00:00Z"}}',
      '{"partnerId":"P1","tenantId":"t1","type":"PAL","from":"2025-01-01","observedAt":"2020-01-01T00:00:00Z"}',
      '{"partnerId":"P2","tenantId":"t1","type":"PAL","from":"2025-01-01"}',
      '{"fact":"person","partnerId":"P1","personId":"a","linkedFrom":"2025-01-01"}',
    ].join('\n');
    const items = await collect([nd], { fileName: 'associations-p1.ndjson' });
    expect(changesOf(items)).toEqual([expect.objectContaining({ line: 2, observedAt: '2026-11-20T00:00:00.000Z' })]);
    expect(errorsOf(items)).toEqual([
      { line: 3, column: 'partnerId', error: expect.stringMatching(/one partner/) },
      { line: 4, column: 'fact', error: expect.stringMatching(/association snapshot file cannot hold a person row/) },
    ]);
    expect(items.at(-1)).toEqual({ line: 0, snapshot: { partnerId: 'P1', kind: 'association', observedAt: '2026-11-20T00:00:00.000Z' } });
  });

  it('NDJSON: an empty snapshot (declaration only) ends everything of the kind', async () => {
    const items = await collect(['{"snapshot":{"partnerId":"P1","kind":"person"}}\n'], { fileName: 'x.ndjson', defaultObservedAt });
    expect(items).toEqual([{ line: 0, snapshot: { partnerId: 'P1', kind: 'person', observedAt: '2026-11-20T08:00:00.000Z' } }]);
  });

  it('CSV: *.snapshot.csv of a kind, partner from the rows, observedAt from the file', async () => {
    const csv = 'partnerId,personId,linkedFrom\nP1,a,2025-01-01\n';
    const items = await collect([csv], { fileName: 'people-P1.snapshot.csv', defaultObservedAt });
    expect(items.at(-1)).toEqual({ line: 0, snapshot: { partnerId: 'P1', kind: 'person', observedAt: '2026-11-20T08:00:00.000Z' } });
    const noKind = await collect([csv], { fileName: 'stuff.snapshot.csv', defaultObservedAt });
    expect(errorsOf(noKind)[0]?.error).toMatch(/snapshot file must be of one of/);
    expect(noKind.some((i) => 'snapshot' in i)).toBe(false);
  });
});

describe('file names and column maps', () => {
  it('reads format, kind and snapshot from the name or folder', () => {
    expect(describeExportFile('exports/associations-2026-11.csv')).toEqual({
      ok: true,
      format: 'csv',
      kind: 'association',
      snapshot: false,
    });
    expect(describeExportFile('exports/people_P1.snapshot.ndjson')).toEqual({ ok: true, format: 'ndjson', kind: 'person', snapshot: true });
    expect(describeExportFile('usage/2026-10/azure.CSV')).toEqual({ ok: true, format: 'csv', kind: 'usage', snapshot: false });
    expect(describeExportFile('profiles.jsonl')).toEqual({ ok: true, format: 'ndjson', kind: 'profile', snapshot: false });
    expect(describeExportFile('misc/data.csv')).toEqual({ ok: true, format: 'csv', snapshot: false });
  });

  it('mapColumns renames their columns to ours, tolerant of case and spacing, others untouched', () => {
    expect(mapColumns(['Customer Tenant ID', 'MPN_ID', 'Month'], { customerTenantId: 'tenantId', 'mpn id': 'partnerId' })).toEqual([
      'tenantId',
      'partnerId',
      'Month',
    ]);
  });

  it('applies a column map (Partner Center Insights) before validation, CSV and NDJSON', async () => {
    const map = {
      'Customer Tenant Id': 'tenantId',
      'Partner One Id': 'partnerId',
      'Usage Date': 'month',
      'Service Name': 'service',
      'ACR (USD)': 'acrUsd',
      'Association Type': 'association',
    };
    const csv =
      'Partner One Id,Customer Tenant Id,Usage Date,Service Name,ACR (USD),Association Type,kind,Unmapped\nP9,t9,2026-10,Key Vault,99.95,PAL,azure,zzz\n';
    const items = await collect([csv], { fileName: 'insights/report.csv', defaultObservedAt, columnMap: map });
    expect(changesOf(items)).toEqual([expect.objectContaining({ partnerId: 'P9', tenantId: 't9', service: 'Key Vault', acrUsd: 99.95 })]);
    const bad = await collect(
      ['Partner One Id,Customer Tenant Id,Usage Date,Service Name,ACR (USD),Association Type,kind\nP9,t9,2026-10,Key Vault,x,PAL,azure\n'],
      {
        fileName: 'insights/report.csv',
        defaultObservedAt,
        columnMap: map,
      },
    );
    expect(errorsOf(bad)).toEqual([{ line: 2, column: 'ACR (USD)', error: 'not a number: "x"' }]);
    const nd = await collect(
      [
        '{"Partner One Id":"P9","Customer Tenant Id":"t9","Usage Date":"2026-10","Service Name":"Key Vault","ACR (USD)":5,"Association Type":"PAL","kind":"azure"}\n',
      ],
      {
        fileName: 'insights/report.ndjson',
        defaultObservedAt,
        columnMap: map,
      },
    );
    expect(changesOf(nd)).toEqual([expect.objectContaining({ partnerId: 'P9', acrUsd: 5 })]);
  });
});
