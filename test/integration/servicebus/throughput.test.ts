// 3,000 messages through one subscribed receiver, each completed: past rhea's 2,048-slot delivery
// window, so a server that never frees settled deliveries would stall here. No timing assertions.
import { afterAll, beforeAll, expect, test } from 'vitest';

import { eventually, type StandInFixture, startFixture } from './helpers.js';

const TOTAL = 3_000;

let f: StandInFixture;
beforeAll(async () => {
  f = await startFixture({ queues: ['bulk'] });
});
afterAll(async () => {
  await f?.close();
});

test(`${TOTAL} messages flow through one receiver without a stall`, async () => {
  const sender = f.client.createSender('bulk');
  for (let start = 0; start < TOTAL; start += 250) {
    const batch = await sender.createMessageBatch();
    for (let i = start; i < start + 250; i++) {
      if (!batch.tryAddMessage({ body: { i }, messageId: `bulk-${i}` })) throw new Error('batch full');
    }
    await sender.sendMessages(batch);
  }
  expect(f.standIn.stats('bulk').active).toBe(TOTAL);

  const receiver = f.client.createReceiver('bulk');
  const received = new Set<number>();
  let completed = 0;
  const errors: unknown[] = [];
  const subscription = receiver.subscribe(
    {
      processMessage: async (m) => {
        received.add((m.body as { i: number }).i);
        await receiver.completeMessage(m);
        completed++;
      },
      processError: async (args) => {
        errors.push(args.error);
      },
    },
    { autoCompleteMessages: false, maxConcurrentCalls: 10 },
  );
  await eventually(
    () => completed === TOTAL,
    () => `${TOTAL} completions (got ${completed})`,
    50_000,
  );
  await subscription.close();

  expect(received.size).toBe(TOTAL);
  expect(completed).toBe(TOTAL);
  expect(errors).toEqual([]);
  expect(f.standIn.stats('bulk')).toEqual({ active: 0, scheduled: 0, locked: 0, deadLettered: 0 });
  await receiver.close();
  await sender.close();
});
