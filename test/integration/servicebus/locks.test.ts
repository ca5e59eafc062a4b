// Peek-lock expiry and renewal. Queues here use short lock durations; receivers turn the SDK's
// automatic lock renewal off (maxAutoLockRenewalDurationInMs: 0) so the locks really lapse.
import { afterAll, beforeAll, expect, test } from 'vitest';

import { sleep, type StandInFixture, startFixture } from './helpers.js';

let f: StandInFixture;
beforeAll(async () => {
  f = await startFixture({
    queues: [
      { name: 'expiring', lockDurationMs: 1_000 },
      { name: 'renewable', lockDurationMs: 1_500 },
      { name: 'expiring-max2', lockDurationMs: 500, maxDeliveryCount: 2 },
    ],
  });
});
afterAll(async () => {
  await f?.close();
});

const noAutoRenew = { maxAutoLockRenewalDurationInMs: 0 };

test('an expired lock redelivers with deliveryCount + 1, and the stale settlement fails with MessageLockLost', async () => {
  const sender = f.client.createSender('expiring');
  await sender.sendMessages({ body: 'slow', messageId: 'slow-1' });
  const receiver = f.client.createReceiver('expiring', noAutoRenew);
  const [first] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
  expect(first?.deliveryCount).toBe(0);

  await sleep(1_300); // past the 1 s lock
  const [second] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 3_000 });
  expect(second?.messageId).toBe('slow-1');
  expect(second?.deliveryCount).toBe(1);
  expect(second?.lockToken).not.toBe(first?.lockToken);

  // The first holder's lock is gone: settling it must not complete the redelivered copy.
  await expect(receiver.completeMessage(first!)).rejects.toMatchObject({ code: 'MessageLockLost' });
  expect(f.standIn.stats('expiring')).toMatchObject({ active: 0, locked: 1 });
  await receiver.completeMessage(second!);
  expect(f.standIn.stats('expiring')).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 0 });
  await receiver.close();
  await sender.close();
});

test('renewMessageLock extends the lock and the message is not redelivered while renewed', async () => {
  const sender = f.client.createSender('renewable');
  await sender.sendMessages({ body: 'long job', messageId: 'long-1' });
  const receiver = f.client.createReceiver('renewable', noAutoRenew);
  const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
  const originalUntil = m!.lockedUntilUtc!.getTime();

  await sleep(800);
  const renewedUntil = await receiver.renewMessageLock(m!);
  expect(renewedUntil.getTime()).toBeGreaterThan(originalUntil);
  expect(m!.lockedUntilUtc!.getTime()).toBe(renewedUntil.getTime());

  // Wait past the original expiry: without the renewal the message would be back by now.
  await sleep(Math.max(0, originalUntil - Date.now()) + 300);
  expect(Date.now()).toBeLessThan(renewedUntil.getTime());
  expect(f.standIn.stats('renewable')).toMatchObject({ active: 0, locked: 1 });
  await receiver.completeMessage(m!);
  expect(f.standIn.stats('renewable')).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 0 });

  // Renewing a lock that no longer exists fails the way the SDK expects.
  await expect(receiver.renewMessageLock(m!)).rejects.toMatchObject({ code: 'MessageLockLost' });
  await receiver.close();
  await sender.close();
});

test('lock expiries count toward maxDeliveryCount', async () => {
  const sender = f.client.createSender('expiring-max2');
  await sender.sendMessages({ body: 'never settled', messageId: 'lost-1' });
  const receiver = f.client.createReceiver('expiring-max2', noAutoRenew);
  for (const expected of [0, 1]) {
    const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 3_000 });
    expect(m?.deliveryCount).toBe(expected);
    await sleep(700); // let the 500 ms lock lapse
  }
  expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
  expect(f.standIn.stats('expiring-max2')).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 1 });

  const dlq = f.client.createReceiver('expiring-max2', { subQueueType: 'deadLetter' });
  const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2_000 });
  expect(dead?.messageId).toBe('lost-1');
  expect(dead?.deadLetterReason).toBe('MaxDeliveryCountExceeded');
  await dlq.completeMessage(dead!);
  await dlq.close();
  await receiver.close();
  await sender.close();
});
