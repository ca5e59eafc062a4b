import type { InvocationContext } from '@azure/functions';
import type { Clock, DocumentStore } from '../ports/index.js';
import { describeIssues, partnerRecomputeSchema } from './messages.js';
import { rejectMessage } from './rejections.js';

/**
 * partner-recompute → (skeleton) records which day the partner was last recomputed for in its `state`
 * document. The scoring issue replaces this with: read stored facts, score, write status.
 */
export function recomputePartnerHandler(deps: { store: DocumentStore; clock: Clock }) {
  return async (message: unknown, context: InvocationContext): Promise<void> => {
    const parsed = partnerRecomputeSchema.safeParse(message);
    if (!parsed.success) {
      await rejectMessage(deps, context, message, describeIssues(parsed.error));
      return;
    }
    const { partnerId, asOf } = parsed.data;
    await deps.store.collection('partners').upsert({ id: 'state', partnerId, type: 'state', lastRecomputedAsOf: asOf });
    context.log(`recomputed ${partnerId} as of ${asOf}`);
  };
}
