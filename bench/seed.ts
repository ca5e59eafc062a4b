// Cheap seeding for the store benchmarks: change events for a partner with N customers, turned into
// stored documents directly (domain applyChanges + one create per document), so a 20,000-customer
// partner is seeded in seconds instead of through 20,000 applies and recomputes.
import { applyChanges, docRefFor } from '../shared/domain/changes/apply.js';
import { type ChangeEvent, changeEventSchema } from '../shared/domain/changes/events.js';
import type { Document, DocumentStore } from '../shared/ports/documentStore.js';

export const OBSERVED_AT = '2026-11-20T06:00:00Z';
const MONTHS = ['2026-08', '2026-09', '2026-10'];

/** One customer's events: its attributes, a PAL association and three months of Azure usage. */
export function customerEvents(partnerId: string, c: number, observedAt = OBSERVED_AT, acr = 1000 + (c % 97) * 10): ChangeEvent[] {
  const tenantId = `t-${partnerId}-${c}`;
  const raw = [
    { fact: 'customer', partnerId, observedAt, tenantId, segment: c % 2 ? 'smb' : 'enterprise', cloud: 'commercial' },
    { fact: 'association', partnerId, observedAt, tenantId, type: 'PAL', workload: null, from: '2024-01-01', to: null },
    ...MONTHS.map((month) => ({
      fact: 'usage',
      partnerId,
      observedAt,
      tenantId,
      kind: 'azure',
      month,
      service: 'Storage',
      offer: 'standard',
      association: 'PAL',
      acrUsd: acr,
    })),
  ];
  return raw.map((r) => changeEventSchema.parse(r));
}

/** The partner's profile: a name and a contact (so notifications have somewhere to go). */
export function profileEvents(partnerId: string): ChangeEvent[] {
  return [
    changeEventSchema.parse({
      fact: 'profile',
      partnerId,
      observedAt: OBSERVED_AT,
      name: `Bench ${partnerId}`,
      contacts: [`ops-${partnerId}@example.com`],
    }),
  ];
}

/** Stores the documents the events make (no recompute). */
export async function seedDocs(store: DocumentStore, events: readonly ChangeEvent[]): Promise<number> {
  const byDoc = new Map<string, ChangeEvent[]>();
  for (const e of events) {
    const ref = docRefFor(e);
    const key = `${ref.partnerId}\u0000${ref.id}`;
    const list = byDoc.get(key) ?? [];
    list.push(e);
    byDoc.set(key, list);
  }
  const partners = store.collection('partners');
  for (const changes of byDoc.values()) {
    const { doc } = applyChanges(null, changes);
    await partners.create(doc as unknown as Document);
  }
  return byDoc.size;
}

/** A partner with `customers` customers (and a profile), documents only. */
export async function seedPartner(store: DocumentStore, partnerId: string, customers: number): Promise<void> {
  const events: ChangeEvent[] = profileEvents(partnerId);
  for (let c = 0; c < customers; c++) events.push(...customerEvents(partnerId, c));
  await seedDocs(store, events);
}
