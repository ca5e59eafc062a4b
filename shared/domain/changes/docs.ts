// Stored facts: the per-partner documents the change processor keeps (Cosmos DB, partition key
// partnerId). Each fact is stored with the observedAt of the observation that set it and a
// `deleted` flag: a deletion is kept as a tombstone so an older upsert arriving later is ignored.
//
// Size bound (Cosmos items must stay under 2 MB; the local stand-in does not enforce it):
// - CustomerDoc: usage is trimmed to 25 months (see apply.ts). One usage entry is ~220 bytes of
//   JSON (key ~70 + fields ~150). 25 months × 100 series per tenant (service or workload × offer ×
//   association × activity) = 2,500 entries ≈ 550 KB; associations are tens of entries (~150 bytes
//   each). A tenant would need ~300 concurrent usage series to approach 1.6 MB; `docSizeBytes` lets
//   the writer check and log before that matters.
// - PersonDoc: one link plus certifications (~120 bytes each): a few KB.
// - ProfileDoc: a handful of fields and snapshot watermarks: about 1 KB.
import { createHash } from 'node:crypto';

import type { AssociationType, Cloud, CporActivity, Enrollment, Offer, Segment } from '../facts/types.js';
import type { SnapshotKind, UsageKind } from './events.js';

/** When and how a fact was last observed. `deleted` entries keep only their key fields. */
export interface Stamp {
  observedAt: string;
  deleted: boolean;
}

/** A single-valued fact (last-writer-wins register). `value` is absent when deleted. */
export interface Versioned<T> extends Stamp {
  value?: T;
}

export interface AssociationEntry extends Stamp {
  type: AssociationType;
  workload: string | null;
  from: string;
  // Present unless deleted:
  cporActivity?: CporActivity | null;
  to?: string | null;
}

export interface UsageEntry extends Stamp {
  kind: UsageKind;
  month: string;
  /** azure: service; m365/bizapps: workload. */
  service?: string;
  workload?: string;
  offer?: Offer;
  association: AssociationType;
  cporActivity: CporActivity | null;
  // Present unless deleted, per kind:
  acrUsd?: number;
  paidSeats?: number;
  activeUsers?: number;
  revenueUsd?: number;
  /**
   * bizapps only, when its figures came from different records (usage-figures.ts): each figure's
   * observedAt, and the deletion a missing figure must still respect.
   */
  figureAt?: Partial<Record<'revenueUsd' | 'activeUsers', string>>;
  deletedAt?: string;
}

export interface CertificationEntry extends Stamp {
  name: string;
  earned: string;
  expires?: string | null;
}

export interface PersonLink {
  linkedFrom: string;
  linkedTo: string | null;
}

export interface ProfileDoc {
  id: string;
  docType: 'profile';
  partnerId: string;
  name?: Versioned<string | null>;
  contacts?: Versioned<string[] | null>;
  preferredLanguage?: Versioned<string | null>;
  /** value null: not enrolled. */
  enrollment?: Versioned<Enrollment | null>;
  /**
   * Snapshot watermarks: for each kind, the observedAt of the newest full snapshot. A fact of that
   * kind observed before its watermark has ended (it was missing from a later full snapshot).
   */
  snapshots: Partial<Record<SnapshotKind, string>>;
}

export interface CustomerDoc {
  id: string;
  docType: 'customer';
  partnerId: string;
  tenantId: string;
  segment?: Versioned<Segment>;
  cloud?: Versioned<Cloud>;
  /** By entryKey: [type, workload (lower case), from]. */
  associations: Record<string, AssociationEntry>;
  /** By entryKey: [kind, month, service/workload (lower case), offer, association, activity]. */
  usage: Record<string, UsageEntry>;
  /** Newest usage month ever applied to this customer; the trimming horizon counts back from it. */
  newestUsageMonth: string | null;
}

export interface PersonDoc {
  id: string;
  docType: 'person';
  partnerId: string;
  personId: string;
  link?: Versioned<PersonLink>;
  /** By entryKey: [name (lower case), earned]. */
  certifications: Record<string, CertificationEntry>;
}

export type PartnerDoc = ProfileDoc | CustomerDoc | PersonDoc;

// ---------------------------------------------------------------------------------------------
// Document ids (unique within the partner's partition). Cosmos ids may not contain / \ ? #, and are
// at most 255 characters: ids from other systems are percent-encoded, and hashed when long.

function idPart(text: string): string {
  // Ids are checked at the door (shared/domain/ids.ts); one that is not well-formed Unicode (which
  // encodeURIComponent refuses with "URI malformed") is hashed rather than failing every retry.
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    return `h-${createHash('sha256').update(text, 'utf16le').digest('hex')}`;
  }
  return encoded.length <= 200 ? encoded : `h-${createHash('sha256').update(text).digest('hex')}`;
}

export function profileDocId(): string {
  return 'profile';
}
export function customerDocId(tenantId: string): string {
  return `customer:${idPart(tenantId)}`;
}
export function personDocId(personId: string): string {
  return `person:${idPart(personId)}`;
}

export function emptyProfileDoc(partnerId: string): ProfileDoc {
  return { id: profileDocId(), docType: 'profile', partnerId, snapshots: {} };
}
export function emptyCustomerDoc(partnerId: string, tenantId: string): CustomerDoc {
  return {
    id: customerDocId(tenantId),
    docType: 'customer',
    partnerId,
    tenantId,
    associations: {},
    usage: {},
    newestUsageMonth: null,
  };
}
export function emptyPersonDoc(partnerId: string, personId: string): PersonDoc {
  return { id: personDocId(personId), docType: 'person', partnerId, personId, certifications: {} };
}

/** Serialized size, for the writer to check against the 2 MB item limit (with margin). */
export function docSizeBytes(doc: PartnerDoc): number {
  return Buffer.byteLength(JSON.stringify(doc), 'utf8');
}
/** Warn above this size; well under Cosmos DB's 2 MB. */
export const DOC_SIZE_WARNING_BYTES = 1_500_000;
