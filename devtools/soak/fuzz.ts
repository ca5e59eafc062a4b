// Generated bad bodies for POST /api/changes: the same shapes as test/unit/hardening/fuzz.test.ts (wrong
// types, missing and extra fields, huge strings, deep nesting, invalid UTF-8, prototype keys, odd texts),
// compact, for the soak run. Each one must be refused with a 4xx JSON { error }.
import fc from 'fast-check';

const validChange = {
  fact: 'association',
  partnerId: '4100001',
  tenantId: 'fuzz-t-1',
  type: 'CSP_T1',
  from: '2025-01-01',
  observedAt: '2026-11-21T07:00:00Z',
};
const REQUIRED = Object.keys(validChange);
const DEEP = '__DEEP__';

const wrongValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.integer({ min: 600, max: 3_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('a/b', 'x\ud800', ' ', '', 'a\u0000b'),
);
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const extras = fc.dictionary(
  fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 })),
  fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ polluted: true })),
  { maxKeys: 4 },
);

const item = fc
  .tuple(
    fc.constantFrom(...REQUIRED),
    fc.oneof(
      fc.constant<'drop'>('drop'),
      fc.constant<'deep'>('deep'),
      wrongValue.map((v) => ({ v })),
    ),
    extras,
  )
  .map(([field, how, more]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(more))
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of Object.entries(validChange))
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    if (how === 'drop') delete out[field];
    else if (how === 'deep') out[field] = DEEP;
    else out[field] = how.v;
    return out;
  });

const shaped = fc.oneof(
  item.map((i) => [i]),
  item.map((i) => [validChange, i]),
  item.map((i) => ({ changes: [i] })),
  item,
);
const text = fc
  .tuple(shaped, fc.integer({ min: 40, max: 300 }))
  .map(([v, depth]) => Buffer.from(JSON.stringify(v).replace(`"${DEEP}"`, `${'['.repeat(depth)}"CSP_T1"${']'.repeat(depth)}`), 'utf8'));
const invalidUtf8 = fc.tuple(text, fc.nat(), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xfe, 0xff])).map(([b, at, bad]) => {
  const i = b.length === 0 ? 0 : at % b.length;
  return Buffer.concat([b.subarray(0, i), Buffer.from(bad), b.subarray(i)]);
});
const odd = fc
  .constantFrom(
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
  )
  .map((s) => Buffer.from(s));

export const badChangeBodies = fc.oneof(
  { arbitrary: text, weight: 6 },
  { arbitrary: invalidUtf8, weight: 2 },
  { arbitrary: odd, weight: 1 },
);

/** `n` bad bodies, reproducible from `seed`. */
export function fuzzedBodies(n: number, seed = 11): Buffer[] {
  return fc.sample(badChangeBodies, { numRuns: n, seed });
}
