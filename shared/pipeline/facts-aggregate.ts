// The partner's facts aggregate: what each customer and person document contributes to the scorer's
// input (shared/domain/changes/facts.ts: the Customer and Person of the scoring contract that document
// turns into, or nothing), kept in the hot state document, so a change to one customer re-scores from
// the aggregate and that one document instead of reading every customer.
//
// Why per-document contributions and not per-area sums: the scorer's metrics are not sums that one
// customer's delta can be added into — net customer adds and deployments count tenants over bands and
// floors, usage growth compares each tenant's months, Business Applications compares M with M−12 per
// workload, and explanations name every tenant. So the aggregate keeps, per document, the exact facts
// it contributes, in compact (deflated) form; the facts rebuilt from it are exactly buildFacts' output
// (same records, same order), so scores are identical by construction (test/unit/pipeline/aggregate.test.ts).
//
// A contribution depends on the profile's snapshot watermarks (a fact older than a later full snapshot
// has ended): the aggregate records a hash of the watermarks it was built with, and a change of them
// (a snapshot) rebuilds it from all documents. The nightly full recompute rebuilds it from every
// document and compares (recompute.ts: logged and repaired on a mismatch).
import { compareText } from '../domain/changes/canonical.js';
import type { CustomerDoc, PartnerDoc, PersonDoc, ProfileDoc } from '../domain/changes/docs.js';
import { buildFacts } from '../domain/changes/facts.js';
import type { Customer, IsoDate, PartnerFacts, Person } from '../domain/facts/types.js';
import { contentHash, packJson, unpackJson } from './codec.js';

export const AGGREGATE_VERSION = 1;

/** Contributions by document id (documents that contribute nothing are left out). */
export interface FactsAggregate {
  customers: Record<string, Customer>;
  people: Record<string, Person>;
}

/** The aggregate as the hot document stores it. */
export interface StoredAggregate {
  version: typeof AGGREGATE_VERSION;
  /** Hash of the profile's snapshot watermarks the contributions were computed with. */
  watermarks: string;
  /** Hash of the unpacked aggregate (the nightly check compares it with the rebuilt one). */
  hash: string;
  customers: number;
  people: number;
  /** codec.ts packJson of the FactsAggregate. */
  data: string;
}

const NO_DAY: IsoDate = '1970-01-01';

export function watermarksHash(profile: ProfileDoc | null): string {
  return contentHash(profile?.snapshots ?? {});
}

/** What one customer or person document contributes (null: nothing). */
export function contributionOf(doc: CustomerDoc | PersonDoc, profile: ProfileDoc | null): Customer | Person | null {
  const facts =
    doc.docType === 'customer'
      ? buildFacts(profile, [doc], [], NO_DAY, doc.partnerId)
      : buildFacts(profile, [], [doc], NO_DAY, doc.partnerId);
  return doc.docType === 'customer' ? (facts.customers[0] ?? null) : (facts.people[0] ?? null);
}

export function emptyAggregate(): FactsAggregate {
  return { customers: {}, people: {} };
}

/** Sets the contribution of each document (null: the document is gone or absent). */
export function withDocuments(
  aggregate: FactsAggregate,
  profile: ProfileDoc | null,
  docs: ReadonlyArray<{ id: string; doc: PartnerDoc | null }>,
): FactsAggregate {
  const next: FactsAggregate = { customers: { ...aggregate.customers }, people: { ...aggregate.people } };
  for (const { id, doc } of docs) {
    if (doc?.docType === 'profile') continue;
    delete next.customers[id];
    delete next.people[id];
    if (!doc) continue;
    const c = contributionOf(doc, profile);
    if (c === null) continue;
    if (doc.docType === 'customer') next.customers[id] = c as Customer;
    else next.people[id] = c as Person;
  }
  return next;
}

export function buildAggregate(
  profile: ProfileDoc | null,
  customers: readonly CustomerDoc[],
  people: readonly PersonDoc[],
): FactsAggregate {
  return withDocuments(
    emptyAggregate(),
    profile,
    [...customers, ...people].map((doc) => ({ id: doc.id, doc })),
  );
}

/** The facts buildFacts would give for the documents the aggregate was made from. */
export function factsFromAggregate(aggregate: FactsAggregate, profile: ProfileDoc | null, asOf: IsoDate, partnerId: string): PartnerFacts {
  const base = buildFacts(profile, [], [], asOf, partnerId);
  return {
    ...base,
    customers: Object.values(aggregate.customers).sort((a, b) => compareText(a.tenantId, b.tenantId)),
    people: Object.values(aggregate.people).sort((a, b) => compareText(a.id, b.id)),
  };
}

export function hasContributions(aggregate: FactsAggregate): boolean {
  return Object.keys(aggregate.customers).length > 0 || Object.keys(aggregate.people).length > 0;
}

export function storeAggregate(aggregate: FactsAggregate, profile: ProfileDoc | null): StoredAggregate {
  const canonical = canonicalAggregate(aggregate);
  return {
    version: AGGREGATE_VERSION,
    watermarks: watermarksHash(profile),
    hash: contentHash(canonical),
    customers: Object.keys(canonical.customers).length,
    people: Object.keys(canonical.people).length,
    data: packJson(canonical),
  };
}

/** The aggregate to keep in the hot document: none when its packed text is over the bound (see PipelineSettings). */
export function boundedAggregate(stored: StoredAggregate, maxChars: number): StoredAggregate | undefined {
  return stored.data.length <= maxChars ? stored : undefined;
}

/** The stored aggregate, if it can be used with this profile (same version, same watermarks). */
export function usableAggregate(stored: StoredAggregate | undefined, profile: ProfileDoc | null): FactsAggregate | null {
  if (!stored || stored.version !== AGGREGATE_VERSION || stored.watermarks !== watermarksHash(profile)) return null;
  return unpackJson<FactsAggregate>(stored.data);
}

/** Keys in id order, so the same contributions pack to the same text whatever order they were set in. */
function canonicalAggregate(aggregate: FactsAggregate): FactsAggregate {
  const sorted = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => compareText(a, b)));
  return { customers: sorted(aggregate.customers), people: sorted(aggregate.people) };
}
