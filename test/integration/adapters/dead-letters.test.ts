// The DeadLetterReader adapter against the Service Bus stand-in through the unmodified @azure/service-bus
// SDK: messages dead-lettered by the app (reason, description) and by the broker (MaxDeliveryCountExceeded)
// are peeked from the dead-letter sub-queue with their fields, and stay there (peeking twice sees them again).
import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, describe, expect, it } from 'vitest';

import { ServiceBusDeadLetterReader } from '../../../shared/adapters/servicebus/dead-letters.js';
import type { QueueName } from '../../../shared/ports/messageBus.js';
import { stackConfig, unique } from '../helpers.js';

const config = stackConfig();
const client = new ServiceBusClient(config.ServiceBusConnection);
const reader = new ServiceBusDeadLetterReader(client);

afterAll(async () => {
  await client.close();
});

describe('ServiceBusDeadLetterReader', () => {
  it('peeks dead-lettered messages with reason, description, times, delivery count and body, leaving them in place', async () => {
    const queue = unique('dlq') as QueueName; // any queue name: the stand-in creates it on first use
    const sender = client.createSender(queue);
    await sender.sendMessages([
      { messageId: 'bad-1', body: { partnerId: 'p1', n: 1 }, contentType: 'application/json' },
      { messageId: 'bad-2', body: { partnerId: 'p2', n: 2 }, contentType: 'application/json' },
      { messageId: 'fine', body: { n: 3 } },
    ]);
    await sender.close();
    const receiver = client.createReceiver(queue, { receiveMode: 'peekLock' });
    const got = await receiver.receiveMessages(3, { maxWaitTimeInMs: 5_000 });
    expect(got.map((m) => m.messageId).sort()).toEqual(['bad-1', 'bad-2', 'fine']);
    for (const m of got) {
      if (m.messageId === 'fine')
        await receiver.abandonMessage(m); // back on the queue, not dead-lettered
      else
        await receiver.deadLetterMessage(m, {
          deadLetterReason: 'ValidationFailed',
          deadLetterErrorDescription: `message ${String(m.messageId)} is not valid`,
        });
    }
    await receiver.close();

    const first = await reader.peek(queue, 10);
    expect(first.map((m) => m.messageId)).toEqual(['bad-1', 'bad-2']);
    expect(first[0]).toMatchObject({
      messageId: 'bad-1',
      deadLetterReason: 'ValidationFailed',
      deadLetterErrorDescription: 'message bad-1 is not valid',
      body: { partnerId: 'p1', n: 1 },
    });
    expect(first[0]!.sequenceNumber).toMatch(/^\d+$/);
    expect(Date.parse(first[0]!.enqueuedTimeUtc!)).toBeGreaterThan(Date.now() - 60_000);
    expect(typeof first[0]!.deliveryCount).toBe('number');

    // A peek, not a receive: a second reader call sees the same messages, from the start; max is honoured.
    expect((await reader.peek(queue, 10)).map((m) => m.messageId)).toEqual(['bad-1', 'bad-2']);
    expect((await reader.peek(queue, 1)).map((m) => m.messageId)).toEqual(['bad-1']);
    // The active queue still holds the abandoned message.
    const active = client.createReceiver(queue, { receiveMode: 'receiveAndDelete' });
    expect((await active.receiveMessages(5, { maxWaitTimeInMs: 2_000 })).map((m) => m.messageId)).toEqual(['fine']);
    await active.close();
  }, 30_000);

  it('reads the broker’s MaxDeliveryCountExceeded dead letters, and an empty sub-queue as []', async () => {
    const queue = unique('dlq-max') as QueueName;
    expect(await reader.peek(queue, 5)).toEqual([]);
    const sender = client.createSender(queue);
    await sender.sendMessages({ messageId: 'poison', body: { x: 1 } });
    await sender.close();
    const receiver = client.createReceiver(queue, { receiveMode: 'peekLock' });
    for (let i = 0; i < 10; i++) {
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5_000 });
      expect(m, `delivery ${i + 1}`).toBeDefined();
      await receiver.abandonMessage(m!);
    }
    await receiver.close();
    const [dead] = await reader.peek(queue, 5);
    expect(dead).toMatchObject({ messageId: 'poison', deadLetterReason: 'MaxDeliveryCountExceeded', body: { x: 1 } });
  }, 30_000);
});
