// Duplicate detection: on by default in the stand-in, keyed by messageId, 10-minute window (Azure's
// default) unless the queue says otherwise.
import { afterAll, beforeAll, expect, test } from 'vitest';

import { sleep, type StandInFixture, startFixture, uniqueQueue } from './helpers.js';

let f: StandInFixture;
beforeAll(async () => {
  f = await startFixture({ queues: [{ name: 'short-window', duplicateDetectionWindowMs: 300 }] });
});
afterAll(async () => {
  await f?.close();
});

test('a second message with the same messageId is accepted by the send but not delivered', async () => {
  const queue = uniqueQueue('dedupe');
  const sender = f.client.createSender(queue);
  await sender.sendMessages({ body: 'first', messageId: 'order-42' });
  await sender.sendMessages({ body: 'second', messageId: 'order-42' }); // does not throw
  await sender.sendMessages([
    { body: 'third', messageId: 'order-42' },
    { body: 'other', messageId: 'order-43' },
  ]);
  expect(f.standIn.stats(queue).active).toBe(2);

  const receiver = f.client.createReceiver(queue);
  const got = await receiver.receiveMessages(5, { maxWaitTimeInMs: 500 });
  expect(got.map((m) => m.body)).toEqual(['first', 'other']);
  for (const m of got) await receiver.completeMessage(m);

  // Still a duplicate after the original was consumed: detection is by history, not by presence.
  await sender.sendMessages({ body: 'late copy', messageId: 'order-42' });
  expect(f.standIn.stats(queue).active).toBe(0);
  await receiver.close();
  await sender.close();
});

test('after the window a messageId may be used again', async () => {
  const sender = f.client.createSender('short-window');
  await sender.sendMessages({ body: 'v1', messageId: 'same' });
  await sender.sendMessages({ body: 'v1 again', messageId: 'same' });
  expect(f.standIn.stats('short-window').active).toBe(1);
  await sleep(400);
  await sender.sendMessages({ body: 'v2', messageId: 'same' });
  expect(f.standIn.stats('short-window').active).toBe(2);
  await sender.close();
});
