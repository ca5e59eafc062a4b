import type { InvocationContext } from '@azure/functions';

import { describeIssues } from '../domain/issues.js';
import { type PipelineDeps } from '../pipeline/deps.js';
import { NIGHTLY_REASON, recomputeRequestSchema } from '../pipeline/nightly.js';
import { type RecomputeOutcome, recomputePartner } from '../pipeline/recompute.js';
import { partnerIdOf, withLogContext } from './log-context.js';
import { rejectMessage } from './rejections.js';

/**
 * partner-recompute ({ partnerId, reason?, day? }) → recompute the partner as of the clock's day
 * (shared/pipeline/recompute.ts): score, advance the designation status, write the state document on its
 * ETag, dispatch the outbox. Invalid bodies are recorded and completed, not retried.
 */
export function recomputePartnerHandler(deps: PipelineDeps) {
  return async (message: unknown, invocation: InvocationContext): Promise<RecomputeOutcome | undefined> => {
    const context = withLogContext(invocation, partnerIdOf(message)); // partnerId= messageId= invocationId= on every line
    const parsed = recomputeRequestSchema.safeParse(message);
    if (!parsed.success) {
      await rejectMessage(deps, context, message, describeIssues(parsed.error));
      return undefined;
    }
    const { partnerId, reason } = parsed.data;
    // The nightly run also computes forecasts, plans and at-risk areas (shared/pipeline/guidance.ts).
    return recomputePartner(deps, partnerId, {
      logger: context,
      guidance: reason === NIGHTLY_REASON,
      ...(reason !== undefined ? { reason } : {}),
    });
  };
}
