// The one-pass row validator (shared/imports/fast-change.ts) against zod, the schema: on generated
// valid and mutated rows it accepts exactly what zod accepts, returns exactly what zod returns (same
// fields, same key order, so the same message bytes), and a bad row gets the same errors (column,
// reason) whichever path read it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { changeEventSchema } from '../../../shared/domain/changes/events.js';
import type { Field } from '../../../shared/imports/columns.js';
import { fastChange } from '../../../shared/imports/fast-change.js';
import { type RowCells, type RowContext, rowToChange } from '../../../shared/imports/rows.js';

const text = (values: readonly string[]) => fc.constantFrom(...values);
/** Edge-heavy values for any field: right, wrong type, blank, padded, too long, odd. */
const oddValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('  '),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noDefaultInfinity: false }),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(1.5),
  fc.string({ maxLength: 6 }),
  fc.constant('x'.repeat(501)),
  fc.constant('a b'),
  fc.constant('p/1'),
  fc.constant(' P1 '),
  fc.constant('2026-02-30'),
  fc.constant('2026-13'),
  fc.constant('2026-11-20T06:00:00'),
  fc.constant([]),
  fc.constant({}),
);

const usage = fc.record(
  {
    fact: fc.constant('usage'),
    partnerId: text(['P1', ' P2 ', '5000001']),
    tenantId: text(['t-1', 't-2 ']),
    kind: text(['azure', 'm365', 'bizapps']),
    month: text(['2026-10', '2026-11', '2025-01', '2026-12']),
    service: text(['Storage', ' SQL ', '']),
    workload: text(['Teams', 'Dynamics 365 Sales']),
    offer: text(['standard', 'trial', 'benefit']),
    association: text(['PAL', 'CSP_T1', 'DPOR']),
    cporActivity: text(['use-consume', 'osa']),
    acrUsd: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    paidSeats: fc.nat(5000),
    activeUsers: fc.nat(5000),
    revenueUsd: fc.double({ min: 0, max: 1e6, noNaN: true }),
    observedAt: text(['2026-11-20T06:00:00Z', '2026-11-20', '2026-11-20T08:00:00+02:00', '2026-10-01T00:00:00.5Z']),
    deleted: fc.boolean(),
  },
  { requiredKeys: ['fact', 'partnerId', 'observedAt'] },
);
const customer = fc.record(
  {
    fact: fc.constant('customer'),
    partnerId: text(['P1', ' P2 ']),
    tenantId: text(['t-1', ' t-2']),
    segment: text(['enterprise', 'smb']),
    cloud: text(['commercial', 'china']),
    observedAt: text(['2026-11-20T06:00:00Z', '2026-11-20']),
    deleted: fc.boolean(),
  },
  { requiredKeys: ['fact'] },
);
const association = fc.record(
  {
    fact: fc.constant('association'),
    partnerId: text(['P1']),
    tenantId: text(['t-1']),
    type: text(['PAL', 'CPOR', 'CSP_T2']),
    workload: text(['Teams', ' ', 'Azure']),
    from: text(['2025-01-01', '2026-03-31']),
    to: text(['2025-12-31', '2026-12-31']),
    cporActivity: text(['revrec', 'osu']),
    segment: text(['smb']),
    cloud: text(['government']),
    observedAt: text(['2026-11-20T06:00:00Z']),
    deleted: fc.boolean(),
  },
  { requiredKeys: ['fact', 'tenantId'] },
);

/** A candidate with up to three fields replaced by odd values (or dropped). */
const mutated = fc
  .tuple(fc.oneof(usage, customer, association), fc.array(fc.tuple(fc.constantFrom(...FIELDS_OF_INTEREST()), oddValue), { maxLength: 3 }))
  .map(([base, edits]) => {
    const c: Record<string, unknown> = { ...base };
    for (const [field, value] of edits) {
      if (value === undefined) delete c[field];
      else c[field] = value;
    }
    return c;
  });

function FIELDS_OF_INTEREST(): string[] {
  return [
    'partnerId',
    'tenantId',
    'kind',
    'month',
    'service',
    'workload',
    'offer',
    'association',
    'cporActivity',
    'acrUsd',
    'paidSeats',
    'activeUsers',
    'revenueUsd',
    'observedAt',
    'deleted',
    'type',
    'from',
    'to',
    'segment',
    'cloud',
  ];
}

describe('fast row validation = zod', () => {
  it('accepts what zod accepts and returns what zod returns (same JSON, key order included); leaves the rest to zod', () => {
    let fastAccepted = 0;
    let zodAccepted = 0;
    fc.assert(
      fc.property(fc.oneof(usage, customer, association, mutated), (candidate) => {
        const zod = changeEventSchema.safeParse(candidate);
        const fast = fastChange(candidate);
        if (zod.success) zodAccepted++;
        if (fast === undefined) return;
        fastAccepted++;
        expect(zod.success).toBe(true);
        expect(fast).toStrictEqual(zod.data);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
      }),
      { numRuns: 2000 },
    );
    // The fast path is the fast path: it takes (nearly) every row zod accepts.
    expect(fastAccepted).toBeGreaterThan(zodAccepted * 0.95);
  }, 20_000);

  it('a bad row gets the same errors (column, reason) from the import whether the fast path ran or not', () => {
    let bad = 0;
    const ctx = (zodOnly: boolean): RowContext => ({
      present: { has: () => true },
      columnName: (f) => `col:${f}`,
      defaultObservedAt: '2026-11-20T06:00:00.000Z',
      ...(zodOnly ? { zodOnly } : {}),
    });
    fc.assert(
      fc.property(mutated, (candidate) => {
        // As an NDJSON row: the candidate's fields are the cells.
        const cells = candidate as RowCells;
        const withFast = rowToChange(cells, ctx(false));
        const zodOnly = rowToChange(cells, ctx(true));
        if (!zodOnly.ok) bad++;
        expect(withFast).toStrictEqual(zodOnly);
        // As CSV text cells (numbers and flags written out).
        const textCells: RowCells = {};
        for (const [k, v] of Object.entries(candidate)) textCells[k as Field] = typeof v === 'string' ? v : JSON.stringify(v);
        expect(rowToChange(textCells, ctx(false))).toStrictEqual(rowToChange(textCells, ctx(true)));
      }),
      { numRuns: 1500 },
    );
    expect(bad).toBeGreaterThan(150);
  }, 20_000);
});
