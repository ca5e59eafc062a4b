// The MessageBus adapter against the Service Bus stand-in through the unmodified @azure/service-bus SDK.
import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, describe, expect, it } from 'vitest';

import { ServiceBusMessageBus, serviceBusProbe } from '../../../shared/adapters/servicebus/bus.js';
import { stackConfig, unique } from '../helpers.js';

const config = stackConfig();
const client = new ServiceBusClient(config.ServiceBusConnection);
const bus = new ServiceBusMessageBus(client);

afterAll(async () => {
  await bus.close();
  await client.close();
});

async function receiveAll(queue: string, count: number) {
  const receiver = client.createReceiver(queue, { receiveMode: 'receiveAndDelete' });
  const got = [];
  while (got.length < count) {
    const batch = await receiver.receiveMessages(Math.min(100, count - got.length), { maxWaitTimeInMs: 1000 });
    if (batch.length === 0) break;
    got.push(...batch);
  }
  await receiver.close();
  return got;
}

describe('ServiceBusMessageBus', () => {
  it('sends messages with id, JSON body and application properties', async () => {
    const queue = unique('bus');
    await bus.send(queue, [
      { messageId: 'm-1', body: { partnerId: 'p1', n: 1 }, applicationProperties: { partnerId: 'p1' }, subject: 'change' },
      { messageId: 'm-2', body: { partnerId: 'p2', n: 2 } },
    ]);
    const got = await receiveAll(queue, 2);
    expect(got.map((m) => [m.messageId, m.body])).toEqual([
      ['m-1', { partnerId: 'p1', n: 1 }],
      ['m-2', { partnerId: 'p2', n: 2 }],
    ]);
    expect(got[0]!.applicationProperties).toEqual({ partnerId: 'p1' });
    expect(got[0]!.subject).toBe('change');
  });

  it('splits large sends into batches and delivers every message', async () => {
    const queue = unique('bulk');
    const filler = 'x'.repeat(20_000);
    const messages = Array.from({ length: 120 }, (_, i) => ({ messageId: `bulk-${i}`, body: { i, filler } }));
    await bus.send(queue, messages);
    const got = await receiveAll(queue, 120);
    expect(got.map((m) => (m.body as { i: number }).i).sort((a, b) => a - b)).toEqual(messages.map((_, i) => i));
  });

  it('holds a scheduled message until its time', async () => {
    const queue = unique('sched');
    await bus.send(queue, [{ messageId: 'later', body: { x: 1 }, scheduledEnqueueTime: new Date(Date.now() + 60 * 60_000) }]);
    await bus.send(queue, [{ messageId: 'now', body: { x: 2 } }]);
    const got = await receiveAll(queue, 2);
    expect(got.map((m) => m.messageId)).toEqual(['now']);
  });

  it('sends a repeated message id once (duplicate detection keeps sends idempotent)', async () => {
    const queue = unique('dedup');
    await bus.send(queue, [{ messageId: 'same', body: { v: 1 } }]);
    await bus.send(queue, [{ messageId: 'same', body: { v: 1 } }]);
    expect(await receiveAll(queue, 2)).toHaveLength(1);
  });

  it('has a health probe that round-trips to the broker', async () => {
    await expect(serviceBusProbe(client, unique('probe')).check()).resolves.toBeUndefined();
  });
});
