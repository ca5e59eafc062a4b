// Running a Service Bus-triggered handler the way the Functions host does (peek-lock, call, complete),
// against the private stand-in. `deliveries: 2` calls the handler twice per message (a redelivery).
import type { ServiceBusClient } from '@azure/service-bus';

import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { makeMessage, type PartnerChangeMessage } from '../../../shared/domain/changes/message.js';
import { fakeContext } from '../../unit/pipeline/fakes.js';

export type QueueHandler = (body: unknown, context: never) => Promise<unknown>;

export async function runProcessor(
  client: ServiceBusClient,
  queue: string,
  functionName: string,
  handler: QueueHandler,
  options: { deliveries?: number; max?: number } = {},
): Promise<{ processed: string[]; logs: string[] }> {
  const receiver = client.createReceiver(queue, { receiveMode: 'peekLock' });
  const processed: string[] = [];
  const logs: string[] = [];
  try {
    for (;;) {
      const batch = await receiver.receiveMessages(50, { maxWaitTimeInMs: 300 });
      if (batch.length === 0) break;
      for (const message of batch) {
        for (let d = 1; d <= (options.deliveries ?? 1); d++) {
          const { context, logs: l } = fakeContext(functionName, String(message.messageId), d);
          await handler(message.body, context as never);
          logs.push(...l);
        }
        await receiver.completeMessage(message);
        processed.push(String(message.messageId));
      }
      if (options.max !== undefined && processed.length >= options.max) break;
    }
  } finally {
    await receiver.close();
  }
  return { processed, logs };
}

/** The same changes under another partner id (so one database holds independent variants). */
export function asPartner(changes: readonly ChangeEvent[], partnerId: string): ChangeEvent[] {
  return changes.map((c) => ({ ...c, partnerId }));
}

export function messagesOf(partnerId: string, changes: readonly ChangeEvent[], batchSize: number): PartnerChangeMessage[] {
  const out: PartnerChangeMessage[] = [];
  for (let i = 0; i < changes.length; i += batchSize) out.push(makeMessage(partnerId, changes.slice(i, i + batchSize)));
  return out;
}

/** Deterministic shuffle (seeded), so a failure reproduces. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
