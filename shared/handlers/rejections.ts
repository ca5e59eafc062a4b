import { createHash } from 'node:crypto';

import type { InvocationContext } from '@azure/functions';

import { type Clock } from '../ports/clock.js';
import { type DocumentStore, OPERATIONS_PK } from '../ports/documentStore.js';
import { safeDocumentId } from '../store/ids.js';
import { OPERATIONS_TTL_SECONDS } from '../store/ttl.js';

export interface RejectedMessage {
  id: string;
  pk: typeof OPERATIONS_PK.rejectedMessages;
  type: 'rejected-message';
  functionName: string;
  messageId: string;
  deliveryCount: number | undefined;
  reason: string;
  body: unknown;
  rejectedAt: string;
  [field: string]: unknown;
}

export function messageIdOf(context: InvocationContext, body: unknown): string {
  const id = context.triggerMetadata?.messageId;
  if (typeof id === 'string' && id !== '') return id;
  return (
    'body-' +
    createHash('sha256')
      .update(JSON.stringify(body) ?? 'undefined')
      .digest('hex')
      .slice(0, 32)
  );
}

/**
 * A message that can never succeed (it fails validation) is not retried: retrying would only burn deliveries
 * and, on Azure, the trigger cannot dead-letter at will. It is recorded where operators can see it (operations
 * container, pk rejected-messages) and the handler returns normally so the message is completed.
 * The record id is deterministic, so a redelivered copy overwrites rather than duplicates.
 */
export async function rejectMessage(
  deps: { store: DocumentStore; clock: Clock },
  context: InvocationContext,
  body: unknown,
  reason: string,
): Promise<RejectedMessage> {
  const messageId = messageIdOf(context, body);
  const deliveryCount = context.triggerMetadata?.deliveryCount;
  const record: RejectedMessage = {
    id: safeDocumentId(`${context.functionName}:${messageId}`),
    pk: OPERATIONS_PK.rejectedMessages,
    type: 'rejected-message',
    functionName: context.functionName,
    messageId,
    deliveryCount: typeof deliveryCount === 'number' ? deliveryCount : undefined,
    reason,
    body,
    rejectedAt: deps.clock.now().toISOString(),
    ttl: OPERATIONS_TTL_SECONDS.rejectedMessages,
  };
  await deps.store.collection('operations').upsert(record);
  context.warn(`rejected message ${messageId}: ${reason} (recorded in operations/${OPERATIONS_PK.rejectedMessages})`);
  return record;
}
