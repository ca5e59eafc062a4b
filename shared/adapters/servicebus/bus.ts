import { ServiceBusClient, type ServiceBusMessage, type ServiceBusSender } from '@azure/service-bus';

import type { ServiceBusAccess } from '../../config/connections.js';
import type { HealthProbe } from '../../ports/health.js';
import type { MessageBus, OutboundMessage } from '../../ports/messageBus.js';
import { type CredentialFactory, defaultCredentials } from '../identity/credential.js';

/**
 * From a connection string, or keyless: the namespace plus the app's identity (Service Bus Data Sender and
 * Receiver, or Data Owner, on the namespace) — the same settings the ServiceBusConnection trigger bindings read.
 */
export function createServiceBusClient(
  access: ServiceBusAccess | string,
  credentials: CredentialFactory = defaultCredentials,
): ServiceBusClient {
  if (typeof access === 'string') return new ServiceBusClient(access);
  return access.auth === 'connectionString'
    ? new ServiceBusClient(access.connectionString)
    : new ServiceBusClient(access.fullyQualifiedNamespace, credentials(access.identity));
}

function toSdkMessage(m: OutboundMessage): ServiceBusMessage {
  return {
    messageId: m.messageId,
    body: m.body,
    contentType: 'application/json',
    ...(m.applicationProperties ? { applicationProperties: m.applicationProperties } : {}),
    ...(m.correlationId ? { correlationId: m.correlationId } : {}),
    ...(m.subject ? { subject: m.subject } : {}),
  };
}

/** MessageBus over @azure/service-bus: one cached sender per queue, batches sized by the broker's limit. */
export class ServiceBusMessageBus implements MessageBus {
  private readonly senders = new Map<string, ServiceBusSender>();

  constructor(private readonly client: ServiceBusClient) {}

  private sender(queue: string): ServiceBusSender {
    let s = this.senders.get(queue);
    if (!s) {
      s = this.client.createSender(queue);
      this.senders.set(queue, s);
    }
    return s;
  }

  async send(queue: string, messages: readonly OutboundMessage[]): Promise<void> {
    const sender = this.sender(queue);
    const sentAt = Date.now();
    const scheduledFor = (m: OutboundMessage): Date | undefined =>
      m.scheduledEnqueueTime ?? (m.delayMs !== undefined && m.delayMs > 0 ? new Date(sentAt + m.delayMs) : undefined);
    const now = messages.filter((m) => !scheduledFor(m));
    const later = new Map<number, OutboundMessage[]>();
    for (const m of messages) {
      const at = scheduledFor(m)?.getTime();
      if (at !== undefined) later.set(at, [...(later.get(at) ?? []), m]);
    }
    let batch = await sender.createMessageBatch();
    for (const m of now) {
      const msg = toSdkMessage(m);
      if (batch.tryAddMessage(msg)) continue;
      if (batch.count === 0) throw new Error(`message ${m.messageId} is too large for one Service Bus message`);
      await sender.sendMessages(batch);
      batch = await sender.createMessageBatch();
      if (!batch.tryAddMessage(msg)) throw new Error(`message ${m.messageId} is too large for one Service Bus message`);
    }
    if (batch.count > 0) await sender.sendMessages(batch);
    // One schedule call per enqueue time (a dispatch schedules all its notifications for the same time).
    for (const [at, group] of later) await sender.scheduleMessages(group.map(toSdkMessage), new Date(at));
  }

  async close(): Promise<void> {
    await Promise.all([...this.senders.values()].map((s) => s.close()));
    this.senders.clear();
  }
}

/**
 * Peeks one message of a queue: a $management round trip to the broker on every check, unlike opening a
 * sender, which is cached after the first time.
 */
export function serviceBusProbe(client: ServiceBusClient, queue: string): HealthProbe {
  const receiver = client.createReceiver(queue, { receiveMode: 'peekLock' });
  return {
    name: 'serviceBus',
    async check() {
      await receiver.peekMessages(1);
    },
  };
}
