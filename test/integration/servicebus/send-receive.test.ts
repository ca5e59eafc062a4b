// Sending (single, array, batch) and receiving (peekLock, receiveAndDelete, subscribe) against the
// Service Bus stand-in with the unmodified SDK.
import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { eventually, type StandInFixture, startFixture, uniqueQueue } from './helpers.js';

let f: StandInFixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('send and receive (peekLock)', () => {
  test('a message round-trips body, ids, properties and the broker annotations', async () => {
    const queue = uniqueQueue('roundtrip');
    const sender = f.client.createSender(queue);
    const before = Date.now();
    await sender.sendMessages({
      body: { partnerId: 'p-1', points: 42 },
      messageId: 'msg-1',
      correlationId: 'corr-1',
      subject: 'designation.changed',
      contentType: 'application/json',
      applicationProperties: { kind: 'test', attempt: 3, flag: true },
    });
    const receiver = f.client.createReceiver(queue);
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5_000 });

    expect(message).toBeDefined();
    const m = message!;
    expect(m.body).toEqual({ partnerId: 'p-1', points: 42 });
    expect(m.messageId).toBe('msg-1');
    expect(m.correlationId).toBe('corr-1');
    expect(m.subject).toBe('designation.changed');
    expect(m.contentType).toBe('application/json');
    expect(m.applicationProperties).toEqual({ kind: 'test', attempt: 3, flag: true });
    expect(m.deliveryCount).toBe(0);
    expect(m.sequenceNumber?.toNumber()).toBe(1);
    expect(m.lockToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(m.enqueuedTimeUtc!.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(m.lockedUntilUtc!.getTime()).toBeGreaterThan(Date.now());
    expect(f.standIn.stats(queue)).toEqual({ active: 0, scheduled: 0, locked: 1, deadLettered: 0 });

    await receiver.completeMessage(m);
    expect(f.standIn.stats(queue)).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 0 });
    await receiver.close();
    await sender.close();
  });

  test('array and createMessageBatch sends arrive as individual messages in order', async () => {
    const queue = uniqueQueue('batch');
    const sender = f.client.createSender(queue);
    await sender.sendMessages([{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
    const batch = await sender.createMessageBatch();
    // The SDK sizes batches from the max_message_size on the server's receiver attach.
    expect(batch.maxSizeInBytes).toBe(1024 * 1024);
    for (const body of ['d', 'e']) expect(batch.tryAddMessage({ body, messageId: `id-${body}` })).toBe(true);
    await sender.sendMessages(batch);
    expect(f.standIn.stats(queue).active).toBe(5);

    const receiver = f.client.createReceiver(queue);
    const received: ServiceBusReceivedMessage[] = [];
    while (received.length < 5) {
      const got = await receiver.receiveMessages(5 - received.length, { maxWaitTimeInMs: 2_000 });
      if (got.length === 0) break;
      received.push(...got);
    }
    expect(received.map((m) => m.body)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(received.map((m) => m.sequenceNumber?.toNumber())).toEqual([1, 2, 3, 4, 5]);
    // Messages sent without a messageId get one from the broker (the SDK needs it to settle).
    for (const m of received) expect(m.messageId).toBeTruthy();
    for (const m of received) await receiver.completeMessage(m);
    expect(f.standIn.stats(queue).locked).toBe(0);
    await receiver.close();
    await sender.close();
  });

  test('receiveMessages drains leftover credit, so completion stays on the receiver link', async () => {
    const queue = uniqueQueue('drain');
    const sender = f.client.createSender(queue);
    await sender.sendMessages([{ body: 1 }, { body: 2 }]);
    const receiver = f.client.createReceiver(queue);
    // Asks for more than there is: the SDK drains the remaining credit before returning.
    const got = await receiver.receiveMessages(10, { maxWaitTimeInMs: 1_000 });
    expect(got.map((m) => m.body)).toEqual([1, 2]);
    for (const m of got) await receiver.completeMessage(m);
    // Had the drain gone unanswered, the SDK would have closed the link and settled via $management.
    expect(f.logLines.filter((l) => l.includes('update-disposition'))).toEqual([]);
    // The link still works for a second round.
    await sender.sendMessages({ body: 3 });
    const again = await receiver.receiveMessages(5, { maxWaitTimeInMs: 1_000 });
    expect(again.map((m) => m.body)).toEqual([3]);
    await receiver.completeMessage(again[0]!);
    expect(f.standIn.stats(queue)).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 0 });
    await receiver.close();
    await sender.close();
  });
});

describe('receiveAndDelete', () => {
  test('messages are removed on delivery and carry no lock token', async () => {
    const queue = uniqueQueue('rad');
    const sender = f.client.createSender(queue);
    await sender.sendMessages([{ body: 'x' }, { body: 'y' }]);
    const receiver = f.client.createReceiver(queue, { receiveMode: 'receiveAndDelete' });
    const got = await receiver.receiveMessages(2, { maxWaitTimeInMs: 2_000 });
    expect(got.map((m) => m.body)).toEqual(['x', 'y']);
    expect(got.every((m) => m.lockToken === undefined)).toBe(true);
    expect(f.standIn.stats(queue)).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 0 });
    await receiver.close();
    await sender.close();
  });
});

describe('subscribe', () => {
  test('with autoCompleteMessages every handled message is completed', async () => {
    const queue = uniqueQueue('sub-auto');
    const sender = f.client.createSender(queue);
    await sender.sendMessages([1, 2, 3].map((n) => ({ body: n })));
    const receiver = f.client.createReceiver(queue);
    const seen: number[] = [];
    const subscription = receiver.subscribe(
      {
        processMessage: async (m) => {
          seen.push(m.body as number);
        },
        processError: async () => {},
      },
      { autoCompleteMessages: true },
    );
    await eventually(() => seen.length === 3 && f.standIn.stats(queue).locked === 0, 'three auto-completed messages');
    expect(seen).toEqual([1, 2, 3]);
    expect(f.standIn.stats(queue)).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 0 });
    await subscription.close();
    await receiver.close();
    await sender.close();
  });

  test('without autoComplete the handler settles explicitly', async () => {
    const queue = uniqueQueue('sub-manual');
    const sender = f.client.createSender(queue);
    await sender.sendMessages([{ body: 'keep' }, { body: 'done' }]);
    const receiver = f.client.createReceiver(queue, { maxAutoLockRenewalDurationInMs: 0 });
    const completed: string[] = [];
    const subscription = receiver.subscribe(
      {
        processMessage: async (m) => {
          if (m.body === 'done') {
            await receiver.completeMessage(m);
            completed.push(m.body as string);
          }
        },
        processError: async () => {},
      },
      { autoCompleteMessages: false },
    );
    await eventually(() => completed.length === 1, 'the explicit completion');
    await subscription.close();
    // 'keep' was neither completed nor abandoned: it is still locked by the subscription.
    expect(f.standIn.stats(queue)).toMatchObject({ active: 0, locked: 1 });
    await receiver.close();
    await sender.close();
  });
});
