// The importer's one-pass row path (fastRowChange, shared/imports/rows.ts) and its JSON text
// (changeJson, shared/imports/fast-change.ts) against what they stand in for: rowToChange with zod
// alone, and JSON.stringify. On generated rows — CSV text cells and NDJSON values, valid and mutated,
// with cells the fast path does not read — whenever the fast path answers, it gives rowToChange's
// change and JSON.stringify's text; and the files read through it give the same items.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { Field } from '../../../shared/imports/columns.js';
import { changeJson, changeJsonLength, fastChange } from '../../../shared/imports/fast-change.js';
import { FAST_FIELDS, type FastCells, fastRowChange, type RowCells, type RowContext, rowToChange } from '../../../shared/imports/rows.js';
import { changesOf, collect, errorsOf } from './helpers.js';

const pick = (values: readonly unknown[]) => fc.constantFrom(...values);
/** Edge-heavy values for any cell: right, wrong type, blank, padded, too long, odd. */
const odd = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('  '),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noDefaultInfinity: false }),
  fc.constant(1.5),
  fc.string({ maxLength: 6 }),
  fc.constant('x'.repeat(501)),
  fc.constant('a b'),
  fc.constant('p/1'),
  fc.constant(' P1 '),
  fc.constant('Pé'),
  fc.constant('Key "Vault"'),
  fc.constant('back\\slash'),
  fc.constant('日本'),
  fc.constant('2026-02-30'),
  fc.constant('2026-13'),
  fc.constant('1e3'),
  fc.constant('yes'),
  fc.constant('maybe'),
  fc.constant([]),
  fc.constant({}),
);

const cells = fc.record(
  {
    fact: pick(['usage', 'Usage', ' customer ', 'associations', 'people', 'profile', 'bogus', '']),
    kind: pick(['azure', 'm365', 'bizapps', ' azure ', 'AZURE', 'usage', 'customers', 'Association', 'person', 'x', '']),
    partnerId: fc.oneof(
      pick(['P1', ' P2 ', '5000001', 'p/1', 'Pé', '']),
      fc.string({ unit: fc.constantFrom(...'Pp1._:@=+-/ #\\'), maxLength: 5 }),
    ),
    tenantId: pick(['t-1', 't-2 ', 't 3', '']),
    month: pick(['2026-10', '2026-11', '2025-01', '2026-12', '2026-13', '']),
    service: pick(['Storage', ' SQL ', 'Défender', 'Key "Vault"', 'Tab\there', '']),
    workload: pick(['Teams', 'Dynamics 365 Sales', ' ', '']),
    offer: pick(['standard', 'trial', 'benefit', 'bogus', '']),
    association: pick(['PAL', 'CSP_T1', 'DPOR', 'CPOR', 'x', '']),
    cporActivity: pick(['use-consume', 'osa', 'revrec', 'nope', '']),
    acrUsd: fc.oneof(
      pick(['12.5', '-3', '1e3', ' 7 ', '0', '0.1', '1,5', 'abc', '', 12.5, -0, 1e21]),
      // Texts of number characters, most of them not numbers ('1e', '.', '+-1', '1.2.3').
      fc.string({ unit: fc.constantFrom(...'0123456789.+-eE x'), maxLength: 6 }),
    ),
    paidSeats: pick(['10', '0', '-1', '2.5', 'x', '', 7, 2 ** 53]),
    activeUsers: pick(['3', '0', '-2', '', 4]),
    revenueUsd: pick(['100', '1.25', 'z', '', 9.75]),
    observedAt: pick(['2026-11-20T06:00:00Z', '2026-11-21', '2026-11-20T08:00:00+02:00', '2026-10-01T00:00:00.5Z', 'garbage', '']),
    deleted: pick(['', 'true', '0', 'FALSE', 'yes', 'n', 'maybe', true, false]),
    type: pick(['PAL', 'CPOR', 'CSP_T2', 'bad', '']),
    from: pick(['2025-01-01', '2026-03-31', '2026-02-30', '']),
    to: pick(['2025-12-31', '2026-12-31', '2024-01-01', '']),
    segment: pick(['smb', 'enterprise', 'huge', '']),
    cloud: pick(['commercial', 'government', 'china', 'mars', '']),
    // Cells the fast path does not read: they must not change a fast row's answer.
    personId: pick(['p1', '']),
    name: pick(['Azure Administrator Associate', '']),
    areas: pick(['modernWork;azure', '']),
    anniversary: pick(['2026-03-15', '']),
    contacts: pick(['a@example.com', '']),
  },
  { requiredKeys: [] },
);

