import type { InvocationContext } from '@azure/functions';

import { NIGHTLY_REASON, type PipelineDeps, type RecomputeOutcome, recomputePartner, recomputeRequestSchema } from '../pipeline/index.js';
import { partnerIdOf, withLogContext } from './log-context.js';
import { describeIssues } from './messages.js';
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
