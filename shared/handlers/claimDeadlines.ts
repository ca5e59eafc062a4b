import type { InvocationContext, Timer } from '@azure/functions';

import { applyClaimDeadlines, type ClaimDeadlinesResult } from '../claims/deadlines.js';
import { type ClaimDeps } from '../claims/events.js';

/**
 * Timer → applies the CPOR claim deadlines that passed (shared/claims/deadlines.ts): partner action not
 * taken within 14 business days → rejected (no-partner-response); customer opt-out window over →
 * confirmed; a Business Applications subscription past its last day → expired. Idempotent.
 */
export function claimDeadlinesHandler(deps: ClaimDeps, options: { queue?: string } = {}) {
  return async (_timer: Timer, context: InvocationContext): Promise<ClaimDeadlinesResult> => {
    return applyClaimDeadlines(deps, { ...options, log: context });
  };
}
