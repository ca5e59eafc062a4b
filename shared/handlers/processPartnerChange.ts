import type { InvocationContext } from '@azure/functions';

import { type ApplyOutcome, applyPartnerChanges } from '../pipeline/apply.js';
import { type PipelineDeps } from '../pipeline/deps.js';
import { partnerIdOf, withLogContext } from './log-context.js';
import { rejectMessage } from './rejections.js';

/**
 * partner-changes → apply the PartnerChangeMessage to the partner's documents (ETag-conditioned, idempotent)
 * and recompute the partner (shared/pipeline/apply.ts). A body that fails validation is recorded with its
 * reason (operations/rejected-messages) and completed, not retried. Store and bus errors throw, so the
 * message is redelivered (and dead-lettered after MAX_DELIVERY_COUNT).
 */
export function processPartnerChangeHandler(deps: PipelineDeps) {
  return async (message: unknown, invocation: InvocationContext): Promise<ApplyOutcome> => {
    const context = withLogContext(invocation, partnerIdOf(message)); // partnerId= messageId= invocationId= on every line
    const outcome = await applyPartnerChanges(deps, message, { logger: context });
    if (outcome.outcome === 'invalid') await rejectMessage(deps, context, message, outcome.reason);
    return outcome;
  };
}
