// Sending messages to a queue. Receiving is the Functions host's job (Service Bus triggers), not a port.

/** Queue names, fixed by decision; the bindings in functions/index.ts and infra/ use the same names. */
export const QUEUES = {
  /** A change for one partner. */
  partnerChanges: 'partner-changes',
  /** Re-score one partner. */
  partnerRecompute: 'partner-recompute',
  /** One mail to send. */
  notifications: 'notifications',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface OutboundMessage {
  /** Deterministic id: Service Bus duplicate detection drops a repeat within its window. */
  messageId: string;
  /** JSON-serialisable body. */
  body: unknown;
  applicationProperties?: Record<string, string | number | boolean | Date | null>;
  /** Hold the message invisible until this time. */
  scheduledEnqueueTime?: Date;
  /**
   * Hold the message invisible this long after the broker accepts it: real time, whatever the business
   * clock says (the local host may run on another day). Ignored when scheduledEnqueueTime is set.
   */
  delayMs?: number;
  correlationId?: string;
  subject?: string;
}

export interface MessageBus {
  /** Sends all messages (batched as the transport allows). Resolves once the broker accepted them. */
  send(queue: string, messages: readonly OutboundMessage[]): Promise<void>;
}
