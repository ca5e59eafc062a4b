// complete / abandon / dead-letter, the dead-letter sub-queue, max delivery count, and settlement
// through $management once the receiving link is gone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { type StandInFixture, startFixture, uniqueQueue } from './helpers.js';

let f: StandInFixture;
beforeAll(async () => {
  f = await startFixture({ queues: [{ name: 'max3', maxDeliveryCount: 3 }] });
});
afterAll(async () => {
  await f?.close();
});

describe('abandon', () => {
  test('redelivers the message with deliveryCount + 1', async () => {
    const queue = uniqueQueue('abandon');
    const sender = f.client.createSender(queue);
    await sender.sendMessages({ body: 'again', messageId: 'a-1' });
    const receiver = f.client.createReceiver(queue);
    const [first] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(first?.deliveryCount).toBe(0);
    await receiver.abandonMessage(first!, { retriedBy: 'test' });

    const [second] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(second?.messageId).toBe('a-1');
    expect(second?.deliveryCount).toBe(1);
    expect(second?.sequenceNumber?.toNumber()).toBe(first?.sequenceNumber?.toNumber());
    // Properties to modify on abandon land in the application properties, as on Azure.
    expect(second?.applicationProperties).toMatchObject({ retriedBy: 'test' });
    await receiver.completeMessage(second!);
    expect(f.standIn.stats(queue)).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 0 });
    await receiver.close();
    await sender.close();
  });

  test('an abandoned message keeps its place ahead of later messages', async () => {
    const queue = uniqueQueue('order');
    const sender = f.client.createSender(queue);
    await sender.sendMessages([{ body: 1 }, { body: 2 }]);
    const receiver = f.client.createReceiver(queue);
    const [one] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    await receiver.abandonMessage(one!);
    const got = await receiver.receiveMessages(2, { maxWaitTimeInMs: 1_000 });
    expect(got.map((m) => m.body)).toEqual([1, 2]);
    for (const m of got) await receiver.completeMessage(m);
    await receiver.close();
    await sender.close();
  });
});

describe('dead-letter', () => {
  test('deadLetterMessage moves it to the sub-queue with reason and description', async () => {
    const queue = uniqueQueue('dlq');
    const sender = f.client.createSender(queue);
    await sender.sendMessages({ body: { bad: true }, messageId: 'poison', applicationProperties: { origin: 'test' } });
    const receiver = f.client.createReceiver(queue);
    const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    await receiver.deadLetterMessage(m!, { deadLetterReason: 'ValidationFailed', deadLetterErrorDescription: 'points must be >= 0' });
    expect(f.standIn.stats(queue)).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 1 });

    const dlq = f.client.createReceiver(queue, { subQueueType: 'deadLetter' });
    const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(dead?.messageId).toBe('poison');
    expect(dead?.body).toEqual({ bad: true });
    expect(dead?.deadLetterReason).toBe('ValidationFailed');
    expect(dead?.deadLetterErrorDescription).toBe('points must be >= 0');
    expect(dead?.applicationProperties).toMatchObject({ origin: 'test' });
    await dlq.completeMessage(dead!);
    expect(f.standIn.stats(queue).deadLettered).toBe(0);
    expect(f.standIn.stats(`${queue}/$deadletterqueue`)).toMatchObject({ active: 0, locked: 0 });
    await dlq.close();
    await receiver.close();
    await sender.close();
  });

  test('a message abandoned up to maxDeliveryCount is dead-lettered with MaxDeliveryCountExceeded', async () => {
    const sender = f.client.createSender('max3');
    await sender.sendMessages({ body: 'flaky', messageId: 'flaky-1' });
    const receiver = f.client.createReceiver('max3');
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
      expect(m?.messageId).toBe('flaky-1');
      counts.push(m!.deliveryCount!);
      await receiver.abandonMessage(m!);
    }
    expect(counts).toEqual([0, 1, 2]);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    expect(f.standIn.stats('max3')).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 1 });

    const dlq = f.client.createReceiver('max3', { subQueueType: 'deadLetter' });
    const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(dead?.messageId).toBe('flaky-1');
    expect(dead?.deadLetterReason).toBe('MaxDeliveryCountExceeded');
    expect(dead?.deadLetterErrorDescription).toMatch(/3 delivery attempts/);
    await dlq.completeMessage(dead!);
    await dlq.close();
    await receiver.close();
    await sender.close();
  });
});

describe('settlement through $management (com.microsoft:update-disposition)', () => {
  test('complete and dead-letter still work after the receiving link closed', async () => {
    const queue = uniqueQueue('mgmt-settle');
    const sender = f.client.createSender(queue);
    await sender.sendMessages([{ body: 'complete-me' }, { body: 'kill-me' }]);
    const receiver = f.client.createReceiver(queue);
    const got = await receiver.receiveMessages(2, { maxWaitTimeInMs: 2_000 });
    expect(got).toHaveLength(2);
    await receiver.close();

    // A new receiver for the same entity: the SDK sees the message's link is gone and settles by lock token.
    const other = f.client.createReceiver(queue);
    await other.completeMessage(got[0]!);
    await other.deadLetterMessage(got[1]!, { deadLetterReason: 'ViaManagement', deadLetterErrorDescription: 'link was closed' });
    expect(f.logLines.filter((l) => l.includes('update-disposition')).length).toBe(2);
    expect(f.standIn.stats(queue)).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 1 });

    const dlq = f.client.createReceiver(queue, { subQueueType: 'deadLetter' });
    const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
    expect(dead?.body).toBe('kill-me');
    expect(dead?.deadLetterReason).toBe('ViaManagement');
    expect(dead?.deadLetterErrorDescription).toBe('link was closed');
    await dlq.completeMessage(dead!);
    await dlq.close();
    await other.close();
    await sender.close();
  });
});
