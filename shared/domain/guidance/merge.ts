// Merging a plan action's facts into a partner's RAW facts (contract input JSON), exactly as
// docs/guidance.md "The merge rule" states:
// - a customer whose tenantId is new is appended; for a tenantId already present its `usage` and
//   `associations` entries are appended (an omitted or null `associations` becomes the appended list,
//   with the contract's meaning: from then on only matching usage counts); its other fields stay;
// - a person whose id is new is appended; for an id already present its `certifications` are appended.
// The input is not modified; the result is a new document.
import type { FactsDelta } from './types.js';

type Json = Record<string, unknown>;

const list = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined);

export function mergeFacts(rawFacts: Json, delta: FactsDelta): Json {
  const out: Json = { ...rawFacts };
  if (delta.customers?.length) {
    const customers = (list(rawFacts.customers) ?? []).map((c) => c);
    const index = indexBy(customers, 'tenantId');
    for (const added of delta.customers) {
      const at = index.get(added.tenantId);
      if (at === undefined) {
        index.set(added.tenantId, customers.length);
        customers.push(structuredClone(added));
        continue;
      }
      const existing = { ...(customers[at] as Json) };
      if (added.usage?.length) existing.usage = [...(list(existing.usage) ?? []), ...structuredClone(added.usage)];
      if (added.associations?.length) {
        existing.associations = [...(list(existing.associations) ?? []), ...structuredClone(added.associations)];
      }
      customers[at] = existing;
    }
    out.customers = customers;
  }
  if (delta.people?.length) {
    const people = (list(rawFacts.people) ?? []).map((p) => p);
    const index = indexBy(people, 'id');
    for (const added of delta.people) {
      const at = index.get(added.id);
      if (at === undefined) {
        index.set(added.id, people.length);
        people.push(structuredClone(added));
        continue;
      }
      const existing = { ...(people[at] as Json) };
      existing.certifications = [...(list(existing.certifications) ?? []), ...structuredClone(added.certifications)];
      people[at] = existing;
    }
    out.people = people;
  }
  return out;
}

/** Merges several deltas in order (a plan's actions). */
export function mergeAll(rawFacts: Json, deltas: readonly FactsDelta[]): Json {
  return deltas.reduce((facts, delta) => mergeFacts(facts, delta), rawFacts);
}

function indexBy(items: readonly unknown[], key: string): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    const value = (item as Json | null)?.[key];
    if (typeof value === 'string' && !index.has(value)) index.set(value, i);
  });
  return index;
}