/** Up to three cells replaced by odd values (or dropped). */
const mutated = fc.tuple(cells, fc.array(fc.tuple(fc.constantFrom(...FAST_FIELDS), odd), { maxLength: 3 })).map(([base, edits]) => {
  const c: Record<string, unknown> = { ...base };
  for (const [field, value] of edits) {
    if (value === undefined) delete c[field];
    else c[field] = value;
  }
  return c as RowCells;
});

const context = fc.record({
  fileKind: pick([undefined, 'usage', 'customer', 'association', 'person']),
  defaultObservedAt: pick([undefined, '2026-11-20T06:00:00.000Z']),
  forceObservedAt: pick([undefined, undefined, '2026-11-19T00:00:00.000Z']),
});

function ctxOf(
  c: { fileKind: unknown; defaultObservedAt: unknown; forceObservedAt: unknown },
  row: RowCells,
  zodOnly: boolean,
): RowContext {
  const ctx: RowContext = { present: { has: (f: Field) => f in row }, columnName: (f) => `col:${f}` };
  if (c.fileKind !== undefined) ctx.fileKind = c.fileKind as RowContext['fileKind'] & string;
  if (c.defaultObservedAt !== undefined) ctx.defaultObservedAt = c.defaultObservedAt as string;
  if (c.forceObservedAt !== undefined) ctx.forceObservedAt = c.forceObservedAt as string;
  if (zodOnly) ctx.zodOnly = true;
  return ctx;
}

function fastCellsOf(row: RowCells): FastCells {
  const out: Record<string, unknown> = {};
  for (const f of FAST_FIELDS) out[f] = row[f];
  return out as unknown as FastCells;
}

