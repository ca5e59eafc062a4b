// Issue 11, "the suite that proves it": 500 generated signed bodies per webhook endpoint — wrong types,
// missing and extra fields, huge strings, deep nesting, invalid UTF-8, prototype keys (__proto__,
// constructor), arrays, empty — driven through the use cases on in-memory ports. Every one is answered
// 4xx with a JSON { error }; nothing is sent or stored (delivery records aside, and those are bounded);
// no 5xx, no throw, no polluted prototype.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { mwsData } from '../claims/fixtures.js';
import { type Endpoint, nestedText, webhooks } from './support.js';

const RUNS = 500;

const validChange = {
  fact: 'association',
  partnerId: '4100001',
  tenantId: 't-1',
  type: 'CSP_T1',
  from: '2025-01-01',
  observedAt: '2026-11-21T07:00:00Z',
};
const CHANGE_REQUIRED = Object.keys(validChange);
const validClaim = {
  type: 'drafted',
  eventId: 'e-1',
  occurredAt: '2026-11-21T07:00:00Z',
  partnerId: '4100001',
  claimId: 'c-1',
  claim: { ...mwsData() },
};
const CLAIM_REQUIRED = ['type', 'eventId', 'occurredAt', 'partnerId', 'claimId'];

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

/** A mutated object: one defect (missing / wrong required field, or deep nesting), then extra keys. */
function mutated(valid: Record<string, unknown>, required: readonly string[]) {
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

const DEEP = Symbol('deep');

/** JSON text, with the DEEP marker replaced by 40–300 levels of nesting. */
function toText(value: unknown, depth: number): string {
  return JSON.stringify(value, (_k, v: unknown) => (v === DEEP ? '__DEEP__' : v)).replace('"__DEEP__"', nestedText(depth));
}

function bodies(endpoint: Endpoint) {
  const item = endpoint === 'changes' ? mutated(validChange, CHANGE_REQUIRED) : mutated(validClaim, CLAIM_REQUIRED);
  const shaped =
    endpoint === 'changes'
      ? fc.oneof(
          item.map((i) => [i]),
          item.map((i) => [validChange, i]), // all or nothing
          item.map((i) => ({ changes: [i] })),
          item, // not an array
        )
      : fc.oneof(
          item,
          item.map((i) => [i]),
          item.map((i) => ({ ...validClaim, claim: i })),
        );
  const text = fc.tuple(shaped, fc.integer({ min: 40, max: 300 })).map(([v, depth]) => Buffer.from(toText(v, depth), 'utf8'));
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
  return fc.oneof({ arbitrary: text, weight: 6 }, { arbitrary: invalidUtf8, weight: 2 }, { arbitrary: odd, weight: 1 });
}

describe.each(['changes', 'claims'] as const)('POST /api/%s: generated bad bodies', (endpoint) => {
  it(`${RUNS} signed bad bodies → every one 4xx with a JSON error, nothing sent or stored, no 5xx`, async () => {
    const t = webhooks();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodies(endpoint), async (bytes) => {
        // Valid UTF-8 is posted as text (the demo's and tests' way), the rest as bytes (the handlers' way).
        let body: string | Uint8Array = new Uint8Array(bytes);
        try {
          body = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch {
          // not UTF-8: bytes
        }
        const answer = await t.post(endpoint, body);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(typeof (answer.body as { error?: unknown }).error).toBe('string');
        expect(JSON.stringify(answer.body).length).toBeLessThan(40_000);
      }),
      { numRuns: RUNS },
    );
    expect(t.bus.sent).toHaveLength(0);
    const { facts, deliveries } = t.stored();
    expect(facts).toEqual([]);
    for (const d of deliveries) expect(JSON.stringify(d).length).toBeLessThan(40_000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
  }, 120_000);
});
