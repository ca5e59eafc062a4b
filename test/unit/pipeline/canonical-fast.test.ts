// canonicalText and canonicallyEqual (shared/pipeline/canonical-fast.ts) against canonicalJson itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { canonicalJson } from '../../../shared/domain/changes/canonical.js';
import { canonicallyEqual, canonicalText } from '../../../shared/pipeline/canonical-fast.js';

const values = fc.anything({
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  maxDepth: 4,
});
/** Values that often differ only a little (shared parts, reordered keys, an undefined key). */
const pairs = fc.tuple(values, values, fc.boolean()).map(([a, b, reorder]) => {
  const base = { a, list: [a, b], nested: { x: a, y: undefined } };
  const other = reorder ? { nested: { y: undefined, x: a }, list: [a, b], a } : { a, list: [a, b], nested: { x: b } };
  return [base, other] as const;
});

describe('canonicalText', () => {
  it('is canonicalJson', () => {
    fc.assert(
      fc.property(values, (v) => {
        expect(canonicalText(v)).toBe(canonicalJson(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('orders integer-like keys as canonicalJson does', () => {
    for (const v of [
      { b: 1, 10: 2, 9: 3, '01': 4, 4294967295: 5, 4294967294: 6, a: undefined, f: () => 1 },
      [undefined, () => 1, Symbol('s'), NaN, -0, Infinity],
      { d: new Date(0), m: new Map([[1, 2]]), n: Object.assign(Object.create(null), { z: 1, y: 2 }) },
      { toJSON: () => 'x', a: 1 },
      JSON.parse('{"__proto__": {"a": 1}, "b": 2}'),
      'text',
      undefined,
    ])
      expect(canonicalText(v)).toBe(canonicalJson(v));
  });
});

describe('canonicallyEqual', () => {
  it('is canonicalJson(a) === canonicalJson(b)', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect(canonicallyEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        expect(canonicallyEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(values, (a) => {
        expect(canonicallyEqual(a, structuredCloneOrSelf(a))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('treats undefined keys, null and non-finite numbers, and key order as canonicalJson does', () => {
    expect(canonicallyEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(canonicallyEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(canonicallyEqual([NaN, undefined], [null, null])).toBe(true);
    expect(canonicallyEqual({ a: -0 }, { a: 0 })).toBe(true);
    expect(canonicallyEqual({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(canonicallyEqual({ a: {} }, { a: [] })).toBe(false);
    expect(canonicallyEqual('1', 1)).toBe(false);
  });
});

function structuredCloneOrSelf(v: unknown): unknown {
  try {
    return structuredClone(v);
  } catch {
    return v;
  }
}
