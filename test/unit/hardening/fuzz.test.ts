// Issue 11, "the suite that proves it": 500 generated signed bodies per webhook endpoint — wrong types,
// missing and extra fields, huge strings, deep nesting, invalid UTF-8, prototype keys (__proto__,
// constructor), arrays, empty (the generator is devtools/soak/fuzz.ts, which the soak posts too) — driven through the use cases on in-memory ports. Every one is answered
// 4xx with a JSON { error }; nothing is sent or stored (delivery records aside, and those are bounded);
// no 5xx, no throw, no polluted prototype.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { badBodies, changeShapes, mutated, VALID_CHANGE } from '../../../devtools/soak/fuzz.js';
import { mwsData } from '../claims/fixtures.js';
import { type Endpoint, webhooks } from './support.js';

const RUNS = 500;

const validChange = { ...VALID_CHANGE, tenantId: 't-1' };
const validClaim = {
  type: 'drafted',
  eventId: 'e-1',
  occurredAt: '2026-11-21T07:00:00Z',
  partnerId: '4100001',
  claimId: 'c-1',
  claim: { ...mwsData() },
};
const CLAIM_REQUIRED = ['type', 'eventId', 'occurredAt', 'partnerId', 'claimId'];

function bodies(endpoint: Endpoint) {
  if (endpoint === 'changes') return badBodies(changeShapes(mutated(validChange)));
  const item = mutated(validClaim, CLAIM_REQUIRED);
  return badBodies(
    fc.oneof(
      item,
      item.map((i) => [i]),
      item.map((i) => ({ ...validClaim, claim: i })),
    ),
  );
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