/** As CSV text cells: numbers and flags written out. */
function asText(row: RowCells): RowCells {
  const out: RowCells = {};
  for (const [k, v] of Object.entries(row)) out[k as Field] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

describe('the one-pass row path = rowToChange with zod', () => {
  it('answers only with rowToChange’s change, and JSON.stringify’s text and size; takes (nearly) every valid usage, customer and association row', () => {
    let fastAnswers = 0;
    let valid = 0;
    let texts = 0;
    fc.assert(
      fc.property(fc.oneof(cells, mutated), context, (raw, c) => {
        for (const row of [raw, asText(raw)]) {
          const slow = rowToChange(row, ctxOf(c, row, true));
          const fast = fastRowChange(fastCellsOf(row), ctxOf(c, row, false));
          const bulkKind = slow.ok && ['usage', 'customer', 'association'].includes(slow.change.fact);
          if (bulkKind) valid++;
          if (fast === undefined) continue;
          fastAnswers++;
          expect(slow.ok).toBe(true);
          if (!slow.ok) continue;
          expect(fast.change).toStrictEqual(slow.change);
          if (fast.bytes !== undefined) {
            texts++;
            expect(changeJson(fast.change)).toBe(JSON.stringify(slow.change));
            expect(fast.bytes).toBe(Buffer.byteLength(JSON.stringify(slow.change), 'utf8'));
          }
        }
      }),
      { numRuns: 3000 },
    );
    expect(fastAnswers).toBeGreaterThan(valid * 0.95);
    expect(texts).toBeGreaterThan(fastAnswers * 0.5);
  }, 30_000);

  it('zodOnly turns it off', () => {
    const row: RowCells = { fact: 'customer', partnerId: 'P1', tenantId: 't1' };
    const ctx: RowContext = { present: { has: () => true }, columnName: (f) => f, defaultObservedAt: '2026-11-20T06:00:00.000Z' };
    expect(fastRowChange(fastCellsOf(row), ctx)?.change).toEqual(expect.objectContaining({ fact: 'customer', tenantId: 't1' }));
    expect(fastRowChange(fastCellsOf(row), { ...ctx, zodOnly: true })).toBeUndefined();
  });
});

describe('changeJson = JSON.stringify', () => {
  it('gives JSON.stringify’s text (and changeJsonLength its length) for every change fastChange makes, or none when a text is not plain ASCII', () => {
    fc.assert(
      fc.property(cells, context, (raw, c) => {
        const slow = rowToChange(raw, ctxOf(c, raw, true));
        if (!slow.ok) return;
        const fast = fastChange(slow.change as unknown as Record<string, unknown>);
        if (fast === undefined) return;
        const text = changeJson(fast);
        const expected = JSON.stringify(fast);
        if (text === undefined) expect(/^[\x20-\x7e]*$/.test(expected) && !/\\/.test(expected)).toBe(false);
        else expect(text).toBe(expected);
        // Its length, counted without the text: there exactly when the text is.
        expect(changeJsonLength(fast)).toBe(text?.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves out the amounts of a deletion, as JSON.stringify does with undefined', () => {
    const change = fastChange({
      fact: 'usage',
      partnerId: 'P1',
      tenantId: 't1',
      kind: 'm365',
      month: '2026-10',
      workload: 'Teams',
      association: 'CSP_T1',
      observedAt: '2026-11-20T06:00:00Z',
      deleted: true,
    });
    expect(change).toBeDefined();
    expect(changeJson(change!)).toBe(JSON.stringify(change));
    expect(changeJson(change!)).not.toMatch(/paidSeats/);
  });
});

describe('files read through the one-pass path', () => {
  const defaultObservedAt = '2026-11-20T08:00:00Z';

  it('NDJSON: a key that is not our field’s own name (another spelling, a column map) is read as the cells are', async () => {
    const lines = [
      '{"partner id":"A","partnerId":"B","tenantId":"t1","kind":"azure","month":"2026-10","service":"Storage","association":"PAL","acrUsd":1}',
      '{"partnerId":"B","tenantId":"t1","kind":"azure","month":"2026-10","service":"Storage","association":"PAL","acrUsd":2}',
    ].join('\n');
    const items = await collect([lines], { fileName: 'usage-2026-10.ndjson', defaultObservedAt });
    expect(changesOf(items).map((c) => [c.partnerId, (c as { acrUsd?: number }).acrUsd])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
    // A column map that swaps two of our names: each key is read as the field it is mapped to.
    const mapped = await collect([lines.split('\n')[1]!], {
      fileName: 'usage-2026-10.ndjson',
      defaultObservedAt,
      columnMap: { partnerId: 'tenantId', tenantId: 'partnerId' },
    });
    expect(errorsOf(mapped)).toEqual([]);
    expect(changesOf(mapped).map((c) => [c.partnerId, (c as { tenantId?: string }).tenantId])).toEqual([['t1', 'B']]);
  });

  it('CSV: the same changes and errors with extra, repeated and missing columns, in a snapshot file too', async () => {
    const csv = [
      'Partner ID,tenant,Tenant ID,month,service,acrUsd,association,extra,partner_id',
      'P1,x,t1,2026-10,Storage,1.50,PAL,e,P9',
      'P1,x,t2,2026-10,Storage,abc,PAL,e,P9',
      'P2,x,t3,2026-10,Storage,2,PAL',
    ].join('\n');
    const items = await collect([csv], { fileName: 'usage-P1.snapshot.csv', defaultObservedAt });
    expect(
      changesOf(items).map((c) => [c.line, c.partnerId, (c as { tenantId?: string }).tenantId, (c as { acrUsd?: number }).acrUsd]),
    ).toEqual([[2, 'P1', 't1', 1.5]]);
    // Line 3: the amount is not a number; line 4: another partner's row in P1's snapshot.
    expect(errorsOf(items).map((e) => [e.line, e.column])).toEqual([
      [3, 'acrUsd'],
      [4, 'Partner ID'],
    ]);
  });
});
