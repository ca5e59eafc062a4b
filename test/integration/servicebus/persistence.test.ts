// A Service Bus stand-in with a data directory, run as its own process and killed with SIGKILL:
// what it acknowledged (sends, completions, dead-letters, abandons, scheduled messages, the dedupe
// history) is there after a restart on the same directory; a locked, unsettled message comes back.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'devtools/servicebus/cli.ts');
let dataDir: string;
const children = new Set<ChildProcess>();

/** Starts the CLI on a free port; resolves with the connection string it prints first. */
function startStandIn(): Promise<{ child: ChildProcess; connectionString: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir, '--queue', 'work'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no connection string within 30 s:\n${out}${err}`)), 30_000);
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('Endpoint='));
      if (line) {
        clearTimeout(timer);
        resolve({ child, connectionString: line.trim() });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stand-in exited (${code}):\n${out}${err}`));
    });
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dt-sb-data-'));
});
afterAll(async () => {
  for (const c of children) await kill9(c);
  await rm(dataDir, { recursive: true, force: true });
});

describe('Service Bus stand-in with a data directory', () => {
  test('keeps acknowledged state across kill -9', async () => {
    const first = await startStandIn();
    let client = new ServiceBusClient(first.connectionString);
    const sender = client.createSender('work');
    await sender.sendMessages([
      { body: 'done', messageId: 'm-done' },
      { body: 'poison', messageId: 'm-dead' },
      { body: 'again', messageId: 'm-again' },
      { body: 'held', messageId: 'm-held' },
      { body: 'waiting', messageId: 'm-waiting', applicationProperties: { n: 7 } },
    ]);
    const later = new Date(Date.now() + 60 * 60_000);
    const [scheduledSeq] = await sender.scheduleMessages({ body: 'scheduled', messageId: 'm-scheduled' }, later);
    const receiver = client.createReceiver('work');
    const got = await receiver.receiveMessages(4, { maxWaitTimeInMs: 5_000 });
    expect(got.map((m) => m.messageId)).toEqual(['m-done', 'm-dead', 'm-again', 'm-held']);
    await receiver.completeMessage(got[0]!);
    await receiver.deadLetterMessage(got[1]!, { deadLetterReason: 'Poison', deadLetterErrorDescription: 'cannot parse' });
    await receiver.abandonMessage(got[2]!);
    // got[3] stays locked and unsettled when the process dies.

    await kill9(first.child);
    await client.close().catch(() => {});

    const second = await startStandIn();
    client = new ServiceBusClient(second.connectionString);
    const receiver2 = client.createReceiver('work');
    const back = await receiver2.receiveMessages(10, { maxWaitTimeInMs: 3_000 });
    // Completed: gone. Abandoned: back with its count. Locked: back. Never-received: intact.
    expect(back.map((m) => [m.messageId, m.deliveryCount])).toEqual([
      ['m-again', 1],
      ['m-held', 0],
      ['m-waiting', 0],
    ]);
    expect(back[2]?.applicationProperties).toMatchObject({ n: 7 });
    expect(back[2]?.body).toBe('waiting');
    for (const m of back) await receiver2.completeMessage(m);

    const dlq = client.createReceiver('work', { subQueueType: 'deadLetter' });
    const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 3_000 });
    expect(dead?.messageId).toBe('m-dead');
    expect(dead?.deadLetterReason).toBe('Poison');
    await dlq.completeMessage(dead!);

    const peeked = await receiver2.peekMessages(10, { fromSequenceNumber: scheduledSeq });
    expect(peeked.map((m) => m.messageId)).toEqual(['m-scheduled']);

    // The dedupe history survived too: a resend of a completed message id is dropped.
    const sender2 = client.createSender('work');
    await sender2.sendMessages([
      { body: 'dup', messageId: 'm-done' },
      { body: 'new', messageId: 'm-new' },
    ]);
    const fresh = await receiver2.receiveMessages(5, { maxWaitTimeInMs: 2_000 });
    expect(fresh.map((m) => m.messageId)).toEqual(['m-new']);
    // Sequence numbers keep counting after a restart.
    expect(fresh[0]!.sequenceNumber!.toNumber()).toBeGreaterThan(scheduledSeq!.toNumber());
    await receiver2.completeMessage(fresh[0]!);
    await client.close();
    await kill9(second.child);
  }, 60_000);
});
