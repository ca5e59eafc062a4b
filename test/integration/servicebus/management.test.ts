// $management operations: peek, schedule (and scheduledEnqueueTimeUtc on a plain send), cancel,
// and a 501 for what the stand-in does not implement.
import { afterAll, beforeAll, expect, test } from 'vitest';

import { sleep, type StandInFixture, startFixture, uniqueQueue } from './helpers.js';

let f: StandInFixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f?.close();
});

test('peekMessages returns messages without locking or removing them', async () => {
  const queue = uniqueQueue('peek');
  const sender = f.client.createSender(queue);
  await sender.sendMessages([{ body: 'p1', messageId: 'p1' }, { body: 'p2' }, { body: 'p3' }]);
  const receiver = f.client.createReceiver(queue);

  const firstTwo = await receiver.peekMessages(2);
  expect(firstTwo.map((m) => m.body)).toEqual(['p1', 'p2']);
  expect(firstTwo[0]?.messageId).toBe('p1');
  expect(firstTwo.map((m) => m.sequenceNumber?.toNumber())).toEqual([1, 2]);
  expect(firstTwo.every((m) => m.lockToken === undefined)).toBe(true);
  // The SDK continues after the last peeked sequence number.
  expect((await receiver.peekMessages(5)).map((m) => m.body)).toEqual(['p3']);
  expect(await receiver.peekMessages(5)).toEqual([]);
  const second = firstTwo[1]!.sequenceNumber!;
  expect((await receiver.peekMessages(1, { fromSequenceNumber: second })).map((m) => m.body)).toEqual(['p2']);
  expect(f.standIn.stats(queue)).toEqual({ active: 3, scheduled: 0, locked: 0, deadLettered: 0 });
  await receiver.close();
  await sender.close();
});

test('scheduleMessages keeps a message invisible until it is due, then delivers it', async () => {
  const queue = uniqueQueue('schedule');
  const sender = f.client.createSender(queue);
  const due = new Date(Date.now() + 800);
  const [sequenceNumber] = await sender.scheduleMessages({ body: 'later', messageId: 'later-1' }, due);
  expect(sequenceNumber?.toNumber()).toBe(1);
  expect(f.standIn.stats(queue)).toMatchObject({ active: 0, scheduled: 1 });

  const receiver = f.client.createReceiver(queue);
  const [peeked] = await receiver.peekMessages(1);
  expect(peeked?.state).toBe('scheduled');
  expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);

  const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5_000 });
  expect(m?.messageId).toBe('later-1');
  expect(m?.scheduledEnqueueTimeUtc?.getTime()).toBe(due.getTime());
  expect(Date.now()).toBeGreaterThanOrEqual(due.getTime());
  await receiver.completeMessage(m!);
  await receiver.close();
  await sender.close();
});

test('scheduledEnqueueTimeUtc on a plain send schedules the message too', async () => {
  const queue = uniqueQueue('schedule-send');
  const sender = f.client.createSender(queue);
  const due = new Date(Date.now() + 700);
  await sender.sendMessages([{ body: 'now' }, { body: 'later', scheduledEnqueueTimeUtc: due }]);
  expect(f.standIn.stats(queue)).toMatchObject({ active: 1, scheduled: 1 });

  const receiver = f.client.createReceiver(queue);
  const first = await receiver.receiveMessages(2, { maxWaitTimeInMs: 300 });
  expect(first.map((m) => m.body)).toEqual(['now']);
  const [later] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5_000 });
  expect(later?.body).toBe('later');
  expect(Date.now()).toBeGreaterThanOrEqual(due.getTime());
  for (const m of [...first, later!]) await receiver.completeMessage(m);
  await receiver.close();
  await sender.close();
});

test('cancelScheduledMessages removes a scheduled message before it is due', async () => {
  const queue = uniqueQueue('cancel');
  const sender = f.client.createSender(queue);
  const due = new Date(Date.now() + 600);
  const [keep, cancel] = await sender.scheduleMessages([{ body: 'keep' }, { body: 'cancel' }], due);
  await sender.cancelScheduledMessages(cancel!);
  expect(f.standIn.stats(queue)).toMatchObject({ scheduled: 1 });

  await sleep(Math.max(0, due.getTime() - Date.now()) + 200);
  const receiver = f.client.createReceiver(queue);
  const got = await receiver.receiveMessages(5, { maxWaitTimeInMs: 500 });
  expect(got.map((m) => m.body)).toEqual(['keep']);
  expect(got[0]?.sequenceNumber?.toNumber()).toBe(keep?.toNumber());
  await receiver.completeMessage(got[0]!);
  expect(f.standIn.stats(queue)).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 0 });
  await receiver.close();
  await sender.close();
});

test('an unsupported management operation answers 501 with a description', async () => {
  const queue = uniqueQueue('unsupported');
  const sender = f.client.createSender(queue);
  await sender.sendMessages({ body: 'x' });
  const receiver = f.client.createReceiver(queue);
  const [peeked] = await receiver.peekMessages(1);
  // Deferred messages (receive-by-sequence-number) are not part of the stand-in.
  await expect(receiver.receiveDeferredMessages(peeked!.sequenceNumber!)).rejects.toThrow(/does not implement.*receive-by-sequence-number/);
  await sender.close();
  await receiver.close();
});
