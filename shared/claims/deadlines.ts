// Use case: the claim deadline timer. Pages through the claims whose status has a deadline with an
// action (partner-action-required, approved) with a cross-partition query, and applies each passed
// deadline's event through the same path as a webhook event (applyStoredClaimEvent). The events have
// deterministic ids (deadline:<kind>:<last day>:<anchor>), so a second run — or a second instance — finds
// them duplicates or no longer due: idempotent.
import { dueDeadlines } from '../domain/claims/deadlines.js';
import { type ClaimStatus } from '../domain/claims/types.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import { applyStoredClaimEvent, type ClaimDeps } from './events.js';
import { claimRepository } from './repository.js';

/** Statuses in which a deadline can act (claimDeadlines in shared/domain/claims/deadlines.ts). */
export const STATUSES_WITH_ACTIONS: readonly ClaimStatus[] = ['partner-action-required', 'approved'];
export const CLAIM_DEADLINES_PAGE_SIZE = 200;
/** A claim can have two actions due at once (opt-out and subscription end); a bound, not a limit reached in practice. */
const MAX_EVENTS_PER_CLAIM = 4;

export interface ClaimDeadlinesResult {
  day: string;
  /** Claims looked at. */
  claims: number;
  /** Deadline events applied. */
  applied: number;
  /** Deadline events not applied: refused (warned), or found applied already (a duplicate: another run got there first). */
  skipped: number;
  pages: number;
}

export async function applyClaimDeadlines(
  deps: ClaimDeps,
  options: { queue?: string; pageSize?: number; log?: Logger } = {},
): Promise<ClaimDeadlinesResult> {
  const log = options.log ?? silentLogger;
  const day = deps.clock.now().toISOString().slice(0, 10);
  const repo = claimRepository(deps);
  const result: ClaimDeadlinesResult = { day, claims: 0, applied: 0, skipped: 0, pages: 0 };
  for await (const page of repo.pagesInStatus(STATUSES_WITH_ACTIONS, options.pageSize ?? CLAIM_DEADLINES_PAGE_SIZE)) {
    result.pages++;
    for (const listed of page) {
      result.claims++;
      let claim = listed;
      for (let n = 0; n < MAX_EVENTS_PER_CLAIM; n++) {
        const event = dueDeadlines(claim, day)[0];
        if (!event) break;
        const outcome = await applyStoredClaimEvent(deps, event, { ...(options.queue ? { queue: options.queue } : {}), log });
        if (outcome.kind === 'refused' || outcome.outcome !== 'applied') {
          result.skipped++;
          if (outcome.kind === 'refused')
            log.warn(`claimDeadlines ${day}: ${claim.partnerId}/${claim.claimId}: ${event.type} not applied: ${outcome.reason}`);
          break;
        }
        result.applied++;
        claim = outcome.claim;
      }
    }
  }
  log.log(
    `claimDeadlines ${day}: ${result.claims} claim(s) in ${result.pages} page(s), ${result.applied} deadline event(s) applied, ${result.skipped} skipped`,
  );
  return result;
}
