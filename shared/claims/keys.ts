// Uniqueness of a partner's active claims as conditional writes (issue 11, defect 13). Checking the
// partner's other claims and then writing is not atomic: two claims for one tenant + workload (or one
// subscription) submitted at the same time both pass the check. So each key a claim holds has a key
// document in the partner's partition of `partners` (id `claim-key:<key>`, docType `claim-key`, skipped
// by the pipeline's partner load), created with create-if-absent BEFORE the claim becomes active:
// - created → the claim holds the key;
// - it exists and names this claim → held already (a retry, or an update of the claim);
// - it names another claim that is still active and still holds the key → refused (409, the reason);
// - it names a claim no longer active, one that no longer has the key, or one that does not exist
//   (a crash between the key and the claim write; after PENDING_HOLDER_GRACE_MS, not to take a key
//   from a claim being written right now) → taken over by a replace on the key document's ETag.
// When the claim ends (withdrawn, rejected, expired, …) or its data drops a key, the key document is
// deleted on its ETag if it still names the claim. Other partners' claims are not concerned (they are
// allowed and flagged competing: uniqueness.ts).
import { ACTIVE_STATUSES, type Claim } from '../domain/claims/types.js';
import { claimKeys, findConflict } from '../domain/claims/uniqueness.js';
import { type DocumentCollection, DocumentNotFoundError, type DocumentStore } from '../ports/documentStore.js';
import { isWriteConflict, retryOnConflict } from '../store/conditional.js';
import { safeDocumentId } from '../store/ids.js';
import type { ClaimRepository } from './repository.js';

export const CLAIM_KEY_DOC_TYPE = 'claim-key';

/** How long a key whose claim does not exist (yet) is left to the claim being written. */
export const PENDING_HOLDER_GRACE_MS = 60_000;

const KEY_ATTEMPTS = 5;

export interface ClaimKeyDoc {
  id: string;
  partnerId: string;
  docType: typeof CLAIM_KEY_DOC_TYPE;
  key: string;
  claimId: string;
  /** When the claim took the key (the clock's time). */
  claimedAt: string;
  [field: string]: unknown;
}

export function claimKeyDocId(key: string): string {
  return `claim-key:${safeDocumentId(key)}`;
}

export type KeyAcquisition =
  { ok: true; acquired: Array<{ key: string; etag: string }> } | { ok: false; key: string; conflictingClaimId: string; reason: string };

export class ClaimKeys {
  private readonly partners: DocumentCollection;
  private readonly repo: ClaimRepository;
  constructor(store: DocumentStore, repo: ClaimRepository) {
    this.partners = store.collection('partners');
    this.repo = repo;
  }

  /** The key document of one key of a partner (undefined: nobody holds it). */
  async read(partnerId: string, key: string) {
    const found = await this.partners.read<ClaimKeyDoc>(claimKeyDocId(key), partnerId);
    return found && found.doc.docType === CLAIM_KEY_DOC_TYPE ? found : undefined;
  }

  /**
   * Takes every key of `claim` for it, or none: on a refusal the keys this call took are given back.
   * `acquired` lists the keys this call created or took over (not those the claim held already).
   */
  async acquire(claim: Claim, now: Date): Promise<KeyAcquisition> {
    const acquired: Array<{ key: string; etag: string }> = [];
    for (const key of [...claimKeys(claim)].sort()) {
      const outcome = await this.acquireOne(claim, key, now);
      if (outcome.kind === 'refused') {
        await this.giveBack(claim.partnerId, acquired);
        return { ok: false, key, conflictingClaimId: outcome.claimId, reason: outcome.reason };
      }
      if (outcome.kind === 'taken') acquired.push({ key, etag: outcome.etag });
    }
    return { ok: true, acquired };
  }

  /** Deletes the key documents this call's `acquire` made (each only if still that version). */
  async giveBack(partnerId: string, acquired: ReadonlyArray<{ key: string; etag: string }>): Promise<void> {
    for (const a of acquired) await this.partners.delete(claimKeyDocId(a.key), partnerId, a.etag).catch(() => undefined);
  }

  /** Releases `keys` where they still name `claimId` (the claim ended, or no longer has them). */
  async release(partnerId: string, claimId: string, keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const found = await this.read(partnerId, key);
      if (!found || found.doc.claimId !== claimId) continue;
      await this.partners.delete(found.doc.id, partnerId, found.etag).catch((err: unknown) => {
        if (!isWriteConflict(err)) throw err; // someone took it meanwhile: theirs now
      });
    }
  }

  private async acquireOne(
    claim: Claim,
    key: string,
    now: Date,
  ): Promise<{ kind: 'taken'; etag: string } | { kind: 'held' } | { kind: 'refused'; claimId: string; reason: string }> {
    const doc: ClaimKeyDoc = {
      id: claimKeyDocId(key),
      partnerId: claim.partnerId,
      docType: CLAIM_KEY_DOC_TYPE,
      key,
      claimId: claim.claimId,
      claimedAt: now.toISOString(),
    };
    return retryOnConflict(
      async () => {
        const existing = await this.read(claim.partnerId, key);
        // Created meanwhile (a conflict): the next attempt looks at who has it.
        if (!existing) return { kind: 'taken', etag: (await this.partners.create(doc)).etag };
        if (existing.doc.claimId === claim.claimId) return { kind: 'held' };
        const holder = await this.repo.read(claim.partnerId, existing.doc.claimId);
        if (holder && ACTIVE_STATUSES.includes(holder.claim.status) && claimKeys(holder.claim).includes(key)) {
          return {
            kind: 'refused',
            claimId: holder.claim.claimId,
            reason:
              findConflict(claim, [holder.claim])?.reason ??
              `partner ${claim.partnerId} already has claim ${holder.claim.claimId} (${holder.claim.status}) for ${key}`,
          };
        }
        if (!holder && now.getTime() - Date.parse(existing.doc.claimedAt) < PENDING_HOLDER_GRACE_MS) {
          return {
            kind: 'refused',
            claimId: existing.doc.claimId,
            reason: `partner ${claim.partnerId}'s claim ${existing.doc.claimId} is being written for ${describeKey(claim, key)}: each ${claim.solutionArea === 'businessApplications' ? 'subscription' : 'workload of a tenant'} is associated with one partner; retry later`,
          };
        }
        // Replaced or deleted meanwhile: read again.
        return { kind: 'taken', etag: (await this.partners.replace(doc, existing.etag)).etag };
      },
      {
        maxAttempts: KEY_ATTEMPTS,
        retryOn: (err) => isWriteConflict(err) || err instanceof DocumentNotFoundError,
        exhausted: () => ({
          kind: 'refused',
          claimId: '',
          reason: `${claim.partnerId}/claim:${claim.claimId}: key ${key} still contended after ${KEY_ATTEMPTS} attempts; retry`,
        }),
      },
    );
  }
}

/** `subscription <id>` or `tenant <id>, workload <name>`, as the claim spells them. */
function describeKey(claim: Claim, key: string): string {
  if (claim.solutionArea === 'businessApplications') return `subscription ${claim.subscriptionId}`;
  const workload = claim.workloads.find((w) => key.endsWith(`|${w.trim().toLowerCase()}`)) ?? key.split('|')[2];
  return `tenant ${claim.tenantId}, workload ${workload}`;
}
