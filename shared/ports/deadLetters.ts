// Reading (never receiving) the dead-letter sub-queues, for operators: what failed every delivery.
import type { QueueName } from './messageBus.js';

export interface DeadLetteredMessage {
  messageId: string | null;
  /** The broker's sequence number, as a decimal string (it is a 64-bit number). */
  sequenceNumber: string | null;
  /** e.g. MaxDeliveryCountExceeded, or the reason the app gave. */
  deadLetterReason: string | null;
  deadLetterErrorDescription: string | null;
  /** ISO time the message was first enqueued. */
  enqueuedTimeUtc: string | null;
  deliveryCount: number | null;
  /** The message body as the SDK decodes it (JSON for this app's messages). */
  body: unknown;
}

export interface DeadLetterReader {
  /** The first `max` messages of `queue`'s dead-letter sub-queue, in sequence order, left where they are (peek). */
  peek(queue: QueueName, max: number): Promise<DeadLetteredMessage[]>;
}
