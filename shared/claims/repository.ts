// Claims in the `partners` container (partition key partnerId), one document per claim with the id
// `claim:<claimId>` and `docType: 'claim'` (the pipeline's partner load skips documents of other
// types). Writes are ETag-conditioned (shared/store/conditional.ts).
import { compareText } from '../domain/changes/canonical.js';
import { type ProfileDoc, profileDocId } from '../domain/changes/docs.js';
import { type Claim, type ClaimStatus } from '../domain/claims/types.js';
import { claimKeys } from '../domain/claims/uniqueness.js';
import type { Area } from '../domain/facts/types.js';
import type { Status } from '../domain/status/types.js';
import { type PartnerStateDoc, STATE_DOC_ID } from '../pipeline/state-doc.js';
import { type DocumentCollection, type DocumentStore, type Versioned } from '../ports/documentStore.js';
import { CLAIM_DOC_TYPE, type ClaimQueries, type Repositories } from '../ports/repositories.js';
import { writeOnEtag } from '../store/conditional.js';

export { CLAIM_DOC_TYPE };

export function claimDocId(claimId: string): string {
  return `claim:${claimId}`;
}

export interface ClaimDoc extends Claim {
  id: string;
  docType: typeof CLAIM_DOC_TYPE;
  /** When this document was last written (the clock's time). */
  updatedAt: string;
  /** Cross-partner lookup keys: the claim's keys (claimKeys) and `tenant|<tenant id, lower case>`. */
  lookup: string[];
  [field: string]: unknown;
}

/** The claim without the document's own fields (id, docType, updatedAt, lookup; the store's adapter drops its system fields). */
export function claimOf(doc: ClaimDoc | Record<string, unknown>): Claim {
  const copy: Record<string, unknown> = { ...doc };
  for (const f of ['id', 'docType', 'updatedAt', 'lookup']) delete copy[f];
  return copy as unknown as Claim;
}

export function tenantLookupKey(tenantId: string): string {
  return `tenant|${tenantId.trim().toLowerCase()}`;
}

export function claimDoc(claim: Claim, updatedAt: string): ClaimDoc {
  return {
    ...structuredClone(claim),
    id: claimDocId(claim.claimId),
    docType: CLAIM_DOC_TYPE,
    updatedAt,
    lookup: [...claimKeys(claim), tenantLookupKey(claim.tenantId)],
  };
}

/** One claim by point read (no query): what the notification sender re-checks a claim-competing mail with. */
export async function readStoredClaim(store: DocumentStore, partnerId: string, claimId: string): Promise<Claim | undefined> {
  const found = await store.collection('partners').read<ClaimDoc>(claimDocId(claimId), partnerId);
  return found && found.doc.docType === CLAIM_DOC_TYPE ? claimOf(found.doc) : undefined;
}

/** What the claims read and write through: the store, and the claims' queries. */
export interface ClaimStores {
  store: DocumentStore;
  repos: Pick<Repositories, 'claims'>;
}

export function claimRepository(deps: ClaimStores): ClaimRepository {
  return new ClaimRepository(deps.store, deps.repos.claims);
}

export class ClaimRepository {
  private readonly partners: DocumentCollection;
  constructor(
    store: DocumentStore,
    private readonly queries: ClaimQueries,
  ) {
    this.partners = store.collection('partners');
  }

  async read(partnerId: string, claimId: string): Promise<{ claim: Claim; etag: string } | undefined> {
    const found = await this.partners.read<ClaimDoc>(claimDocId(claimId), partnerId);
    return found && found.doc.docType === CLAIM_DOC_TYPE ? { claim: claimOf(found.doc), etag: found.etag } : undefined;
  }

  /** Create (etag null) or replace if still at `etag`; throws DocumentConflictError / DocumentPreconditionError on a lost race. */
  write(claim: Claim, etag: string | null, updatedAt: string): Promise<Versioned<ClaimDoc>> {
    return writeOnEtag(this.partners, claimDoc(claim, updatedAt), etag);
  }

  delete(partnerId: string, claimId: string, etag: string): Promise<void> {
    return this.partners.delete(claimDocId(claimId), partnerId, etag);
  }

  /** Every claim of one partner (one single-partition query), in claimId order. */
  async listForPartner(partnerId: string): Promise<Claim[]> {
    const claims: Claim[] = [];
    for await (const row of this.queries.ofPartner(partnerId)) claims.push(claimOf(row));
    return claims.sort((a, b) => compareText(a.claimId, b.claimId));
  }

  /** Claims of every partner with a lookup key (a claim key, or tenantLookupKey): one cross-partition query. */
  async listByLookup(key: string): Promise<Claim[]> {
    const claims: Claim[] = [];
    for await (const row of this.queries.byKey(key)) claims.push(claimOf(row));
    return claims.sort((a, b) => compareText(a.partnerId, b.partnerId) || compareText(a.claimId, b.claimId));
  }

  /** Other claims (any partner) holding one of `keys`. */
  async listHolding(keys: readonly string[]): Promise<Claim[]> {
    const seen = new Map<string, Claim>();
    for (const key of keys) for (const c of await this.listByLookup(key)) seen.set(`${c.partnerId}\u0000${c.claimId}`, c);
    return [...seen.values()];
  }

  /** A partner the product knows: its profile or its state document exists. */
  async partnerKnown(partnerId: string): Promise<boolean> {
    if (await this.partners.read(profileDocId(), partnerId)) return true;
    return (await this.partners.read(STATE_DOC_ID, partnerId)) !== undefined;
  }

  /** The partner's profile document (its contacts and language), if it has one. */
  async readProfile(partnerId: string): Promise<ProfileDoc | undefined> {
    return (await this.partners.read<ProfileDoc & { [field: string]: unknown }>(profileDocId(), partnerId))?.doc;
  }

  /**
   * The partner's designation status per area as its state document's summary holds it (written at
   * every recompute); inProgress when the partner has no state (or one written before the summary).
   */
  async designationStatuses(partnerId: string): Promise<(area: Area) => Status> {
    const state = (await this.partners.read<PartnerStateDoc & { [field: string]: unknown }>(STATE_DOC_ID, partnerId))?.doc;
    return (area) => state?.summary?.areas[area]?.status ?? 'inProgress';
  }

  /** Claims in one of `statuses`, across partners, page by page (cross-partition query). */
  async *pagesInStatus(statuses: readonly ClaimStatus[], pageSize: number): AsyncGenerator<Claim[]> {
    for await (const page of this.queries.pagesInStatus(statuses, pageSize)) yield page.map(claimOf);
  }
}
