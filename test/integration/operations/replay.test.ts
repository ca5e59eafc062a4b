// `pcs replay` against the stand-ins: dead-lettered messages moved back to their queue (copy with replayOf,
// the dead-lettered one completed), rejected messages re-submitted and their records marked replayed.
import { randomUUID } from 'node:crypto';

import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import { createReplayCommand, replayIdOf, type ReplaySummary } from '../../../shared/cli/commands/replay.js';
import { loadConfig } from '../../../shared/config/config.js';
import type { RejectedMessage } from '../../../shared/handlers/rejections.js';
import { type DocumentCollection, OPERATIONS_PK } from '../../../shared/ports/documentStore.js';
import { type QueueName, QUEUES } from '../../../shared/ports/messageBus.js';
import { unique } from '../helpers.js';

const { settings } = inject('stack');
const env = { ...settings, COSMOS_DATABASE: `it-${randomUUID().slice(0, 8)}` };
const config = loadConfig(env, 'local');
// Queues of this test's own, so no other test's host takes the copies.
const queueNames: Record<QueueName, string> = {
  [QUEUES.partnerChanges]: unique('replay-changes'),
  [QUEUES.partnerRecompute]: unique('replay-recompute'),
  [QUEUES.notifications]: unique('replay-notifications'),
};
const bus = new ServiceBusClient(config.ServiceBusConnection);
const cosmos = createCosmosClient(config);
let ops: DocumentCollection;

beforeAll(async () => {
  ops = createCosmosStore(await ensureCosmosSchema(cosmos, config.COSMOS_DATABASE)).collection('operations');
});
afterAll(async () => {
  await bus.close();
  cosmos.dispose();
});

async function pcsReplay(...args: string[]): Promise<{ code: number; summary: ReplaySummary; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await createReplayCommand({ env, queueNames, receiveWaitMs: 500, now: () => new Date('2026-11-22T08:00:00Z') }).run(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readInput: async () => '',
  });
  return { code, summary: JSON.parse(stdout) as ReplaySummary, stdout, stderr };
}

async function deadLetter(queue: string, messageId: string, body: unknown): Promise<void> {
  await bus
    .createSender(queue)
    .sendMessages({ messageId, body, contentType: 'application/json', applicationProperties: { source: 'test' } });
  const receiver = bus.createReceiver(queue, { receiveMode: 'peekLock' });
  const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  expect(m?.messageId).toBe(messageId);
  await receiver.deadLetterMessage(m!, { deadLetterReason: 'MaxDeliveryCountExceeded', deadLetterErrorDescription: 'store down' });
  await receiver.close();
}

async function drain(queue: string, sub?: 'deadLetter'): Promise<ServiceBusReceivedMessage[]> {
  const receiver = bus.createReceiver(queue, { receiveMode: 'receiveAndDelete', ...(sub ? { subQueueType: sub } : {}) });
  const out: ServiceBusReceivedMessage[] = [];
  for (;;) {
    const batch = await receiver.receiveMessages(10, { maxWaitTimeInMs: 500 });
    if (batch.length === 0) break;
    out.push(...batch);
  }
  await receiver.close();
  return out;
}

describe('pcs replay', () => {
  it('moves one dead-lettered message back, then --all the rest and the rejected ones; JSON alone on stdout', async () => {
    const changes = queueNames[QUEUES.partnerChanges];
    await deadLetter(changes, 'dl-1', { partnerId: '4100001', n: 1 });
    await deadLetter(changes, 'dl-2', { partnerId: '4100001', n: 2 });
    const rejected: RejectedMessage = {
      id: 'sendNotification:bad-1',
      pk: OPERATIONS_PK.rejectedMessages,
      type: 'rejected-message',
      functionName: 'sendNotification',
      messageId: 'bad-1',
      deliveryCount: 1,
      reason: 'body.partnerId: required',
      body: { kind: 'qualified' },
      rejectedAt: '2026-11-21T10:00:00.000Z',
    };
    await ops.upsert(rejected);

    // One message by id: only it moves; the other stays dead-lettered.
    const one = await pcsReplay('dl-1');
    expect(one.code).toBe(0);
    expect(one.stdout.trim().split('\n')).toHaveLength(1);
    expect(one.summary.replayed).toEqual([
      {
        source: 'deadLetter',
        queue: 'partner-changes',
        messageId: 'dl-1',
        replayMessageId: 'dl-1:replay-1',
        reason: 'MaxDeliveryCountExceeded: store down',
      },
    ]);
    expect(one.stderr).toMatch(/replayed dead-lettered dl-1 on partner-changes/);
    const copies = await drain(changes);
    expect(copies.map((m) => [m.messageId, m.body, m.applicationProperties])).toEqual([
      ['dl-1:replay-1', { partnerId: '4100001', n: 1 }, { source: 'test', replayOf: 'dl-1' }],
    ]);

    // --all: the other dead letter and the rejected message.
    const all = await pcsReplay('--all');
    expect(all.code).toBe(0);
    expect(all.summary.replayed.map((r) => [r.source, r.queue, r.messageId])).toEqual([
      ['deadLetter', 'partner-changes', 'dl-2'],
      ['rejected', 'notifications', 'bad-1'],
    ]);
    expect((await drain(changes)).map((m) => m.messageId)).toEqual(['dl-2:replay-1']);
    expect(await drain(changes, 'deadLetter')).toEqual([]);
    const resubmitted = await drain(queueNames[QUEUES.notifications]);
    expect(resubmitted.map((m) => [m.messageId, m.body, m.applicationProperties?.replayOf])).toEqual([
      ['bad-1:replay-1', { kind: 'qualified' }, 'bad-1'],
    ]);
    const record = await ops.read<RejectedMessage>(rejected.id, OPERATIONS_PK.rejectedMessages);
    expect(record?.doc).toMatchObject({ replayedAt: '2026-11-22T08:00:00.000Z', replayMessageId: 'bad-1:replay-1' });

    // Again: nothing dead-lettered, the rejected one already replayed.
    const again = await pcsReplay('--all');
    expect(again.summary.replayed).toEqual([]);
    expect(again.summary.skipped).toEqual([{ messageId: 'bad-1', why: 'already replayed at 2026-11-22T08:00:00.000Z' }]);
    // Named, it goes again, under the next id.
    const named = await pcsReplay('bad-1', '--queue', 'notifications');
    expect(named.summary.replayed.map((r) => r.replayMessageId)).toEqual(['bad-1:replay-2']);
    await drain(queueNames[QUEUES.notifications]);
  });

  it('says so when the message is nowhere, and refuses bad arguments', async () => {
    const missing = await pcsReplay('nope-1');
    expect(missing.code).toBe(1);
    expect(missing.summary.notFound).toEqual(['nope-1']);
    expect(missing.stderr).toMatch(/nope-1: not dead-lettered/);
    let err = '';
    const io = { stdout: () => {}, stderr: (t: string) => void (err += t), readInput: async () => '' };
    expect(await createReplayCommand({ env }).run([], io)).toBe(1);
    expect(await createReplayCommand({ env }).run(['--all', '--queue', 'elsewhere'], io)).toBe(1);
    expect(err).toMatch(/missing MESSAGE_ID/);
    expect(err).toMatch(/--queue needs one of/);
  });

  it('numbers replays of replays', () => {
    expect(replayIdOf('m')).toBe('m:replay-1');
    expect(replayIdOf('m:replay-1')).toBe('m:replay-2');
    expect(replayIdOf('x'.repeat(200))).toHaveLength(128);
  });
});
