import type { InvocationContext, Timer } from '@azure/functions';
import { QUEUES, type Clock, type DocumentStore, type MessageBus, type OutboundMessage } from '../ports/index.js';
import { PARTNER_MARKER_ID } from './processPartnerChange.js';

/**
 * Timer → one partner-recompute message per known partner. The message id `recompute:<partnerId>:<date>`
 * makes a second run on the same day (a retry, a second instance) a duplicate the broker drops.
 */
export function nightlyRecomputeHandler(deps: { store: DocumentStore; bus: MessageBus; clock: Clock }) {
  return async (_timer: Timer, context: InvocationContext): Promise<{ queued: number }> => {
    const asOf = deps.clock.now().toISOString().slice(0, 10);
    const partnerIds = new Set<string>();
    // No DISTINCT (the local stand-in lacks it): one marker document per partner keeps the list unique.
    for await (const row of deps.store.collection('partners').queryAll<{ partnerId: string }>({
      query: 'SELECT c.partnerId FROM c WHERE c.id = @id',
      parameters: [{ name: '@id', value: PARTNER_MARKER_ID }],
    })) {
      partnerIds.add(row.partnerId);
    }
    const messages: OutboundMessage[] = [...partnerIds].sort().map((partnerId) => ({
      messageId: `recompute:${partnerId}:${asOf}`,
      body: { partnerId, asOf, reason: 'nightly' },
      applicationProperties: { partnerId },
    }));
    if (messages.length > 0) await deps.bus.send(QUEUES.partnerRecompute, messages);
    context.log(`nightlyRecompute: queued ${messages.length} partner(s) for ${asOf}`);
    return { queued: messages.length };
  };
}
