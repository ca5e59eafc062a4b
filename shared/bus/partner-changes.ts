// The one path from a PartnerChangeMessage to the partner-changes queue, shared by the export pull, claims' effects,
// the Insights pull and the push endpoint. The Service Bus messageId is the message's content hash,
// so re-sending the same changes (a re-dropped file, a retried push, a repeated timer run) is
// dropped by the broker's duplicate detection — and the processor is idempotent beyond its window.
import type { PartnerChangeMessage } from '../domain/changes/message.js';
import { type MessageBus, type OutboundMessage, QUEUES } from '../ports/messageBus.js';

export function toOutbound(message: PartnerChangeMessage): OutboundMessage {
  const properties: Record<string, string | number> = { partnerId: message.partnerId, changes: message.changes.length };
  if (message.source.file !== undefined) properties.file = message.source.file;
  if (message.source.webhookId !== undefined) properties.webhookId = message.source.webhookId;
  if (message.snapshot) properties.snapshot = message.snapshot.kind;
  return { messageId: message.id, body: message, applicationProperties: properties, subject: 'partner-change' };
}

export type ChangeSender = (messages: readonly PartnerChangeMessage[]) => Promise<void>;

/** Sends to `queue` (partner-changes unless a test isolates itself on a queue of its own). */
export function changeSender(bus: MessageBus, queue: string = QUEUES.partnerChanges): ChangeSender {
  return async (messages) => {
    if (messages.length > 0) await bus.send(queue, messages.map(toOutbound));
  };
}
