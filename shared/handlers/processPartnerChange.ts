import type { InvocationContext } from '@azure/functions';
import { DocumentConflictError, type Clock, type DocumentCollection, type DocumentStore } from '../ports/index.js';
import { describeIssues, partnerChangeSchema } from './messages.js';
import { messageIdOf, rejectMessage } from './rejections.js';

/** Marks a partner as known (nightlyRecompute lists these). Skeleton shape; the pipeline issue replaces it. */
export const PARTNER_MARKER_ID = 'partner';

export async function createIfAbsent(collection: DocumentCollection, doc: { id: string; [k: string]: unknown }): Promise<boolean> {
  try {
    await collection.create(doc);
    return true;
  } catch (err) {
    if (err instanceof DocumentConflictError) return false;
    throw err;
  }
}

/**
 * partner-changes → one document per change in `partners` (skeleton: stores the change as received).
 * Idempotent: the document id comes from the message id, so a redelivery finds it already there.
 */
export function processPartnerChangeHandler(deps: { store: DocumentStore; clock: Clock }) {
  return async (message: unknown, context: InvocationContext): Promise<void> => {
    const parsed = partnerChangeSchema.safeParse(message);
    if (!parsed.success) {
      await rejectMessage(deps, context, message, describeIssues(parsed.error));
      return;
    }
    const change = parsed.data;
    const messageId = messageIdOf(context, message);
    const partners = deps.store.collection('partners');
    const now = deps.clock.now().toISOString();
    const created = await createIfAbsent(partners, {
      id: `change-${messageId}`.replace(/[/\\?#]/g, '_'),
      partnerId: change.partnerId,
      type: 'change',
      messageId,
      change,
      receivedAt: now,
    });
    await createIfAbsent(partners, { id: PARTNER_MARKER_ID, partnerId: change.partnerId, type: 'partner', firstSeenAt: now });
    context.log(created ? `stored change ${messageId} for ${change.partnerId}` : `change ${messageId} was already stored`);
  };
}
