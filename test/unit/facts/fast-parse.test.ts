// The single-pass validator against the zod schema (issue 15): on generated documents and on mutations
// of them (a field dropped, nulled, retyped, an enum misspelt, a date unreal, a duplicate id), it
// accepts exactly what zod accepts and returns exactly what zod returns.
import { isDeepStrictEqual } from 'node:util';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { fastParseFacts } from '../../../shared/domain/facts/fast-parse.js';
import { parseFacts, schemaParseFacts } from '../../../shared/domain/facts/schema.js';
import { type Emphasis, factsArb } from '../differential/arbitraries.js';

type Json = unknown;

/** Every (container, key) pair inside a document, so a mutation can hit any field at any depth. */
function slots(doc: Json, out: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = []) {
  if (Array.isArray(doc)) doc.forEach((v, i) => (out.push({ parent: doc, key: i }), slots(v, out)));
  else if (typeof doc === 'object' && doc !== null) {
    for (const [k, v] of Object.entries(doc)) {
      out.push({ parent: doc as Record<string, unknown>, key: k });
      slots(v, out);
    }
  }
  return out;
}

const REPLACEMENTS: Json[] = [
  undefined,
  null,
  '',
  'x',
  'AZURE',
  '2026-02-30',
  '2026-13',
  '2026-11',
  '2026-11-21',
  0,
  -1,
  1.5,
  3,
  'enterprise',
  'PAL',
  'CPOR',
  'azure',
  'm365',
  'bizapps',
  [],
  {},
  true,
  '  p  ',
];

function mutate(doc: Json, pick: number, replacement: Json): Json {
  const copy = structuredClone(doc);
  const all = slots(copy);
  if (all.length === 0) return copy;
  const { parent, key } = all[pick % all.length]!;
  if (replacement === undefined && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key as string];
  else (parent as Record<string | number, Json>)[key] = replacement;
  return copy;
}

function agree(doc: Json, asOfOverride?: string): void {
  const options = asOfOverride === undefined ? {} : { asOfOverride };
  const zod = schemaParseFacts(structuredClone(doc), options);
  const fast = fastParseFacts(structuredClone(doc), asOfOverride);
  if (zod.ok) expect(isDeepStrictEqual(fast, zod.facts), `fast ≠ zod for ${JSON.stringify(doc).slice(0, 400)}`).toBe(true);
  else expect(fast, `fast accepted what zod refuses: ${JSON.stringify(zod.errors[0])}`).toBeUndefined();
  // parseFacts answers as zod does, errors included.
  expect(parseFacts(structuredClone(doc), options)).toEqual(zod);
}

const EMPHASES: Emphasis[] = ['azure', 'businessApplications', 'modernWork', 'security', 'people', 'mixed'];

describe('fastParseFacts ≡ the zod schema', () => {
  for (const [i, emphasis] of EMPHASES.entries()) {
    it(`on generated ${emphasis} documents and their mutations`, () => {
      fc.assert(
        fc.property(
          factsArb(emphasis),
          fc.array(fc.tuple(fc.nat(), fc.constantFrom(...REPLACEMENTS)), { minLength: 1, maxLength: 3 }),
          (c, mutations) => {
            agree(c.doc, c.asOfOverride);
            let doc: Json = c.doc;
            for (const [pick, replacement] of mutations) {
              doc = mutate(doc, pick, replacement);
              agree(doc);
              agree(doc, '2027-01-31');
            }
          },
        ),
        { numRuns: 150, seed: 15_000 + i },
      );
    }, 120_000);
  }

  it('refuses duplicates, reversed associations and non-objects like zod', () => {
    const base = { partnerId: 'p', asOf: '2026-11-21' };
    for (const doc of [
      { ...base, customers: [{ tenantId: 't' }, { tenantId: 't' }] },
      {
        ...base,
        people: [
          { id: 'a', linkedFrom: '2026-01-01' },
          { id: 'a', linkedFrom: '2026-01-01' },
        ],
      },
      { ...base, customers: [{ tenantId: 't', associations: [{ type: 'PAL', from: '2026-02-01', to: '2026-01-31' }] }] },
      {
        ...base,
        customers: [
          {
            tenantId: 't',
            usage: [{ month: '2026-10', kind: 'm365', workload: 'Teams', paidSeats: 1.5, activeUsers: 1, association: 'CPOR' }],
          },
        ],
      },
      [],
      'x',
      null,
    ]) {
      expect(fastParseFacts(doc)).toBeUndefined();
      agree(doc);
    }
  });
});
