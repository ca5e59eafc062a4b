// Drives the registered Service Bus queue triggers through unmodified @azure/service-bus receivers, as the
// Functions host does: peek-lock; complete on success; abandon on a thrown error; dead-letter once the
// delivery count reaches the maximum (the broker does the same for queues configured with that maximum).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { type ServiceBusClient, type ServiceBusReceivedMessage, type ServiceBusReceiver } from '@azure/service-bus';

import { createServiceBusClient } from '../../shared/adapters/servicebus/bus.js';
import { identityFor, normalizeNamespace, type ServiceBusAccess } from '../../shared/config/connections.js';
import { InvocationContext } from './azure-functions.js';
import { type RegisteredFunction, resolveBindingExpression } from './fake-core.js';

export interface ServiceBusTriggerHandle {
  queues: Map<string, string>;
  stop(): Promise<void>;
}

/**
 * The AMQP delivery-count the SDK reports counts earlier failed deliveries (0 on the first); the Functions
 * host's DeliveryCount counts this one too (1 on the first). Handlers get the Functions meaning.
 */
export function attemptOf(m: ServiceBusReceivedMessage): number {
  return (m.deliveryCount ?? 0) + 1;
}

export function triggerMetadataOf(m: ServiceBusReceivedMessage): Record<string, unknown> {
  return {
    messageId: m.messageId,
    deliveryCount: attemptOf(m),
    enqueuedTimeUtc: m.enqueuedTimeUtc?.toISOString(),
    expiresAtUtc: m.expiresAtUtc?.toISOString(),
    lockedUntilUtc: m.lockedUntilUtc?.toISOString(),
    lockToken: m.lockToken,
    sequenceNumber: m.sequenceNumber?.toString(),
    contentType: m.contentType,
    correlationId: m.correlationId,
    subject: m.subject,
    label: m.subject,
    applicationProperties: m.applicationProperties ?? {},
    userProperties: m.applicationProperties ?? {},
  };
}

/**
 * The client a binding's connection setting names, as the Functions host reads it: `<setting>` is a
 * connection string; otherwise `<setting>__fullyQualifiedNamespace` (+ `__credential`, `__clientId`) is keyless.
 * Returns the key clients are shared under, too (one client per connection).
 */
function serviceBusAccessFor(setting: string, settings: Record<string, unknown>): { key: string; access: ServiceBusAccess } {
  const text = (name: string) => {
    const v = settings[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const connectionString = text(setting);
  if (connectionString) return { key: connectionString, access: { auth: 'connectionString', connectionString } };
  const namespace = text(`${setting}__fullyQualifiedNamespace`);
  if (namespace) {
    const identity = identityFor(
      { credential: text(`${setting}__credential`), clientId: text(`${setting}__clientId`), AZURE_CLIENT_ID: text('AZURE_CLIENT_ID') },
      'local',
    );
    return {
      key: `${namespace}|${JSON.stringify(identity)}`,
      access: { auth: 'identity', fullyQualifiedNamespace: normalizeNamespace(namespace), identity },
    };
  }
  throw new Error(`Service Bus connection setting ${setting} is not set (nor ${setting}__fullyQualifiedNamespace)`);
}

/** The Functions host's Service Bus default when host.json says nothing (extension 5.x: 16). */
export const DEFAULT_MAX_CONCURRENT_CALLS = 16;

/** host.json's extensions.serviceBus.maxConcurrentCalls (a positive integer), else the host's default. */
export function maxConcurrentCallsOf(hostJson: unknown): number {
  const v = (hostJson as { extensions?: { serviceBus?: { maxConcurrentCalls?: unknown } } } | null)?.extensions?.serviceBus
    ?.maxConcurrentCalls;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_MAX_CONCURRENT_CALLS;
}

/** The app's host.json's maxConcurrentCalls: what each local queue trigger processes at once. */
export function readMaxConcurrentCalls(file: string = path.resolve(import.meta.dirname, '../../host.json')): number {
  return maxConcurrentCallsOf(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

export function startServiceBusTriggers(opts: {
  functions: Iterable<RegisteredFunction>;
  settings: Record<string, unknown>;
  maxDeliveryCount: number;
  /** Messages processed at once per queue; default host.json's extensions.serviceBus.maxConcurrentCalls. */
  maxConcurrentCalls?: number;
  log: (line: string) => void;
}): ServiceBusTriggerHandle {
  const maxConcurrentCalls = opts.maxConcurrentCalls ?? readMaxConcurrentCalls();
  const fns = [...opts.functions].filter((f) => f.trigger.type.toLowerCase() === 'servicebustrigger');
  const clients = new Map<string, ServiceBusClient>();
  const receivers: Array<{ receiver: ServiceBusReceiver; close: () => Promise<void> }> = [];
  const inFlight = new Set<Promise<void>>();
  const queues = new Map<string, string>();
  let stopping = false;

  for (const fn of fns) {
    const connection = String(fn.trigger.connection ?? 'AzureWebJobsServiceBus');
    const queueName = resolveBindingExpression(String(fn.trigger.queueName), opts.settings);
    queues.set(fn.name, queueName);
    const { key, access } = serviceBusAccessFor(connection, opts.settings);
    let client = clients.get(key);
    if (!client) {
      client = createServiceBusClient(access);
      clients.set(key, client);
    }
    const receiver = client.createReceiver(queueName, { receiveMode: 'peekLock' });

    const processOne = async (message: ServiceBusReceivedMessage) => {
      const context = new InvocationContext({
        invocationId: randomUUID(),
        functionName: fn.name,
        triggerMetadata: triggerMetadataOf(message),
        options: { trigger: fn.trigger as never },
        logHandler: (level, ...args) =>
          opts.log(`[${fn.name}] ${level === 'information' ? '' : level + ': '}${args.map(String).join(' ')}`),
      });
      try {
        await fn.handler(message.body, context);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        const deliveries = attemptOf(message);
        if (deliveries >= opts.maxDeliveryCount) {
          opts.log(`[${fn.name}] failed on delivery ${deliveries}/${opts.maxDeliveryCount}, dead-lettering ${message.messageId}: ${why}`);
          await receiver.deadLetterMessage(message, {
            deadLetterReason: 'MaxDeliveryCountExceeded',
            deadLetterErrorDescription: why.slice(0, 1000),
          });
        } else {
          opts.log(`[${fn.name}] failed on delivery ${deliveries}/${opts.maxDeliveryCount}, abandoning ${message.messageId}: ${why}`);
          await receiver.abandonMessage(message);
        }
        return;
      }
      await receiver.completeMessage(message);
    };

    const subscription = receiver.subscribe(
      {
        processMessage: async (message) => {
          if (stopping) {
            await receiver.abandonMessage(message).catch(() => {});
            return;
          }
          const p = processOne(message);
          inFlight.add(p);
          try {
            await p;
          } finally {
            inFlight.delete(p);
          }
        },
        processError: async (args) => {
          if (stopping) return;
          opts.log(`[${fn.name}] receiver error (${args.errorSource}): ${args.error.message}`);
        },
      },
      { autoCompleteMessages: false, maxConcurrentCalls },
    );
    receivers.push({ receiver, close: () => subscription.close() });
  }

  return {
    queues,
    async stop() {
      stopping = true;
      await Promise.allSettled(receivers.map((r) => r.close()));
      await Promise.allSettled([...inFlight]);
      await Promise.allSettled(receivers.map((r) => r.receiver.close()));
      await Promise.allSettled([...clients.values()].map((c) => c.close()));
    },
  };
}
