// The stored form of the fact documents that grow with the facts: a customer's associations and usage
// (25 months × services × offers: 5–10 KB of JSON for a sample customer) and a person's certifications
// are kept packed (codec.ts: deflate + base64, a sixth to a tenth of the JSON), the ids and the small
// versioned fields plain. Cosmos DB bills reads by the kilobyte and writes five times that, and the
// nightly re-score reads every customer document of every partner: the packed maps are most of what a
// partner-night costs. No query reads inside the packed maps (shared/adapters/cosmos/indexing.ts
// indexes none of them). A document stored before packing (no `packed`) reads as it is and is stored
// packed on its next write.
import { packJson, unpackJson } from './codec.js';

/** Per document kind, the fields kept packed. */
const PACKED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  customer: ['associations', 'usage'],
  person: ['certifications'],
};

function packedFieldsOf(doc: object): readonly string[] | undefined {
  const docType = (doc as { docType?: unknown }).docType;
  return typeof docType === 'string' ? PACKED_FIELDS[docType] : undefined;
}

/** The stored form of a fact document (other documents unchanged). */
export function encodeFactDoc<T extends { id: string }>(doc: T): T {
  const fields = packedFieldsOf(doc);
  if (!fields) return doc;
  const plain: Record<string, unknown> = {};
  const packed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (fields.includes(key)) packed[key] = value;
    else plain[key] = value;
  }
  return { ...plain, packed: packJson(packed) } as unknown as T;
}

/** The memory form of a stored document: a packed fact document's fields back in place (others unchanged). */
export function decodeFactDoc<T extends { id: string }>(stored: T): T {
  const packed = (stored as { packed?: unknown }).packed;
  if (typeof packed !== 'string' || !packedFieldsOf(stored)) return stored;
  const { packed: _packed, ...plain } = stored as T & { packed: string };
  return { ...plain, ...unpackJson<Record<string, unknown>>(packed) } as T;
}
