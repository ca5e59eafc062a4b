// Generated bad bodies for the signed webhooks (POST /api/changes, /api/claims): wrong types, missing and
// extra fields, huge strings, deep nesting, invalid UTF-8, prototype keys, odd texts. Each one must be
// refused with a 4xx JSON { error }. One generator for the soak run (fuzzedBodies) and for
// test/unit/hardening/fuzz.test.ts (badBodies over its own valid bodies).
import fc from 'fast-check';

export const VALID_CHANGE = {
  fact: 'association',
  partnerId: '4100001',
  tenantId: 'fuzz-t-1',
  type: 'CSP_T1',
  from: '2025-01-01',
  observedAt: '2026-11-21T07:00:00Z',
};
/** Replaced in the JSON text by 40–300 levels of nesting. */
const DEEP = '__DEEP__';

/** A value no required field accepts. */
const wrongValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.integer({ min: 600, max: 3_000 }).map((n) => 'x'.repeat(n)), // huge strings (small sizes)
  fc.constantFrom('a/b', 'x\ud800', ' ', '', 'a\u0000b'),
);
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
/** Extra keys on top of the defect: prototype keys and unknown fields. */
const extras = fc.dictionary(
  fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 })),
  fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ polluted: true })),
  { maxKeys: 4 },
);

/** `valid` with one defect (a required field missing, wrong or deeply nested), then extra keys. */
export function mutated(
  valid: Record<string, unknown>,
  required: readonly string[] = Object.keys(valid),
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.constantFrom(...required),
      fc.oneof(
        fc.constant<'drop'>('drop'),
        fc.constant<'deep'>('deep'),
        wrongValue.map((v) => ({ v })),
      ),
      extras,
    )
    .map(([field, how, more]) => {
      // Extras first (JSON text keeps __proto__ as an own key), then the defect wins over them.
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(more))
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      for (const [k, v] of Object.entries(valid))
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      if (how === 'drop') delete out[field];
      else if (how === 'deep') out[field] = DEEP;
      else out[field] = how.v;
      return out;
    });
}

/** The change webhook's body shapes around one mutated change: a list, a list with a good one (all or nothing), `{ changes }`, a bare object. */
export function changeShapes(item: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    item.map((i) => [i]),
    item.map((i) => [VALID_CHANGE, i]),
    item.map((i) => ({ changes: [i] })),
    item,
  );
}

const ODD_TEXTS = [
  '',
  ' ',
  '{}',
  'null',
  '""',
  '1',
  'true',
  '[1,1,1]',
  '[[]]',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '[{"fact":"__proto__"}]',
  '{',
  ']',
];

/** Bad bodies from `shaped` values: their JSON (deeply nested where marked), the same with invalid UTF-8, and odd texts. */
export function badBodies(shaped: fc.Arbitrary<unknown>): fc.Arbitrary<Buffer> {
  const text = fc
    .tuple(shaped, fc.integer({ min: 40, max: 300 }))
    .map(([v, depth]) => Buffer.from(JSON.stringify(v).replace(`"${DEEP}"`, `${'['.repeat(depth)}"CSP_T1"${']'.repeat(depth)}`), 'utf8'));
  const invalidUtf8 = fc.tuple(text, fc.nat(), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xfe, 0xff])).map(([b, at, bad]) => {
    const i = b.length === 0 ? 0 : at % b.length;
    return Buffer.concat([b.subarray(0, i), Buffer.from(bad), b.subarray(i)]);
  });
  const odd = fc.constantFrom(...ODD_TEXTS).map((s) => Buffer.from(s));
  return fc.oneof({ arbitrary: text, weight: 6 }, { arbitrary: invalidUtf8, weight: 2 }, { arbitrary: odd, weight: 1 });
}

export const badChangeBodies = badBodies(changeShapes(mutated(VALID_CHANGE)));

/** `n` bad bodies, reproducible from `seed`. */
export function fuzzedBodies(n: number, seed = 11): Buffer[] {
  return fc.sample(badChangeBodies, { numRuns: n, seed });
}
