// DeadLetterReader over @azure/service-bus: a receiver on the queue's dead-letter sub-queue that only
// peeks (a $management round trip; nothing is locked, received or settled). Every peek names sequence
// number 0 as its start: without it the SDK continues from the last message peeked on that entity by any
// receiver of the same client (the management client is shared), so a second call would see nothing.
// `long` is the SDK's own dependency (its type for 64-bit sequence numbers).
import type { ServiceBusClient, ServiceBusReceivedMessage } from '@azure/service-bus';
import Long from 'long';

import type { DeadLetteredMessage, DeadLetterReader } from '../../ports/deadLetters.js';
import type { QueueName } from '../../ports/messageBus.js';

export class ServiceBusDeadLetterReader implements DeadLetterReader {
  constructor(private readonly client: ServiceBusClient) {}

  async peek(queue: QueueName, max: number): Promise<DeadLetteredMessage[]> {
    const receiver = this.client.createReceiver(queue, { subQueueType: 'deadLetter' });
    try {
      return (await receiver.peekMessages(max, { fromSequenceNumber: Long.ZERO })).map(deadLettered);
    } finally {
      await receiver.close();
    }
  }
}

function deadLettered(m: ServiceBusReceivedMessage): DeadLetteredMessage {
  const id = m.messageId;
  return {
    messageId: id === undefined || id === null ? null : String(id),
    sequenceNumber: m.sequenceNumber === undefined ? null : m.sequenceNumber.toString(),
    deadLetterReason: m.deadLetterReason ?? null,
    deadLetterErrorDescription: m.deadLetterErrorDescription ?? null,
    enqueuedTimeUtc: m.enqueuedTimeUtc ? m.enqueuedTimeUtc.toISOString() : null,
    deliveryCount: typeof m.deliveryCount === 'number' ? m.deliveryCount : null,
    body: m.body,
  };
}
