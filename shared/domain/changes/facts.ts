// Stored documents → one partner's facts in the scoring contract's format.
//
// Decisions:
// - Deleted facts (tombstones) and facts ended by a snapshot watermark are left out.
// - `associations` is always a list for stored data (possibly empty): the export files are the
//   source of associations, so "no association rows" means "no association", and under the contract
//   a usage record then counts only through an active association of its type. A customer whose
//   association and usage facts are all gone is omitted altogether.
// - A person is emitted only with a live MCID link (linkedFrom is required by the contract);
//   certifications of a person without one are kept in the document but not emitted.
// - segment/cloud fall back to the contract's defaults (enterprise/commercial) when unknown.
// - Output order is deterministic (tenants, people, records sorted) so facts can be compared and
//   hashed.
import type { Association, Certification, Customer, Enrollment, PartnerFacts, Person, UsageRecord } from '../facts/types.js';
import { compareText } from './canonical.js';
import type { CustomerDoc, PersonDoc, ProfileDoc, Stamp, UsageEntry } from './docs.js';
import type { SnapshotKind } from './events.js';

function live(entry: Stamp | undefined, kind: SnapshotKind | null, profile: ProfileDoc | null): boolean {
  if (!entry || entry.deleted) return false;
  const watermark = kind ? profile?.snapshots[kind] : undefined;
  return watermark === undefined || entry.observedAt >= watermark;
}

function byText<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compareText(key(a), key(b));
}

function toUsageRecord(e: UsageEntry): UsageRecord {
  const base = { month: e.month, association: e.association, cporActivity: e.cporActivity };
  switch (e.kind) {
    case 'azure':
      return { ...base, kind: 'azure', service: e.service ?? '', acrUsd: e.acrUsd ?? 0, offer: e.offer ?? 'standard' };
    case 'm365':
      return { ...base, kind: 'm365', workload: e.workload ?? '', paidSeats: e.paidSeats ?? 0, activeUsers: e.activeUsers ?? 0 };
    case 'bizapps':
      return { ...base, kind: 'bizapps', workload: e.workload ?? '', revenueUsd: e.revenueUsd ?? 0, activeUsers: e.activeUsers ?? 0 };
  }
}

function toCustomer(doc: CustomerDoc, profile: ProfileDoc | null): Customer | null {
  const associations: Association[] = Object.values(doc.associations)
    .filter((e) => live(e, 'association', profile))
    .map((e) => ({ type: e.type, cporActivity: e.cporActivity ?? null, workload: e.workload, from: e.from, to: e.to ?? null }))
    .sort(byText((a) => JSON.stringify([a.type, a.workload ?? '', a.from])));
  const usage = Object.entries(doc.usage)
    .filter(([, e]) => live(e, 'usage', profile))
    .sort(byText(([key]) => key))
    .map(([, e]) => toUsageRecord(e));
  if (associations.length === 0 && usage.length === 0) return null;
  return {
    tenantId: doc.tenantId,
    segment: live(doc.segment, null, profile) ? (doc.segment?.value ?? 'enterprise') : 'enterprise',
    cloud: live(doc.cloud, null, profile) ? (doc.cloud?.value ?? 'commercial') : 'commercial',
    associations,
    usage,
  };
}

function toPerson(doc: PersonDoc, profile: ProfileDoc | null): Person | null {
  const link = doc.link;
  if (!link || !live(link, 'person', profile) || !link.value) return null;
  const certifications: Certification[] = Object.entries(doc.certifications)
    .filter(([, e]) => live(e, 'certification', profile))
    .sort(byText(([key]) => key))
    .map(([, e]) => ({ name: e.name, earned: e.earned, expires: e.expires ?? null }));
  return { id: doc.personId, linkedFrom: link.value.linkedFrom, linkedTo: link.value.linkedTo, certifications };
}

/**
 * Builds the partner's facts as of `asOf` (YYYY-MM-DD). `partnerId` is taken from the documents
 * when not given; every document must belong to the same partner.
 */
export function buildFacts(
  profile: ProfileDoc | null,
  customers: readonly CustomerDoc[],
  people: readonly PersonDoc[],
  asOf: string,
  partnerId?: string,
): PartnerFacts {
  const id = partnerId ?? profile?.partnerId ?? customers[0]?.partnerId ?? people[0]?.partnerId;
  if (id === undefined) throw new Error('buildFacts: no partnerId and no documents to take it from');
  for (const doc of [profile, ...customers, ...people]) {
    if (doc && doc.partnerId !== id) throw new Error(`buildFacts: document ${doc.id} belongs to ${doc.partnerId}, not ${id}`);
  }
  const enrollmentRegister = profile?.enrollment;
  const enrollment: Enrollment | null = enrollmentRegister && !enrollmentRegister.deleted ? (enrollmentRegister.value ?? null) : null;
  return {
    partnerId: id,
    asOf,
    enrollment: enrollment ? { ...enrollment, areas: [...enrollment.areas] } : null,
    customers: customers
      .map((c) => toCustomer(c, profile))
      .filter((c): c is Customer => c !== null)
      .sort(byText((c) => c.tenantId)),
    people: people
      .map((p) => toPerson(p, profile))
      .filter((p): p is Person => p !== null)
      .sort(byText((p) => p.id)),
  };
}
