// Cheap seeding for the store benchmarks: change events for a partner with N customers, turned into
// stored documents directly (domain applyChanges + one create per document), so a 20,000-customer
// partner is seeded in seconds instead of through 20,000 applies and recomputes.
import { applyChanges, docRefFor } from '../shared/domain/changes/apply.js';
import { type ChangeEvent, changeEventSchema } from '../shared/domain/changes/events.js';
import { encodeFactDoc } from '../shared/pipeline/fact-docs.js';
import type { Document, DocumentStore } from '../shared/ports/documentStore.js';

export const OBSERVED_AT = '2026-11-20T06:00:00Z';
const MONTHS = ['2026-08', '2026-09', '2026-10'];

/**
 * A customer's usage as Partner Center keeps it: the 25 months to 2026-10 (the Insights history the
 * connector asks for, and what the sample exports carry), two services each month.
 */
export const FULL_HISTORY = {
  months: Array.from({ length: 25 }, (_, i) => {
    const m = 2024 * 12 + 9 + i; // 2024-10 … 2026-10
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  }),
  services: ['Storage', 'Virtual Machines'],
};

export interface UsageHistory {
  months: readonly string[];
  services: readonly string[];
}

/** One customer's events: its attributes, a PAL association and its Azure usage (three months of Storage unless told). */
export function customerEvents(
  partnerId: string,
  c: number,
  observedAt = OBSERVED_AT,
  acr = 1000 + (c % 97) * 10,
  history: UsageHistory = { months: MONTHS, services: ['Storage'] },
): ChangeEvent[] {
  const tenantId = `t-${partnerId}-${c}`;
  const raw = [
    { fact: 'customer', partnerId, observedAt, tenantId, segment: c % 2 ? 'smb' : 'enterprise', cloud: 'commercial' },
    { fact: 'association', partnerId, observedAt, tenantId, type: 'PAL', workload: null, from: '2024-01-01', to: null },
    ...history.months.flatMap((month) =>
      history.services.map((service) => ({
        fact: 'usage',
        partnerId,
        observedAt,
        tenantId,
        kind: 'azure',
        month,
        service,
        offer: 'standard',
        association: 'PAL',
        acrUsd: acr,
      })),
    ),
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
    await partners.create(encodeFactDoc(doc as unknown as Document)); // stored as the pipeline stores it
  }
  return byDoc.size;
}

/** A partner with `customers` customers (and a profile), documents only. */
export async function seedPartner(store: DocumentStore, partnerId: string, customers: number, history?: UsageHistory): Promise<void> {
  const events: ChangeEvent[] = profileEvents(partnerId);
  for (let c = 0; c < customers; c++) events.push(...customerEvents(partnerId, c, OBSERVED_AT, undefined, history));
  await seedDocs(store, events);
}
