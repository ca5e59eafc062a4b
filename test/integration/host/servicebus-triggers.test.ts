// The local host's Service Bus trigger driver against the stand-in: complete on success, abandon on a
// thrown error, dead-letter at the maximum delivery count, Functions-style trigger metadata.
import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, describe, expect, it } from 'vitest';

import type { RegisteredFunction } from '../../../devtools/host/fake-core.js';
import { startServiceBusTriggers } from '../../../devtools/host/servicebus.js';
import { stackConfig, unique, waitFor } from '../helpers.js';

const config = stackConfig();
const client = new ServiceBusClient(config.ServiceBusConnection);
afterAll(() => client.close());

function queueFunction(
  name: string,
  queueName: string,
  handler: (message: unknown, context: { triggerMetadata?: Record<string, unknown> }) => Promise<void>,
): RegisteredFunction {
  return {
    name,
    bindings: {},
    trigger: { name: 'trigger', type: 'serviceBusTrigger', direction: 'in', queueName: '%QUEUE_' + name + '%', connection: 'SB' },
    handler: handler as RegisteredFunction['handler'],
  };
}

describe('Service Bus triggers in the local host', () => {
  it('completes on success, retries a thrown error, and dead-letters at the maximum delivery count', async () => {
    const okQueue = unique('ok');
    const flakyQueue = unique('flaky');
    const brokenQueue = unique('broken');
    const seen: Array<{ fn: string; body: unknown; meta: Record<string, unknown> }> = [];
    let flakyCalls = 0;
    const lines: string[] = [];
    const triggers = startServiceBusTriggers({
      functions: [
        queueFunction('ok', okQueue, async (body, ctx) => void seen.push({ fn: 'ok', body, meta: ctx.triggerMetadata ?? {} })),
        queueFunction('flaky', flakyQueue, async (body, ctx) => {
          seen.push({ fn: 'flaky', body, meta: ctx.triggerMetadata ?? {} });
          if (++flakyCalls === 1) throw new Error('first try fails');
        }),
        queueFunction('broken', brokenQueue, async (body, ctx) => {
          seen.push({ fn: 'broken', body, meta: ctx.triggerMetadata ?? {} });
          throw new Error('always fails');
        }),
      ],
      settings: { SB: config.ServiceBusConnection, QUEUE_ok: okQueue, QUEUE_flaky: flakyQueue, QUEUE_broken: brokenQueue },
      maxDeliveryCount: 3,
      log: (l) => lines.push(l),
    });
    expect([...triggers.queues.values()]).toEqual([okQueue, flakyQueue, brokenQueue]);

    const send = (queue: string, messageId: string, body: unknown) =>
      client.createSender(queue).sendMessages({ messageId, body, applicationProperties: { source: 'test' } });
    await send(okQueue, 'ok-1', { hello: 'world' });
    await send(flakyQueue, 'flaky-1', { n: 1 });
    await send(brokenQueue, 'broken-1', { n: 2 });

    const dlq = client.createReceiver(brokenQueue, { subQueueType: 'deadLetter', receiveMode: 'receiveAndDelete' });
    const dead = await waitFor('the dead-lettered message', async () => (await dlq.receiveMessages(1, { maxWaitTimeInMs: 500 }))[0]);
    await dlq.close();
    await waitFor('the flaky message to succeed', async () => flakyCalls >= 2);
    await triggers.stop();

    const ok = seen.filter((s) => s.fn === 'ok');
    expect(ok).toHaveLength(1);
    expect(ok[0]!.body).toEqual({ hello: 'world' });
    expect(ok[0]!.meta).toMatchObject({ messageId: 'ok-1', deliveryCount: 1, applicationProperties: { source: 'test' } });
    expect(typeof ok[0]!.meta.enqueuedTimeUtc).toBe('string');

    expect(seen.filter((s) => s.fn === 'flaky').map((s) => s.meta.deliveryCount)).toEqual([1, 2]);

    expect(seen.filter((s) => s.fn === 'broken').map((s) => s.meta.deliveryCount)).toEqual([1, 2, 3]);
    expect(dead.messageId).toBe('broken-1');
    expect(dead.deadLetterReason).toBe('MaxDeliveryCountExceeded');
    expect(dead.deadLetterErrorDescription).toContain('always fails');

    // Nothing left behind: the successful ones were completed.
    for (const q of [okQueue, flakyQueue, brokenQueue]) {
      const peek = client.createReceiver(q);
      expect(await peek.peekMessages(10)).toEqual([]);
      await peek.close();
    }
  });
});
